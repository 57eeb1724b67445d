import Fluent
import SigapCore
import Vapor

/// `/dasbor/pimpinan`: how every agency keeps its promise, the weekly trend, and the escalation list. For the
/// Bupati's office (`pimpinan`) and administrators; every other role is refused.
struct LeadershipController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("dasbor", "pimpinan").requiring(.viewLeadershipDashboard)
            .get(use: show)
    }

    struct EscalationRow {
        let number: String
        let url: String
        let title: String
        let agency: String
        let what: String
        let at: String
    }

    struct LeadershipPage {
        let page: PageContext
        let stats: StatsView
        let escalations: [EscalationRow]?
    }

    static let escalationsShown = 30

    func show(req: Request) async throws -> Response {
        let period = ServiceStatsQuery.Period.parse(req.query[String.self, at: "periode"], now: req.now)
        let report = try await PerformanceReport.build(period: period, publicOnly: false, request: req)
        let agencies = report.agencies.map { line in
            var line = line
            line.drillDown = SiteURL.page(
                1, of: SiteURL.staffQueue, keeping: ["agency": line.code, "terlambat": "1", "urut": "terlama"])
            return line
        }
        return req.page(
            LeadershipPage(
                page: PageContext(req, title: req.t("leadership.title")),
                stats: report.view(
                    tables: [
                        StatsTable(
                            title: req.t("performance.by_agency"), groupLabel: req.t("report.agency"), lines: agencies)
                    ], request: req),
                escalations: try await recentEscalations(req).nilIfEmpty))
    }

    /// The newest entries of the escalation list, newest first (`escalations_recent_idx`).
    private func recentEscalations(_ req: Request) async throws -> [EscalationRow] {
        let reference = try await req.reference()
        let entries = try await Escalation.query(on: req.db).sort(\.$createdAt, .descending).sort(\.$id, .descending)
            .limit(Self.escalationsShown).all()
        let reports = try await Report.query(on: req.db).filter(\.$id ~~ entries.map(\.reportID)).all()
        let byID = Dictionary(uniqueKeysWithValues: reports.map { ($0.id!, $0) })
        return entries.compactMap { entry in
            guard let report = byID[entry.reportID] else { return nil }
            return EscalationRow(
                number: report.number, url: SiteURL.staffReport(report.number), title: report.title,
                agency: reference.agencyNames[entry.agencyID] ?? "",
                what: entry.kind == .response
                    ? req.t("leadership.escalation.response", String(entry.level))
                    : req.t("leadership.escalation.resolution"),
                at: req.localDateTime(entry.createdAt))
        }
    }
}
