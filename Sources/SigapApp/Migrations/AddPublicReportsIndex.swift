import Fluent
import SQLKit

/// `reports_public_idx` and `reports_public_created_idx`: the ids and the filing times of the reports the public
/// may list (`ReportQueries.publicOnly`), so the public list and the open-data export (by id) and Open311's
/// window (by time) walk those alone. Measured (issue 20): after a burst of 15,000 unverified reports the public
/// list fell from about 1,800 to 280 requests a second, and Open311's newest 1,000 took 97 ms, each request
/// stepping over them.
struct AddPublicReportsIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw(
            "CREATE INDEX reports_public_idx ON reports (id) WHERE published AND privacy <> 'rahasia' AND merged_into_id IS NULL"
        ).run()
        try await sql.raw(
            "CREATE INDEX reports_public_created_idx ON reports (created_at) WHERE published AND privacy <> 'rahasia' AND merged_into_id IS NULL"
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX reports_public_created_idx").run()
        try await (database as! any SQLDatabase).raw("DROP INDEX reports_public_idx").run()
    }
}
