import Fluent
import SQLKit

/// Issue 16: the information portal — public agenda events (with an iCalendar feed), documents (PDF with their
/// text for search when `pdftotext` is installed) and news (drafts and scheduled publication).
struct CreatePortal: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("agenda_events")
            .field("id", .int, .identifier(auto: true))
            .field("title", .string, .required)
            .field("kind", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("place", .string, .required)
            .field("description", .string, .required)
            .field("agency_id", .uuid, .references("agencies", "id"))
            .field("created_by", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema("documents")
            .field("id", .int, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("number", .string, .required)
            .field("year", .int, .required)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("agency_id", .uuid, .references("agencies", "id"))
            .field("stored_name", .string, .required)
            .field("byte_count", .int, .required)
            .field("text", .string)
            .field("created_by", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("news")
            .field("id", .int, .identifier(auto: true))
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("body", .string, .required)
            .field("cover_stored_name", .string)
            .field("agency_id", .uuid, .references("agencies", "id"))
            .field("author_id", .uuid, .required, .references("users", "id"))
            .field("published_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "agenda_events_start_idx").on("agenda_events").column("starts_at").run()
        try await sql.create(index: "documents_kind_year_idx").on("documents").column("kind").column("year").run()
        try await sql.create(index: "news_published_idx").on("news").column("published_at").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["news", "documents", "agenda_events"] { try await database.schema(table).delete() }
    }
}
