import Fluent
import SQLKit

struct CreateReportEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("report_events")
            .field("id", .int, .identifier(auto: true))
            .field("report_id", .int, .required, .references("reports", "id"))
            .field("occurred_at", .datetime, .required)
            .field("kind", .string, .required)
            .field("visibility", .string, .required)
            .field("actor_id", .uuid)
            .field("actor_role", .string)
            .field("from_status", .string)
            .field("to_status", .string)
            .field("body", .string, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "report_events_report_idx")
            .on("report_events").column("report_id").column("id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("report_events").delete()
    }
}
