import Fluent
import Foundation
import SigapCore

/// Where a chat stands in `ChatBot`'s conversation, per channel and chat, so a restart loses nothing.
final class ChatConversation: Model, @unchecked Sendable {
    static let schema = "chat_conversations"

    @ID(key: .id) var id: UUID?
    @Field(key: "channel") var channel: OutboxMessage.Channel
    @Field(key: "chat_id") var chatID: String
    /// `ChatBot.State` as JSON.
    @Field(key: "state") var state: String
    @OptionalField(key: "last_inbound_at") var lastInboundAt: Date?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var botState: ChatBot.State {
        get { (try? JSONDecoder().decode(ChatBot.State.self, from: Data(state.utf8))) ?? ChatBot.State() }
        set { state = String(decoding: (try? JSONEncoder().encode(newValue)) ?? Data("{}".utf8), as: UTF8.self) }
    }
}
