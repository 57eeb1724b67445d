import Fluent
import Foundation

/// A bearer token for API clients (`POST /api/v1/tokens`), stored only as a SHA-256 hash. It ends at
/// `expires_at`, when revoked (by its owner, or by anything that signs the account out everywhere), and for
/// staff after the idle time of a staff session.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    /// Written at most once a minute, like a session's last-seen time.
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    /// What the client called itself (its `client` field or User-Agent), shortened, for the account page.
    @OptionalField(key: "client") var client: String?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(userID: UUID, tokenHash: String, createdAt: Date, expiresAt: Date, client: String?) {
        self.userID = userID
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.client = client
    }

    /// Revokes every live token of an account.
    static func revokeAll(of userID: UUID, on db: any Database, at now: Date) async throws {
        try await query(on: db).filter(\.$userID == userID).filter(\.$revokedAt == nil).set(\.$revokedAt, to: now)
            .update()
    }
}
