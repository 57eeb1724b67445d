import Fluent
import SQLKit

struct CreateReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("report_counters")
            .field("year", .int, .identifier(auto: false))
            .field("last", .int, .required)
            .create()
        try await database.schema("reports")
            .field("id", .int, .identifier(auto: true))
            .field("number", .string, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("address", .string, .required)
            .field("latitude", .double)
            .field("longitude", .double)
            .field("privacy", .string, .required)
            .field("status", .string, .required)
            .field("supporters_count", .int, .required)
            .field("rating", .int)
            .field("rating_comment", .string)
            .field("reporter_id", .uuid, .references("users", "id"))
            .field("guest_contact_cipher", .string)
            .field("follow_token_hash", .string)
            .field("category_id", .uuid, .required, .references("categories", "id"))
            .field("agency_id", .uuid, .required, .references("agencies", "id"))
            .field("desa_id", .uuid, .required, .references("desa", "id"))
            .field("kecamatan_id", .uuid, .required, .references("kecamatan", "id"))
            .field("merged_into_id", .int, .references("reports", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("resolved_at", .datetime)
            .unique(on: "number")
            .create()
        let sql = database as! any SQLDatabase
        // The hot reads, each with the index it uses:
        // staff queue: agency + status, newest first
        try await sql.create(index: "reports_queue_idx").on("reports").column("agency_id").column("status").column("id")
            .run()
        // staff queue newest first across several statuses: walk the agency's reports by id, filter status
        try await sql.create(index: "reports_agency_recent_idx").on("reports").column("agency_id").column("id").run()
        // map pins and "nearby" duplicates: a latitude range, then longitude
        try await sql.create(index: "reports_location_idx").on("reports").column("latitude").column("longitude").run()
        // public list filters, newest first
        try await sql.create(index: "reports_category_idx").on("reports").column("category_id").column("id").run()
        try await sql.create(index: "reports_kecamatan_idx").on("reports").column("kecamatan_id").column("id").run()
        try await sql.create(index: "reports_status_idx").on("reports").column("status").column("id").run()
        // "Laporan saya"
        try await sql.create(index: "reports_reporter_idx").on("reports").column("reporter_id").column("id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reports").delete()
        try await database.schema("report_counters").delete()
    }
}
