import Fluent
import SQLKit

struct CreateReportPhotosAndSupports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("report_photos")
            .id()
            .field("report_id", .int, .required, .references("reports", "id"))
            .field("stored_name", .string, .required)
            .field("content_type", .string, .required)
            .field("byte_count", .int, .required)
            .field("hidden", .bool, .required)
            .field("from_staff", .bool, .required)
            .field("uploader_id", .uuid)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("report_supports")
            .id()
            .field("report_id", .int, .required, .references("reports", "id"))
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .unique(on: "report_id", "user_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "report_photos_report_idx").on("report_photos").column("report_id").run()
        try await sql.create(index: "report_supports_user_idx").on("report_supports").column("user_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("report_supports").delete()
        try await database.schema("report_photos").delete()
    }
}
