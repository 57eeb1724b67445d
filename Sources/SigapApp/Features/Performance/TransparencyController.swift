import Foundation
import SigapCore
import Vapor

/// `/transparansi`: the public's view of how the government keeps its promise — the same measures as the
/// leadership dashboard, over public reports only (confidential ones are left out), per agency and per
/// kecamatan, with a CSV of the same numbers for open-data users.
struct TransparencyController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.open("public statistics over public reports")
        open.get("transparansi", use: show)
        open.get("transparansi.csv", use: csv)
    }

    struct TransparencyPage {
        let page: PageContext
        let stats: StatsView
        let csv: String
        /// Service applications per service in the same period.
        var applications: [ApplicationStats.Row] = []
        /// This year's satisfaction index per agency.
        var satisfaction: [Surveys.Row] = []
    }

    func show(req: Request) async throws -> Response {
        let period = ServiceStatsQuery.Period.parse(req.query[String.self, at: "periode"], now: req.now)
        let report = try await PerformanceReport.build(period: period, publicOnly: true, request: req)
        return req.page(
            TransparencyPage(
                page: PageContext(req, title: req.t("transparency.title")),
                stats: report.view(
                    tables: [
                        StatsTable(
                            title: req.t("performance.by_agency"), groupLabel: req.t("report.agency"),
                            lines: report.agencies),
                        StatsTable(
                            title: req.t("performance.by_kecamatan"), groupLabel: "Kecamatan", lines: report.kecamatan),
                    ], request: req),
                csv: SiteURL.transparencyCSV + "?periode=\(period.days)",
                applications: report.publicServices.applications, satisfaction: report.publicServices.satisfaction))
    }

    /// One line per agency, then per kecamatan, written from the numbers themselves (percentages and averages
    /// with one decimal, empty when there is nothing to measure).
    func csv(req: Request) async throws -> Response {
        let period = ServiceStatsQuery.Period.parse(req.query[String.self, at: "periode"], now: req.now)
        let numbers = try await PerformanceNumbers.compute(period: period, publicOnly: true, request: req)
        let reference = try await req.reference()
        var lines = [
            "group,code,name,received,open,late_now,due,responded_on_time,compliance_percent,"
                + "median_response_working_hours,resolved,resolution_percent,average_rating\r\n"
        ]
        // One decimal with a point whatever the language: the CSV is for machines.
        func decimal(_ value: Double?) -> String { value.map { FixedDecimal.text($0, places: 1) } ?? "" }
        func emit(_ group: String, _ code: String, _ name: String, _ s: ServiceStats.Summary) {
            let fields = [
                group, code, name, String(s.received), String(s.open), String(s.lateNow), String(s.due),
                String(s.respondedOnTime), decimal(s.compliancePercent), decimal(s.medianResponseHours),
                String(s.resolved), decimal(s.resolutionPercent), decimal(s.averageRating),
            ]
            lines.append(CSVWriter.line(fields))
        }
        for (id, summary) in numbers.agencies {
            emit("agency", reference.agencyCodes[id] ?? "", reference.agencyNames[id] ?? "", summary)
        }
        for (id, summary) in numbers.kecamatan {
            emit("kecamatan", reference.kecamatanCodes[id] ?? "", reference.kecamatanNames[id] ?? "", summary)
        }
        let response = Response(status: .ok, body: .init(string: lines.joined()))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        let day = numbers.period.to.formatted(.iso8601.year().month().day())
        response.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"sigap-transparansi-\(period.days)h-\(day).csv\"")
        return response
    }
}
