import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import SigapApp

/// Issue 19 (open data): `/data` describes every dataset; reports come as CSV and RFC 7946 GeoJSON, streamed,
/// with only what the public pages show; applications and the satisfaction index come per year.
@Suite struct OpenDataTests {
    /// Public, anonymous, confidential and unpublished reports, and one in another category and kecamatan.
    static func reports(_ context: TestContext) async throws -> (
        roads: String, anonymous: String, secret: String, hidden: String, waste: String
    ) {
        let client = APIClient(app: context.app)
        let roads = try await ReportFixtures.file(client, ReportFixtures.draft(contact: "warga@contoh.id"))
        let anonymous = try await ReportFixtures.file(
            client, ReportFixtures.draft(privacy: "anonim", contact: "pelapor.rahasia@contoh.id"))
        let secret = try await ReportFixtures.file(
            client,
            ReportFixtures.draft(privacy: "rahasia", contact: "warga@contoh.id", title: "Laporan rahasia sekali"))
        let hidden = try await ReportFixtures.file(
            client, ReportFixtures.draft(contact: "warga@contoh.id", title: "Belum diperiksa petugas"))
        let unpublished = try #require(try await Report.query(on: context.db).filter(\.$number == hidden).first())
        unpublished.published = false
        try await unpublished.save(on: context.db)
        let waste = try await ReportFixtures.file(
            client, ReportFixtures.draft(category: "sampah", desa: "99.01.02.2001", contact: "warga@contoh.id"))
        let resolved = try #require(try await Report.query(on: context.db).filter(\.$number == waste).first())
        resolved.status = .selesai
        try await resolved.save(on: context.db)
        return (roads, anonymous, secret, hidden, waste)
    }

