import Fluent
import Foundation

/// "Saya juga mengalami": one citizen supports one report once and then follows it.
final class ReportSupport: Model, @unchecked Sendable {
    static let schema = "report_supports"

    @ID(key: .id) var id: UUID?
    @Field(key: "report_id") var reportID: Int
    @Field(key: "user_id") var userID: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(reportID: Int, userID: UUID, at: Date) {
        self.reportID = reportID
        self.userID = userID
        self.createdAt = at
    }
}
