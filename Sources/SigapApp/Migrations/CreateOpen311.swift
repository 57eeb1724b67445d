import Fluent
import SQLKit

/// Issue 19: the keys integrations POST Open311 requests with (only a SHA-256 of each is kept), and which
/// integration filed which report under which token.
struct CreateOpen311: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("open311_keys")
            .id()
            .field("name", .string, .required)
            .field("contact", .string, .required)
            .field("key_hash", .string, .required)
            // The key's first characters, so an admin tells keys apart without the key being kept.
            .field("key_hint", .string, .required)
            .field("created_by", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "key_hash")
            .create()
        try await database.schema("open311_requests")
            .id()
            .field("token", .string, .required)
            .field("report_id", .int, .required, .references("reports", "id"))
            .field("key_id", .uuid, .required, .references("open311_keys", "id"))
            .field("created_at", .datetime, .required)
            .unique(on: "token")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "open311_requests_report_idx").on("open311_requests").column("report_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("open311_requests").delete()
        try await database.schema("open311_keys").delete()
    }
}
