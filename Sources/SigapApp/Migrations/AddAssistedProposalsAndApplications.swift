import Fluent
import SQLKit

/// Proposals and service applications remember the pendamping who entered them for a citizen, like reports
/// (`AddAssistedFiling`); each has the index of a facilitator's list of what they helped with.
struct AddAssistedProposalsAndApplications: AsyncMigration {
    static let tables = [
        ("proposals", "proposals_assisted_by_idx"), ("service_applications", "applications_assisted_by_idx"),
    ]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for (table, index) in Self.tables {
            try await database.schema(table).field("assisted_by_id", .uuid, .references("users", "id")).update()
            try await sql.create(index: index).on(table).column("assisted_by_id").column("created_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for (table, index) in Self.tables {
            try await sql.drop(index: index).run()
            try await database.schema(table).deleteField("assisted_by_id").update()
        }
    }
}
