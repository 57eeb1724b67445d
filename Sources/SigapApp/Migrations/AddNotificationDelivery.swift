import Fluent
import SQLKit

/// Issue 5: delivering the outbox (leases, the channel's message id and status), chat links between accounts
/// and Telegram/WhatsApp chats, one-time link codes, conversation state that survives a restart, and each
/// account's notification preferences.
struct AddNotificationDelivery: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let columns: [(String, DatabaseSchema.DataType)] = [
            // who holds the lease: a claim is only completed by the worker that made it
            ("lease_owner", .string),
            // the channel's id of the sent message (WhatsApp status events refer to it)
            ("external_id", .string),
            // sent / delivered / read / failed as the channel reports it
            ("delivery_status", .string),
        ]
        for (name, type) in columns {
            try await database.schema("outbox_messages")
                .field(.definition(name: .key(.string(name)), dataType: type, constraints: [])).update()
        }
        let sql = database as! any SQLDatabase
        try await sql.create(index: "outbox_external_idx").on("outbox_messages").column("external_id").run()

        try await database.schema("chat_links")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("channel", .string, .required)
            // Telegram chat id, or a WhatsApp number as 62…
            .field("chat_id", .string, .required)
            .field("linked_at", .datetime, .required)
            .unique(on: "channel", "chat_id")
            .unique(on: "user_id", "channel")
            .create()

        try await database.schema("chat_link_codes")
            .field("code_hash", .string, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("expires_at", .datetime, .required)
            .create()

        try await database.schema("chat_conversations")
            .id()
            .field("channel", .string, .required)
            .field("chat_id", .string, .required)
            .field("state", .string, .required)
            // WhatsApp: free text is allowed for 24 hours after the person last wrote
            .field("last_inbound_at", .datetime)
            .field("updated_at", .datetime, .required)
            .unique(on: "channel", "chat_id")
            .create()

        try await database.schema("notification_settings")
            .field("user_id", .uuid, .identifier(auto: false), .references("users", "id", onDelete: .cascade))
            // channels beyond in-app, comma-separated (telegram, whatsapp)
            .field("channels", .string, .required)
            // events the person wants on those channels, comma-separated; in-app always lists everything
            .field("events", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["notification_settings", "chat_conversations", "chat_link_codes", "chat_links"] {
            try await database.schema(table).delete()
        }
        try await (database as! any SQLDatabase).drop(index: "outbox_external_idx").run()
        for column in ["lease_owner", "external_id", "delivery_status"] {
            try await database.schema("outbox_messages").deleteField(.string(column)).update()
        }
    }
}
