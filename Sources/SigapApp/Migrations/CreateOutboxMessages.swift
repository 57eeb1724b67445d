import Fluent
import SQLKit

struct CreateOutboxMessages: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("outbox_messages")
            .field("id", .int, .identifier(auto: true))
            .field("recipient_user_id", .uuid, .references("users", "id"))
            .field("recipient_contact_cipher", .string)
            .field("channel", .string, .required)
            .field("event", .string, .required)
            .field("report_id", .int)
            .field("payload", .string, .required)
            .field("created_at", .datetime, .required)
            .field("available_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("lease_until", .datetime)
            .field("sent_at", .datetime)
            .field("failed_at", .datetime)
            .field("last_error", .string)
            .field("read_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        // delivery: due rows not yet sent
        try await sql.create(index: "outbox_due_idx").on("outbox_messages").column("sent_at").column("available_at")
            .run()
        // a person's in-app notifications
        try await sql.create(index: "outbox_recipient_idx").on("outbox_messages").column("recipient_user_id").column(
            "id"
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("outbox_messages").delete()
    }
}
