import Fluent
import SQLKit

/// Issue 4: deadlines and escalation on reports, the region's own calendar days, the leadership escalation
/// list, and the stored category-suggestion model.
struct AddServiceLevels: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per ALTER TABLE: SQLite adds a single column per statement.
        let columns: [(String, DatabaseSchema.DataType, [DatabaseSchema.FieldConstraint])] = [
            // when the current agency's clock started: filing, then each reassignment
            ("clock_started_at", .datetime, []),
            ("response_due_at", .datetime, []),
            ("resolution_due_at", .datetime, []),
            ("responded_at", .datetime, []),
            ("late", .bool, [.required, .sql(.default(false))]),
            ("escalation_level", .int, [.required, .sql(.default(0))]),
            ("resolution_late", .bool, [.required, .sql(.default(false))]),
            // the next moment the sweep must look at the report; null when nothing more can fall due
            ("sla_check_at", .datetime, []),
        ]
        for (name, type, constraints) in columns {
            try await database.schema("reports")
                .field(.definition(name: .key(.string(name)), dataType: type, constraints: constraints)).update()
        }
        let sql = database as! any SQLDatabase
        // Reports filed before deadlines existed get theirs from the first sweep (it fills missing deadlines).
        try await sql.raw(
            """
            UPDATE reports SET clock_started_at = created_at, sla_check_at = created_at
            WHERE status NOT IN ('selesai', 'ditolak', 'ditutup')
            """
        ).run()
        try await sql.raw("UPDATE reports SET clock_started_at = created_at WHERE clock_started_at IS NULL").run()
        // the sweep: reports with something falling due, soonest first
        try await sql.create(index: "reports_sla_check_idx").on("reports").column("sla_check_at").run()
        // dashboards and transparency: reports filed in a period
        try await sql.create(index: "reports_created_idx").on("reports").column("created_at").run()

        try await database.schema("calendar_days")
            .id()
            .field("date", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("created_by", .uuid, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .unique(on: "date")
            .create()

        try await database.schema("escalations")
            .field("id", .int, .identifier(auto: true))
            .field("report_id", .int, .required, .references("reports", "id"))
            .field("agency_id", .uuid, .required, .references("agencies", "id"))
            .field("kind", .string, .required)
            .field("level", .int, .required)
            .field("due_at", .datetime, .required)
            .field("created_at", .datetime, .required)
            // a second sweep, or a second node, cannot add the same escalation twice
            .unique(on: "report_id", "kind", "level", "due_at")
            .create()
        try await sql.create(index: "escalations_recent_idx").on("escalations").column("created_at").run()

        try await database.schema("category_models")
            .field("name", .string, .identifier(auto: false))
            .field("model", .string, .required)
            .field("examples", .int, .required)
            .field("trained_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("category_models").delete()
        try await database.schema("escalations").delete()
        try await database.schema("calendar_days").delete()
        let sql = database as! any SQLDatabase
        try await sql.drop(index: "reports_sla_check_idx").run()
        try await sql.drop(index: "reports_created_idx").run()
        for column in [
            "clock_started_at", "response_due_at", "resolution_due_at", "responded_at", "late", "escalation_level",
            "resolution_late", "sla_check_at",
        ] {
            try await database.schema("reports").deleteField(.string(column)).update()
        }
    }
}
