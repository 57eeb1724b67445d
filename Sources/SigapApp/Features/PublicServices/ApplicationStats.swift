import Fluent
import Foundation
import SQLKit
import SigapCore

/// Service applications per service over a period, for `/transparansi` and the leadership dashboard: how many
/// were submitted and decided, how many of the decided were late, and how many wait now (and how many of those
/// are past their time). One grouped query over `service_applications`.
enum ApplicationStats {
    struct Row: Sendable {
        let service: String
        let agency: String
        let submitted: Int
        let decided: Int
        let decidedLate: Int
        let open: Int
        let openLate: Int
    }

    static func rows(from: Date, to: Date, now: Date, on db: any Database, reference: ReferenceCache.Snapshot)
        async throws -> [Row]
    {
        let rows = try await (db as! any SQLDatabase).raw(
            """
            SELECT s.name AS name, s.agency_id AS agency_id,
              SUM(CASE WHEN a.submitted_at >= \(bind: from) AND a.submitted_at < \(bind: to) THEN 1 ELSE 0 END) AS submitted,
              SUM(CASE WHEN a.finished_at >= \(bind: from) AND a.finished_at < \(bind: to) THEN 1 ELSE 0 END) AS decided,
              SUM(CASE WHEN a.finished_at >= \(bind: from) AND a.finished_at < \(bind: to) AND a.late = \(bind: true)
                  THEN 1 ELSE 0 END) AS decided_late,
              SUM(CASE WHEN a.status IN ('diajukan', 'diperiksa', 'perlu_perbaikan') THEN 1 ELSE 0 END) AS open,
              SUM(CASE WHEN a.status IN ('diajukan', 'diperiksa') AND a.due_at < \(bind: now) THEN 1 ELSE 0 END)
                AS open_late
            FROM public_services s JOIN service_applications a ON a.service_id = s.id
            GROUP BY s.id, s.name, s.agency_id ORDER BY s.name
            """
        ).all()
        func count(_ row: any SQLRow, _ column: String) -> Int {
            (try? row.decode(column: column, as: Int?.self)) ?? 0
        }
        return rows.map { row in
            Row(
                service: (try? row.decode(column: "name", as: String.self)) ?? "",
                agency: (try? row.decode(column: "agency_id", as: UUID.self)).flatMap { reference.agencyNames[$0] }
                    ?? "",
                submitted: count(row, "submitted"), decided: count(row, "decided"),
                decidedLate: count(row, "decided_late"), open: count(row, "open"), openLate: count(row, "open_late"))
        }.filter { $0.submitted + $0.decided + $0.open > 0 }
    }

    static func render(_ rows: [Row], _ page: Page) -> HTML {
        guard !rows.isEmpty else { return "" }
        return """
            <section><h2>\(page.t("application.stats_title"))</h2>
            \(DataTable.render(
                columns: [
                    page.t("application.service"), page.t("report.agency"), page.t("application.stats_submitted"),
                    page.t("application.stats_decided"), page.t("application.stats_decided_late"),
                    page.t("application.stats_open"),
                ], rows: rows, class: "applications-stats") { r in
                    ["\(r.service)", "\(r.agency)", "\(String(r.submitted))", "\(String(r.decided))",
                     "\(String(r.decidedLate))", "\(String(r.open))\(when: r.openLate > 0, " <span class=\"late\">(\(String(r.openLate)) \(page.t("report.late")))</span>")"]
                })
            </section>
            """
    }
}
