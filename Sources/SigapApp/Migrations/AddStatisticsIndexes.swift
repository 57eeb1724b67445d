import Fluent
import SQLKit

/// Indexes the statistics read (issue 20, measured at 1M reports):
/// - `reports_tally_idx`: every column `ReportTallyQuery` reads, by filing time, for reports that are not merged
///   duplicates (the condition written as in the query, so SQLite matches the partial index). Counting a year
///   walked `reports_created_idx` and then each row of the table (1.4 GB, a read per page): 2.8 s for the grouped
///   count alone, 1.6 s from the index alone.
/// - `reports_resolved_idx`: reports resolved in a period per agency, for the people served behind the
///   satisfaction index (a scan of the whole table before).
struct AddStatisticsIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw(
            """
            CREATE INDEX reports_tally_idx ON reports (created_at, agency_id, kecamatan_id, privacy, status, late,
              responded_at, response_due_at, resolved_at, rating, clock_started_at) WHERE merged_into_id IS NULL
            """
        ).run()
        try await sql.raw(
            "CREATE INDEX reports_resolved_idx ON reports (resolved_at, agency_id) WHERE resolved_at IS NOT NULL"
        ).run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX reports_resolved_idx").run()
        try await sql.raw("DROP INDEX reports_tally_idx").run()
    }
}