    static func csvNumbers(_ response: TestingHTTPResponse) -> [String] {
        response.body.string.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",")[0]) }
    }

    @Test func reportsAsCSVAndGeoJSONHoldOnlyWhatIsPublic() async throws {
        try await withSigap { context in
            let r = try await Self.reports(context)
            let csv = try await Browser(context.app).get(SiteURL.reportsCSV)
            #expect(csv.status == .ok)
            #expect(csv.headers.first(name: .contentType) == "text/csv; charset=utf-8")
            #expect(csv.body.string.hasPrefix("\u{FEFF}nomor,jenis,kategori,"))
            #expect(Self.csvNumbers(csv) == [r.roads, r.anonymous, r.waste])
            for absent in [
                "warga@contoh.id", "pelapor.rahasia", "Laporan rahasia sekali", "Belum diperiksa",
                "Lubangnya dalam", "Jl. Pasar Baru",
            ] {
                #expect(!csv.body.string.contains(absent), "\(absent)")
            }
            #expect(csv.body.string.contains(",3.6031,98.4821,"))

            let geo = try await Browser(context.app).get(SiteURL.reportsGeoJSON)
            #expect(geo.status == .ok)
            #expect(geo.headers.first(name: .contentType) == "application/geo+json")
            let collection = try #require(
                try JSONSerialization.jsonObject(with: Data(geo.body.string.utf8)) as? [String: Any])
            #expect(collection["type"] as? String == "FeatureCollection")
            #expect(collection["crs"] == nil)  // RFC 7946 dropped it: always WGS 84
            let features = try #require(collection["features"] as? [[String: Any]])
            #expect(features.map { $0["id"] as? String } == [r.roads, r.anonymous, r.waste])
            let first = try #require(features.first)
            #expect(first["type"] as? String == "Feature")
            let geometry = try #require(first["geometry"] as? [String: Any])
            #expect(geometry["type"] as? String == "Point")
            #expect(geometry["coordinates"] as? [Double] == [98.4821, 3.6031])  // longitude first
            let properties = try #require(first["properties"] as? [String: Any])
            #expect(properties["kategori"] as? String == "jalan")
            #expect(properties["status"] as? String == "diterima")
            #expect(!geo.body.string.contains("pelapor.rahasia"))
        }
    }

    @Test func filtersChooseThePeriodCategoryKecamatanAndStatus() async throws {
        try await withSigap { context in
            let r = try await Self.reports(context)
            context.clock.advance(seconds: 3 * 86_400)
            let later = try await ReportFixtures.file(
                APIClient(app: context.app), ReportFixtures.draft(contact: "warga@contoh.id"))
            let browser = Browser(context.app)
            func numbers(_ query: String) async throws -> [String] {
                let response = try await browser.get(SiteURL.reportsCSV + query)
                guard response.status == .ok else { throw TestFailure("\(query): \(response.status)") }
                return Self.csvNumbers(response)
            }
            #expect(try await numbers("?kategori=sampah") == [r.waste])
            #expect(try await numbers("?status=selesai") == [r.waste])
            #expect(try await numbers("?kecamatan=99.01.02") == [r.waste])
            // The test clock starts on 23 November 2026 (09:00 in the region); the later report is three days on.
            #expect(try await numbers("?dari=2026-11-26") == [later])
            #expect(try await numbers("?sampai=2026-11-23") == [r.roads, r.anonymous, r.waste])
            #expect(try await numbers("?dari=2026-11-24&sampai=2026-11-25") == [])
            #expect(try await browser.get(SiteURL.reportsCSV + "?dari=kemarin").status == .unprocessableEntity)
            #expect(
                try await browser.get(SiteURL.reportsGeoJSON + "?kategori=tidak-ada").status == .unprocessableEntity)
        }
    }

    /// Collects what a streamed body writes.
    final class Collector: AsyncBodyStreamWriter, Sendable {
        let written = NIOLockedValueBox<[String]>([])
        func write(_ result: BodyStreamResult) async throws {
            if case .buffer(let buffer) = result { written.withLockedValue { $0.append(String(buffer: buffer)) } }
        }
    }

    @Test func theExportReadsInBatchesAndWritesEachBeforeTheNext() async throws {
        try await withSigap { context in
            let client = APIClient(app: context.app)
            var filed: [String] = []
            for _ in 0..<5 {
                filed.append(try await ReportFixtures.file(client, ReportFixtures.draft(contact: "a@b.id")))
            }
            let collector = Collector()
            let reference = try await context.app.context().reference()
            let names = ReportExport.Names(reference, timeZone: .current, baseURL: "http://x")
            try await ReportExport.stream(
                ReportExport.Filter(), batchSize: 2, on: context.db, to: collector, prefix: "[", suffix: "]"
            ) { rows, _ in ReportExport.csvLines(rows, names) }
            let chunks = collector.written.withLockedValue { $0 }
            // The prefix, three batches of at most two, the suffix: every report once, in order.
            #expect(chunks.count == 5)
            #expect(chunks.dropFirst().dropLast().map { $0.split(separator: "\r\n").count } == [2, 2, 1])
            #expect(chunks.first == "[" && chunks.last == "]")
            #expect(
                chunks.dropFirst().dropLast().joined().split(separator: "\r\n")
                    .map { String($0.split(separator: ",")[0]) } == filed)
        }
    }

    @Test func theDataPageDescribesEveryDatasetAndItsLicence() async throws {
        try await withSigap(adjust: { $0.dataLicense.name = "Lisensi Terbuka Kabupaten" }) { context in
            let page = try await Browser(context.app).get(SiteURL.openData)
            #expect(page.status == .ok)
            for link in [
                SiteURL.reportsCSV, SiteURL.reportsGeoJSON, SiteURL.transparencyCSV, SiteURL.servicesCSV,
                SiteURL.satisfactionCSV, SiteURL.proposalsCSV, SiteURL.planCSV,
            ] {
                #expect(page.body.string.contains("href=\"\(link)"), "\(link)")
            }
            #expect(page.body.string.contains("Lisensi Terbuka Kabupaten"))
            #expect(page.body.string.contains("<code>batas_selesai</code>"))
            #expect(try await Browser(context.app).get("/").body.string.contains("href=\"\(SiteURL.openData)\""))
        }
    }

    @Test func applicationsAndTheSatisfactionIndexComePerYear() async throws {
        try await withSigap { context in
            let (_, service) = try await PublicServiceTests.concertPermit(context)
            let kiosk = Browser(context.app)
            #expect(try await kiosk.get("/survei/layanan/\(service.code)").status == .ok)
            #expect(
                try await kiosk.post(
                    "/survei/layanan/\(service.code)", SurveyTests.scores([4, 4, 4, 4, 4, 4, 4, 4, 4])
                )
                .status == .seeOther)
            let index = try await Browser(context.app).get(SiteURL.satisfactionCSV + "?tahun=2026")
            #expect(index.status == .ok)
            let lines = index.body.string.split(separator: "\r\n")
            #expect(
                lines.first?.hasSuffix("ikm,mutu,nrr_u1,nrr_u2,nrr_u3,nrr_u4,nrr_u5,nrr_u6,nrr_u7,nrr_u8,nrr_u9")
                    == true)
            #expect(lines.contains { $0.hasPrefix("2026,layanan,Izin konser,1,0,") && $0.contains(",100.00,A,4.00,") })
            #expect(
                try await Browser(context.app).get(SiteURL.satisfactionCSV + "?tahun=2025").body.string
                    .split(separator: "\r\n").count == 1)
            #expect(
                try await Browser(context.app).get(SiteURL.satisfactionCSV + "?tahun=3000").status
                    == .unprocessableEntity)
            let services = try await Browser(context.app).get(SiteURL.servicesCSV)
            #expect(services.status == .ok)
            #expect(services.body.string.contains("tahun,layanan,opd,diajukan,diputus"))
        }
    }
}

