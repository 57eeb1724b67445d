import Fluent
import SQLKit

/// Practice sessions (sosialisasi) and what participants did in them. Practice lives in its own tables, never in
/// reports, proposals or surveys: no queue, statistic, search index, open-data export or notification reads
/// these, so practice cannot leak into them, and closing a session deletes its entries.
struct CreatePracticeSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("practice_sessions")
            .field("id", .int, .identifier(auto: true))
            .field("code", .string, .required)
            .field("title", .string, .required)
            .field("place", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("facilitator_id", .uuid, .required, .references("users", "id"))
            .field("agenda_event_id", .int, .references("agenda_events", "id"))
            .field("created_at", .datetime, .required)
            .field("closed_at", .datetime)
            .unique(on: "code")
            .create()
        try await database.schema("practice_entries")
            .field("id", .int, .identifier(auto: true))
            .field("session_id", .int, .required, .references("practice_sessions", "id"))
            .field("participant_key", .string, .required)
            .field("participant_name", .string, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "practice_entries_session_idx").on("practice_entries").column("session_id")
            .column("id").run()
        try await sql.create(index: "practice_sessions_facilitator_idx").on("practice_sessions")
            .column("facilitator_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("practice_entries").delete()
        try await database.schema("practice_sessions").delete()
    }
}
