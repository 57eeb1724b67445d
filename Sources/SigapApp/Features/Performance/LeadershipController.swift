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
        /// Service applications per service in the same period.
        var applications: [ApplicationStats.Row] = []
        /// This year's satisfaction index per agency.
        var satisfaction: [Surveys.Row] = []
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
                applications: report.applications, satisfaction: report.satisfaction,
                escalations: try await recentEscalations(req).nilIfEmpty))
    }

    /// The reports escalated most recently, each once at its highest level, newest first (read from the newest
    /// entries, `escalations_recent_idx`).
    private func recentEscalations(_ req: Request) async throws -> [EscalationRow] {
        let reference = try await req.reference()
        let newest = try await Escalation.query(on: req.db).sort(\.$createdAt, .descending).sort(\.$id, .descending)
            .limit(Self.escalationsShown * 10).all()
        let entries = Self.highestPerReport(newest).prefix(Self.escalationsShown)
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

    /// One entry per report: its highest (the resolution deadline above the response levels, then the higher
    /// level), in the order the reports were last escalated.
    static func highestPerReport(_ newestFirst: [Escalation]) -> [Escalation] {
        func rank(_ entry: Escalation) -> (Int, Int) { (entry.kind == .resolution ? 1 : 0, entry.level) }
        var best: [Int: Escalation] = [:]
        var order: [Int] = []
        for entry in newestFirst {
            guard let current = best[entry.reportID] else {
                best[entry.reportID] = entry
                order.append(entry.reportID)
                continue
            }
            if rank(entry) > rank(current) { best[entry.reportID] = entry }
        }
        return order.compactMap { best[$0] }
    }
}
