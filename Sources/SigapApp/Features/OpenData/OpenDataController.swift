import Fluent
import Foundation
import SigapCore
import Vapor

/// `/data`: every open dataset, its fields and the licence the region publishes under, with the downloads —
/// public reports as CSV and GeoJSON (streamed), service applications and the satisfaction index per year as
/// CSV; the report statistics (`/transparansi.csv`) and Musrenbang's proposals and plan are described here too.
struct OpenDataController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.open("open data: public, aggregated or stripped of personal data").grouped("data")
        open.get(use: page)
        open.get("laporan.csv", use: reportsCSV)
        open.get("laporan.geojson", use: reportsGeoJSON)
        open.get("layanan.csv", use: servicesCSV)
        open.get("ikm.csv", use: satisfactionCSV)
    }

    struct DataPage {
        let page: PageContext
        let license: AppConfig.DataLicense
        let categories: [SelectOption]
        let kecamatan: [SelectOption]
        let statuses: [SelectOption]
        let year: Int
    }

    func page(req: Request) async throws -> Response {
        let reference = try await req.reference()
        return req.page(
            DataPage(
                page: PageContext(req, title: req.t("data.title")), license: req.sigap.config.dataLicense,
                categories: reference.categoryChoices.map { SelectOption(id: $0.value, name: $0.label) },
                kecamatan: reference.kecamatanChoices.map { SelectOption(id: $0.value, name: $0.label) },
                statuses: ReportStatus.allCases.map {
                    SelectOption(id: $0.rawValue, name: req.t("status." + $0.rawValue))
                },
                year: CivilDay(of: req.now, in: req.sigap.config.timeZone).year))
    }

    /// The filters people choose on `/data`: `dari` and `sampai` (days, in the region's time), `kategori`,
    /// `kecamatan`, `status`.
    private func filter(_ req: Request) async throws -> (ReportExport.Filter, ReferenceCache.Snapshot) {
        let reference = try await req.reference()
        var filter = ReportExport.Filter()
        filter.filters = try ReportFilterParser.parse(
            status: req.query[String.self, at: "status"], category: req.query[String.self, at: "kategori"],
            kecamatan: req.query[String.self, at: "kecamatan"], text: nil, reference: reference, on: req.db)
        var problems: [String: String] = [:]
        for (name, isEnd) in [("dari", false), ("sampai", true)] {
            guard let raw = req.query[String.self, at: name]?.trimmedOrNil else { continue }
            guard let day = CivilDay(raw) else {
                problems[name] = "data.date_invalid"
                continue
            }
            if isEnd {
                filter.to = reference.calendar.startOfDay(day.next)
            } else {
                filter.from = reference.calendar.startOfDay(day)
            }
        }
        guard problems.isEmpty else { throw AppError.invalid(problems) }
        return (filter, reference)
    }

    func reportsCSV(req: Request) async throws -> Response {
        let (filter, reference) = try await filter(req)
        let names = ReportExport.Names(
            reference, timeZone: req.sigap.config.timeZone, baseURL: req.sigap.config.baseURL)
        let db = req.db
        // A byte-order mark first, so spreadsheets read the Indonesian names right.
        let header = "\u{FEFF}" + CSVWriter.line(ReportExport.csvHeader)
        let response = Response(
            status: .ok,
            body: .init(
                managedAsyncStream: { writer in
                    try await ReportExport.stream(filter, on: db, to: writer, prefix: header, suffix: "") { rows, _ in
                        ReportExport.csvLines(rows, names)
                    }
                }, count: -1))
        response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        response.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"\(filename(req, "csv"))\"")
        return response
    }

    func reportsGeoJSON(req: Request) async throws -> Response {
        let (filter, reference) = try await filter(req)
        let names = ReportExport.Names(
            reference, timeZone: req.sigap.config.timeZone, baseURL: req.sigap.config.baseURL)
        let db = req.db
        let response = Response(
            status: .ok,
            body: .init(
                managedAsyncStream: { writer in
                    try await ReportExport.stream(
                        filter, on: db, to: writer, prefix: "{\"type\":\"FeatureCollection\",\"features\":[\n",
                        suffix: "\n]}\n"
                    ) { rows, first in ReportExport.features(rows, first: first, names) }
                }, count: -1))
        response.headers.replaceOrAdd(name: .contentType, value: "application/geo+json")
        response.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"\(filename(req, "geojson"))\"")
        return response
    }

    private func filename(_ req: Request, _ ending: String) -> String {
        "sigap-laporan-\(CivilDay(of: req.now, in: req.sigap.config.timeZone).description).\(ending)"
    }

    /// The year asked for (`tahun`), or this year, as [start, end) in the region's days.
    private func year(_ req: Request) async throws -> (Int, Date, Date, ReferenceCache.Snapshot) {
        let year = try req.yearAsked()
        let reference = try await req.reference()
        let (start, end) = reference.calendar.span(ofYear: year)
        return (year, start, end, reference)
    }

    /// Applications per service in a year: submitted, decided, decided late, waiting now and late now.
    func servicesCSV(req: Request) async throws -> Response {
        let (year, from, to, reference) = try await year(req)
        let rows = try await ApplicationStats.rows(from: from, to: to, now: req.now, on: req.db, reference: reference)
        return CSVWriter.response(
            header: [
                "tahun", "layanan", "opd", "diajukan", "diputus", "diputus_terlambat", "menunggu", "terlambat_kini",
            ],
            rows: rows.map { r in
                [
                    String(year), r.service, r.agency, String(r.submitted), String(r.decided), String(r.decidedLate),
                    String(r.open), String(r.openLate),
                ]
            }, filename: "sigap-layanan-\(year).csv")
    }

    /// The satisfaction index per agency and per service in a year, with each element's average (NRR); no
    /// answer, comment or respondent detail.
    func satisfactionCSV(req: Request) async throws -> Response {
        let (year, from, to, reference) = try await year(req)
        let (agencies, services) = try await Surveys.table(from: from, to: to, on: req.db, reference: reference)
        let elements = SatisfactionSurvey.Element.allCases
        func line(_ group: String, _ row: Surveys.Row) -> [String] {
            [String(year), group, row.label, String(row.respondents), String(row.served), String(row.recommended)]
                + [row.index.map { String(format: "%.2f", $0.rounded) } ?? "", row.index?.grade.rawValue ?? ""]
                + elements.map { e in row.index?.averages[e].map { String(format: "%.2f", $0) } ?? "" }
        }
        return CSVWriter.response(
            header: ["tahun", "kelompok", "nama", "responden", "dilayani", "sampel_anjuran", "ikm", "mutu"]
                + elements.map { "nrr_u\($0.rawValue)" },
            rows: agencies.map { line("opd", $0) } + services.map { line("layanan", $0) },
            filename: "sigap-ikm-\(year).csv")
    }
}
