import Fluent
import Foundation
import SigapCore

/// A one-time code shown on the account page; sending `/start <code>` to the bot links that chat to the
/// account. Stored hashed, valid for `lifetime`.
final class ChatLinkCode: Model, @unchecked Sendable {
    static let schema = "chat_link_codes"
    static let lifetime: TimeInterval = 15 * 60

    @ID(custom: "code_hash", generatedBy: .user) var id: String?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    /// A fresh code for `userID` (older ones of the account are removed); returns the code itself.
    static func issue(for userID: UUID, on db: any Database, now: Date) async throws -> String {
        try await ChatLinkCode.query(on: db).filter(\.$userID == userID).delete()
        let code = SecretToken.urlSafe(bytes: 12)
        let row = ChatLinkCode()
        row.id = SecretToken.digest(code)
        row.userID = userID
        row.expiresAt = now.addingTimeInterval(lifetime)
        try await row.create(on: db)
        return code
    }
}
