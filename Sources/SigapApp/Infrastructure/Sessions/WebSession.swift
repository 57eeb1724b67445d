import Fluent
import Foundation

/// A browser session. The row is keyed by the SHA-256 of the cookie value, so a copy of the database
/// cannot be replayed as cookies.
final class WebSession: Model, @unchecked Sendable {
    static let schema = "web_sessions"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @OptionalField(key: "user_id") var userID: UUID?
    /// JSON of the session's key/value pairs (user id, two-factor state, CSRF token).
    @Field(key: "data") var data: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date

    init() {}

    init(id: String, userID: UUID?, data: String, now: Date) {
        self.id = id
        self.userID = userID
        self.data = data
        self.createdAt = now
        self.lastSeenAt = now
    }
}
