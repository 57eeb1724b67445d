import Fluent
import Foundation

final class LoginFailure: Model, @unchecked Sendable {
    static let schema = "login_failures"

    @ID(key: .id) var id: UUID?
    @Field(key: "throttle_key") var throttleKey: String
    @Field(key: "failed_at") var failedAt: Date

    init() {}

    init(throttleKey: String, failedAt: Date) {
        self.throttleKey = throttleKey
        self.failedAt = failedAt
    }
}