/// The public list and the export read `reports_public_idx`, whose condition they spell out.
@Suite struct PublicReportsIndexTests {
    @Test func thePublicConditionIsAnsweredFromThePartialIndex() async throws {
        try await withSigap { context in
            let sql = context.db as! any SQLDatabase
            let query = sql.select().column("id").from("reports").where(ReportQueries.publicOnly)
                .where("id", .greaterThan, 0).orderBy("id", .descending).limit(21)
            // SQLite's plan names the index; PostgreSQL's planner chooses by its statistics (and an empty table
            // is read whole), so there only the condition's answer is checked.
            if sql.dialect.name == "sqlite" {
                let (text, binds) = sql.serialize(query.select)
                let plan = NIOLockedValueBox<[String]>([])
                try await sql.execute(sql: SQLRaw("EXPLAIN QUERY PLAN " + text, binds)) { row in
                    if let line = try? row.decode(column: "detail", as: String.self) {
                        plan.withLockedValue { $0.append(line) }
                    }
                }
                let lines = plan.withLockedValue { $0 }
                #expect(lines.contains { $0.contains("reports_public_idx") }, "\(lines)")
                // Open311's window, newest first, walks the public filing times.
                let recent = try await sql.raw(
                    "EXPLAIN QUERY PLAN SELECT id FROM reports WHERE \(ReportQueries.publicOnly) AND created_at >= \(bind: Date(timeIntervalSince1970: 0)) ORDER BY created_at DESC LIMIT 1000"
                ).all().map { try $0.decode(column: "detail", as: String.self) }
                #expect(recent.contains { $0.contains("reports_public_created_idx") }, "\(recent)")
            }
            // Only public, published, unmerged rows are in it: the condition itself answers right.
            let client = APIClient(app: context.app)
            let shown = try await ReportFixtures.file(client, ReportFixtures.draft(contact: "a@b.id"))
            _ = try await ReportFixtures.file(client, ReportFixtures.draft(privacy: "rahasia", contact: "a@b.id"))
            let listed = try await query.all().map { try $0.decode(column: "id", as: Int.self) }
            let report = try #require(try await Report.query(on: context.db).filter(\.$number == shown).first())
            #expect(listed == [report.id!])
        }
    }
}
