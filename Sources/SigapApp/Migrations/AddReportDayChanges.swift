import Fluent
import SQLKit

/// `report_day_changes`: per UTC day of filing, how many times a report filed that day was inserted, changed in
/// a column the statistics read, or deleted — counted by the database itself (a trigger), so no write path can
/// forget it. `ReportTally` keeps each local day's numbers in memory and recounts only the days whose counter
/// moved, instead of re-reading a whole period (a year at 1M reports took 15 s and 1.1 GB). Every node reads
/// the same counters, so two servers stay current alike.
struct AddReportDayChanges: AsyncMigration {
    /// The columns `ServiceStatsQuery` and `ReportTallyQuery` read; changes to others leave the numbers alone.
    static let watchedColumns = [
        "agency_id", "kecamatan_id", "clock_started_at", "response_due_at", "responded_at", "status", "resolved_at",
        "late", "rating", "merged_into_id", "privacy",
    ]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw(
            "CREATE TABLE report_day_changes (day BIGINT PRIMARY KEY, changes BIGINT NOT NULL)"
        ).run()
        let columns = Self.watchedColumns.joined(separator: ", ")
        if sql.dialect.name == "sqlite" {
            // `created_at` is stored as seconds since 1970 (REAL).
            func trigger(_ name: String, _ event: String, _ row: String) -> SQLQueryString {
                """
                CREATE TRIGGER \(unsafeRaw: name) AFTER \(unsafeRaw: event) ON reports BEGIN
                  INSERT INTO report_day_changes (day, changes)
                  VALUES (CAST(\(unsafeRaw: row).created_at / 86400 AS INTEGER), 1)
                  ON CONFLICT (day) DO UPDATE SET changes = changes + 1;
                END
                """
            }
            try await sql.raw(trigger("reports_day_inserted", "INSERT", "NEW")).run()
            try await sql.raw(trigger("reports_day_updated", "UPDATE OF \(columns)", "NEW")).run()
            try await sql.raw(trigger("reports_day_deleted", "DELETE", "OLD")).run()
        } else {
            try await sql.raw(
                """
                CREATE FUNCTION report_day_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE filed timestamptz;
                BEGIN
                  IF TG_OP = 'DELETE' THEN filed := OLD.created_at; ELSE filed := NEW.created_at; END IF;
                  INSERT INTO report_day_changes (day, changes)
                  VALUES (FLOOR(EXTRACT(EPOCH FROM filed) / 86400)::BIGINT, 1)
                  ON CONFLICT (day) DO UPDATE SET changes = report_day_changes.changes + 1;
                  RETURN NULL;
                END $$
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER reports_day_changed AFTER INSERT OR DELETE OR UPDATE OF \(unsafeRaw: columns)
                ON reports FOR EACH ROW EXECUTE FUNCTION report_day_changed()
                """
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "sqlite" {
            for name in ["reports_day_inserted", "reports_day_updated", "reports_day_deleted"] {
                try await sql.raw("DROP TRIGGER \(unsafeRaw: name)").run()
            }
        } else {
            try await sql.raw("DROP TRIGGER reports_day_changed ON reports").run()
            try await sql.raw("DROP FUNCTION report_day_changed()").run()
        }
        try await sql.raw("DROP TABLE report_day_changes").run()
    }
}
