import Fluent
import SQLKit

/// Reports remember the pendamping who filed them for a citizen (`reports_assisted_by_idx`: a facilitator's
/// list of the reports they helped with).
struct AddAssistedFiling: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("reports").field("assisted_by_id", .uuid, .references("users", "id")).update()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "reports_assisted_by_idx").on("reports").column("assisted_by_id").column("id").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.drop(index: "reports_assisted_by_idx").run()
        try await database.schema("reports").deleteField("assisted_by_id").update()
    }
}
