import Fluent
import SQLKit

/// Issue 12: chat webhooks are safe to receive twice. Each incoming update or message is remembered by the
/// channel's own id for a week; a second delivery of the same id is acknowledged and ignored.
struct AddChatInbound: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("chat_inbound")
            .field("channel", .string, .required)
            // Telegram's update_id, WhatsApp's message id
            .field("external_id", .string, .required)
            .field("received_at", .datetime, .required)
            .unique(on: "channel", "external_id")
            .create()
        try await (database as! any SQLDatabase).create(index: "chat_inbound_received_idx").on("chat_inbound")
            .column("received_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("chat_inbound").delete()
    }
}
