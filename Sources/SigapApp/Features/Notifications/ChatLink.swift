import Fluent
import Foundation

/// An account's Telegram chat or WhatsApp number, linked by the person (Telegram: a one-time code).
final class ChatLink: Model, @unchecked Sendable {
    static let schema = "chat_links"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "channel") var channel: OutboxMessage.Channel
    @Field(key: "chat_id") var chatID: String
    @Field(key: "linked_at") var linkedAt: Date

    init() {}

    init(userID: UUID, channel: OutboxMessage.Channel, chatID: String, at: Date) {
        self.userID = userID
        self.channel = channel
        self.chatID = chatID
        self.linkedAt = at
    }
}
