import Fluent
import Foundation
import SQLKit
import SigapCore

/// Counts the reports filed in a time range per local day, agency, kecamatan and confidentiality, for
/// `ReportTally`: the counters by the database (a grouped scan of `reports_tally_idx`), then, per group, what
/// counters cannot carry as lists — the times of answered reports (working hours need the calendar) and the
/// deadlines of unanswered reports still ahead. Merged duplicates are left out, as everywhere in the statistics.
enum ReportTallyQuery {
    struct Key: Hashable, Sendable {
        let agency: UUID
        let kecamatan: UUID
        let confidential: Bool
    }

    typealias Days = [Int: [Key: ServiceStats.Tally]]

    /// The tallies of the reports filed in `[from, to)`, by local day (days since 1970 at `offset` seconds from
    /// UTC), with deadlines judged at `asOf`.
    static func tallies(
        from: Date, to: Date, offset: Int, asOf: Date, calendar: WorkCalendar, on db: any Database
    ) async throws -> Days {
        let sql = db as! any SQLDatabase
        let day = localDay(offset: offset, dialect: sql.dialect.name)
        let range: SQLQueryString =
            "created_at >= \(bind: from) AND created_at < \(bind: to) AND merged_into_id IS NULL"
        let open = ReportStatus.openStatuses.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        var days: Days = [:]

        let counters = try await sql.raw(
            """
            SELECT \(unsafeRaw: day) AS day, agency_id, kecamatan_id, privacy = 'rahasia' AS confidential,
              COUNT(*) AS received,
              SUM(CASE WHEN status IN (\(unsafeRaw: open)) THEN 1 ELSE 0 END) AS open,
              SUM(CASE WHEN late AND status IN (\(unsafeRaw: open)) THEN 1 ELSE 0 END) AS late_now,
              SUM(CASE WHEN responded_at IS NOT NULL THEN 1 ELSE 0 END) AS answered,
              SUM(CASE WHEN responded_at <= response_due_at THEN 1 ELSE 0 END) AS answered_on_time,
              SUM(CASE WHEN resolved_at IS NOT NULL THEN 1 ELSE 0 END) AS resolved,
              COUNT(rating) AS rated, CAST(COALESCE(SUM(rating), 0) AS BIGINT) AS rating_sum,
              SUM(CASE WHEN responded_at IS NULL AND response_due_at <= \(bind: asOf) THEN 1 ELSE 0 END) AS overdue
            FROM reports WHERE \(range)
            GROUP BY 1, 2, 3, 4
            """
        ).all()
        for row in counters {
            var tally = ServiceStats.Tally()
            tally.received = try row.decode(column: "received", as: Int.self)
            tally.open = try row.decode(column: "open", as: Int.self)
            tally.lateNow = try row.decode(column: "late_now", as: Int.self)
            tally.answered = try row.decode(column: "answered", as: Int.self)
            tally.answeredOnTime = try row.decode(column: "answered_on_time", as: Int.self)
            tally.resolved = try row.decode(column: "resolved", as: Int.self)
            tally.rated = try row.decode(column: "rated", as: Int.self)
            tally.ratingSum = try row.decode(column: "rating_sum", as: Int.self)
            tally.unansweredOverdue = try row.decode(column: "overdue", as: Int.self)
            days[try row.decode(column: "day", as: Int.self), default: [:]][try key(row)] = tally
        }

        // The times behind the median and the deadlines still ahead, one list per group (a row per report
        // decoded through SQLKit cost 30 µs: 160,000 reports filed in a day took 5 s to count).
        let sqlite = sql.dialect.name == "sqlite"
        func epoch(_ column: String) -> String {
            sqlite ? "printf('%!.17g', \(column))" : "EXTRACT(EPOCH FROM \(column))::text"
        }
        let list = sqlite ? "group_concat" : "string_agg"
        let timed = try await sql.raw(
            """
            SELECT \(unsafeRaw: day) AS day, agency_id, kecamatan_id, privacy = 'rahasia' AS confidential,
              \(unsafeRaw: list)(CASE WHEN responded_at IS NOT NULL
                THEN \(unsafeRaw: epoch("COALESCE(clock_started_at, created_at)")) || ' ' || \(unsafeRaw: epoch("responded_at"))
                END, ',') AS answered,
              \(unsafeRaw: list)(CASE WHEN responded_at IS NULL THEN \(unsafeRaw: epoch("response_due_at")) END, ',')
                AS pending
            FROM reports WHERE \(range) AND (responded_at IS NOT NULL OR response_due_at > \(bind: asOf))
            GROUP BY 1, 2, 3, 4
            """
        ).all()
        func date(_ text: Substring) -> Date? { Double(text).map(Date.init(timeIntervalSince1970:)) }
        for row in timed {
            let (day, key) = (try row.decode(column: "day", as: Int.self), try key(row))
            var tally = days[day]?[key] ?? ServiceStats.Tally()
            for pair in try row.decode(column: "answered", as: String?.self)?.split(separator: ",") ?? [] {
                let times = pair.split(separator: " ")
                guard times.count == 2, let started = date(times[0]), let responded = date(times[1]) else { continue }
                tally.responseHours.append(calendar.workingSeconds(from: started, to: responded) / 3600)
            }
            for due in try row.decode(column: "pending", as: String?.self)?.split(separator: ",") ?? [] {
                if let due = date(due) { tally.pendingDeadlines.append(due) }
            }
            days[day, default: [:]][key] = tally
        }
        return days
    }

    private static func key(_ row: any SQLRow) throws -> Key {
        Key(
            agency: try row.decode(column: "agency_id", as: UUID.self),
            kecamatan: try row.decode(column: "kecamatan_id", as: UUID.self),
            confidential: try row.decode(column: "confidential", as: Bool.self))
    }

    /// The local day of `created_at` in SQL: SQLite keeps it as seconds since 1970, PostgreSQL as a timestamp.
    static func localDay(offset: Int, dialect: String) -> String {
        dialect == "sqlite"
            ? "CAST((created_at + \(offset)) / 86400 AS INTEGER)"
            : "FLOOR((EXTRACT(EPOCH FROM created_at) + \(offset)) / 86400)::BIGINT"
    }
}
