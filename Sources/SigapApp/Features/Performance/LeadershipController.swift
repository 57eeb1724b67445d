import Fluent
import SQLKit
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
                applications: report.publicServices.applications, satisfaction: report.publicServices.satisfaction,
                escalations: try await recentEscalations(req).nilIfEmpty))
    }

    /// One escalation with what the list shows of its report.
    struct EscalationEntry: Equatable {
        let reportID: Int
        let agencyID: UUID
        let kind: Escalation.Kind
        let level: Int
        let createdAt: Date
        let number: String
        let title: String
    }

    /// The reports escalated most recently, each once at its highest level, newest first: the newest entries
    /// (`escalations_recent_idx`) with their reports' number and title, in one query written out (through
    /// Fluent, decoding 300 escalations and 30 whole reports was a third of the page's CPU).
    private func recentEscalations(_ req: Request) async throws -> [EscalationRow] {
        let reference = try await req.reference()
        let rows = try await (req.db as! any SQLDatabase).raw(
            """
            SELECT e.report_id, e.agency_id, e.kind, e.level, e.created_at, r.number, r.title
            FROM escalations e JOIN reports r ON r.id = e.report_id
            ORDER BY e.created_at DESC, e.id DESC LIMIT \(literal: Self.escalationsShown * 10)
            """
        ).all()
        let newest = try rows.map { row in
            EscalationEntry(
                reportID: try row.decode(column: "report_id", as: Int.self),
                agencyID: try row.decode(column: "agency_id", as: UUID.self),
                kind: try row.decode(column: "kind", as: Escalation.Kind.self),
                level: try row.decode(column: "level", as: Int.self),
                createdAt: try row.decode(column: "created_at", as: Date.self),
                number: try row.decode(column: "number", as: String.self),
                title: try row.decode(column: "title", as: String.self))
        }
        return Self.highestPerReport(newest).prefix(Self.escalationsShown).map { entry in
            EscalationRow(
                number: entry.number, url: SiteURL.staffReport(entry.number), title: entry.title,
                agency: reference.agencyNames[entry.agencyID] ?? "",
                what: entry.kind == .response
                    ? req.t("leadership.escalation.response", String(entry.level))
                    : req.t("leadership.escalation.resolution"),
                at: req.localDateTime(entry.createdAt))
        }
    }

    /// One entry per report: its highest (the resolution deadline above the response levels, then the higher
    /// level), in the order the reports were last escalated.
    static func highestPerReport(_ newestFirst: [EscalationEntry]) -> [EscalationEntry] {
        func rank(_ entry: EscalationEntry) -> (Int, Int) { (entry.kind == .resolution ? 1 : 0, entry.level) }
        var best: [Int: EscalationEntry] = [:]
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
