import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// The pages a citizen meets first (issue 22): the front page with its figures, answers and agenda; the map with
/// its filters and Leaflet's source; the card a shared link shows; mistakes made plain; and each main page's
/// weight on the wire.
@Suite struct CitizenPagesTests {
    /// The demo as `sigap demo` leaves it: reports in every status, Musrenbang, the portal, services, the forum.
    static func demo(_ context: TestContext) async throws {
        _ = try await DemoData.createAccounts(context.app)
        let reporter = try #require(
            try await User.query(on: context.db).filter(\.$email == "warga@demo.sigap.local").first())
        let admin = try #require(
            try await User.query(on: context.db).filter(\.$email == "admin@demo.sigap.local").first())
        try #require(try await DemoReports.create(context.app, reporter: reporter, staff: admin) > 10)
        try #require(try await DemoData.proposalCatalogue(context.app) != nil)
        try #require(try await DemoMusrenbang.create(context.app) != nil)
        try #require(try await DemoForum.create(context.app) > 0)
        let portal = try await DemoPortal.create(context.app)
        try #require(portal.0 > 0)
        try #require(try await DemoServices.create(context.app) > 0)
    }

    @Test func theFrontPageShowsTheMonthsFiguresTheLatestAnswersAndTheAgenda() async throws {
        try await withSigap { context in
            try await Self.demo(context)
            let home = try await Browser(context.app).get("/")
            #expect(home.status == .ok)
            let html = home.body.string
            let received = try #require(
                Browser.firstMatch(#"<span class="count">(\d+)</span> laporan diterima"#, in: html))
            let counted = try await Report.query(on: context.db).filter(\.$privacy != .rahasia)
                .filter(\.$createdAt >= context.clock.now.addingTimeInterval(-30 * 86_400)).count()
            #expect(Int(received) == counted)
            // The newest answered public report and the answer it got.
            let answered = try #require(
                Browser.firstMatch(#"<ul class="recent"><li><a href="/laporan/([^"]+)""#, in: html))
            let report = try #require(try await Report.query(on: context.db).filter(\.$number == answered).first())
            #expect(report.respondedAt != nil && report.privacy != .rahasia)
            #expect(html.contains("<blockquote>"))
            // The coming agenda, soonest first.
            let next = try #require(
                try await AgendaEvent.query(on: context.db).filter(\.$endsAt >= context.clock.now)
                    .filter(\.$cancelledAt == nil).sort(\.$startsAt).first())
            #expect(html.contains(next.title))
            // One way in per capability.
            for path in ["/lapor", "/laporan", "/musrenbang", "/layanan", "/forum", "/berita", "/wbs", "/dprd"] {
                #expect(html.contains("href=\"\(path)\""), "\(path)")
            }
            #expect(!html.contains("<script src=\"/js/peta.js\""))
        }
    }

    @Test func followingByNumberOpensTheReport() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            let tracked = try await browser.get("/lacak?nomor=%20sgp-2026-000001%20")
            #expect(tracked.status == .seeOther)
            #expect(tracked.headers.first(name: .location) == "/laporan/SGP-2026-000001")
            let odd = try await browser.get("/lacak?nomor=%3Cscript%3E")
            #expect(odd.headers.first(name: .location) == "/laporan")
        }
    }

    /// A public report shared on WhatsApp shows its title, text and photo; a confidential one shows no card.
    @Test func sharedReportsShowACardButConfidentialOnesDoNot() async throws {
        try await withSigap { context in
            let api = APIClient(app: context.app)
            let open = try await ReportFixtures.file(api, ReportFixtures.draft(contact: "a@contoh.id"))
            let hidden = try await ReportFixtures.file(
                api, ReportFixtures.draft(privacy: "rahasia", contact: "b@contoh.id", title: "Pungutan di kantor desa"))
            let page = try await Browser(context.app).get("/laporan/" + open).body.string
            #expect(page.contains("<meta property=\"og:title\" content=\"\(open) · Jalan berlubang di depan pasar\">"))
            #expect(page.contains("<meta property=\"og:url\" content=\"http://127.0.0.1:8080/laporan/\(open)\">"))
            #expect(page.contains("<meta property=\"og:description\" content=\"Lubangnya dalam"))
            #expect(page.contains("<meta property=\"og:image\" content=\"http://127.0.0.1:8080/icon-512.png\">"))
            let staff = try await Fixtures.staff(.admin, in: context)
            let browser = Browser(context.app)
            try await browser.logIn(staff, context)
            let confidential = try await browser.get("/laporan/" + hidden).body.string
            #expect(confidential.contains("Pungutan di kantor desa"))
            #expect(!confidential.contains("og:title"))
        }
    }

    @Test func theMapFiltersByStatusAndCategoryAndSaysWhereLeafletComesFrom() async throws {
        let debian = FileManager.default.temporaryDirectory.appendingPathComponent("leaflet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: debian, withIntermediateDirectories: true)
        try Data("/* leaflet source */".utf8).write(to: debian.appendingPathComponent("leaflet.js"))
        try Data("/* leaflet min */".utf8).write(to: debian.appendingPathComponent("leaflet.min.js"))
        defer { try? FileManager.default.removeItem(at: debian) }
        try await withSigap(adjust: { $0.map.leafletDirectory = debian.path }) { context in
            try await Self.demo(context)
            let browser = Browser(context.app)
            let all = try await browser.get("/peta").body.string
            #expect(all.contains("data-map=\"reports\""))
            #expect(all.contains("data-leaflet-js=\"/vendor/leaflet/leaflet.js\""))
            let resolved = try await browser.get("/peta?status=selesai").body.string
            let kinds = Set(Browser.allMatches(#"data-kind="([a-z_]+)""#, in: resolved))
            #expect(kinds == ["selesai"])
            let openKinds = Set(Browser.allMatches(#"data-kind="([a-z_]+)""#, in: all))
            try #require(!openKinds.isEmpty)
            #expect(!openKinds.contains("selesai") && !openKinds.contains("ditutup"))
            // Debian's minified copy is what the page gets; anything else under /vendor is not served.
            let script = try await browser.get("/vendor/leaflet/leaflet.js")
            #expect(script.status == .ok && script.body.string == "/* leaflet min */")
            // A path climbing out is refused before any route (FileMiddleware: 403).
            #expect(try await browser.get("/vendor/leaflet/../../etc/passwd").status == .forbidden)
            #expect(try await browser.get("/vendor/leaflet/leaflet.esm.js").status == .notFound)
            #expect(try await browser.get("/vendor/leaflet/leaflet.css").status == .notFound)
            // Served from here: no CDN in the policy.
            let policy = try await browser.get("/peta").headers.first(name: "Content-Security-Policy") ?? ""
            #expect(!policy.contains("unpkg.com"))
            #expect(policy.contains("img-src 'self' data: https://tile.openstreetmap.org"))
        }
        try await withSigap(adjust: { $0.map.leafletDirectory = "/nonexistent" }) { context in
            let response = try await Browser(context.app).get("/peta")
            let page = response.body.string
            #expect(page.contains("data-leaflet-js=\"\(LeafletAssets.cdnScript)\""))
            #expect(page.contains("data-leaflet-js-integrity=\"\(LeafletAssets.cdnScriptIntegrity)\""))
            let policy = response.headers.first(name: "Content-Security-Policy") ?? ""
            #expect(policy.contains("script-src 'self' https://unpkg.com"))
        }
    }

    @Test func tileServersBecomeContentSecurityPolicySources() {
        #expect(
            SecurityHeadersMiddleware.tileSource("https://{s}.tile.example.org/{z}/{x}/{y}.png")
                == "https://*.tile.example.org")
        #expect(
            SecurityHeadersMiddleware.tileSource("http://127.0.0.1:9000/t/{z}/{x}/{y}.png") == "http://127.0.0.1:9000")
        #expect(SecurityHeadersMiddleware.tileSource("not a url") == "")
    }

    /// A form sent back with mistakes lists them first (focusable, announced) with links to each message, and
    /// each wrong control says it is invalid and which message describes it.
    @Test func mistakesAreSummarisedAndTiedToTheirFields() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            try await browser.get("/lapor")
            let answer = try await browser.postMultipart(
                "/lapor", ["kind": "pengaduan", "title": "", "description": "", "privacy": "publik", "kirim": "k1"])
            #expect(answer.status == .unprocessableEntity)
            let html = answer.body.string
            #expect(html.contains("<div class=\"error-summary\" id=\"error-summary\" role=\"alert\" tabindex=\"-1\">"))
            for field in ["title", "description", "category", "desa"] {
                #expect(html.contains("<a href=\"#error-\(field)\">"), "\(field)")
                #expect(html.contains("id=\"error-\(field)\""), "\(field)")
                #expect(
                    html.contains("name=\"\(field)\" aria-invalid=\"true\" aria-describedby=\"error-\(field)\""),
                    "\(field)")
            }
            // A page answered 200 has no summary.
            #expect(!(try await browser.get("/lapor").body.string.contains("error-summary")))
        }
    }

    /// Every control on the public forms has a label (wrapping it, or pointing at it) or an accessible name.
    @Test func everyControlOnThePublicFormsIsLabelled() async throws {
        try await withSigap { context in
            try await Self.demo(context)
            let browser = Browser(context.app)
            for path in [
                "/", "/lapor", "/laporan", "/peta", "/masuk", "/daftar", "/wbs", "/wbs/lanjut", "/cari", "/layanan",
            ] {
                let html = try await browser.get(path).body.string
                let main = html.components(separatedBy: "<main")[1].components(separatedBy: "</main>")[0]
                var unlabelled: [String] = []
                // Remove labelled controls (a <label> wraps them), then look at what remains.
                let withoutLabels = main.replacingOccurrences(
                    of: #"<label[^>]*>[\s\S]*?</label>"#, with: "", options: .regularExpression)
                for control in Browser.allMatches(#"(<(?:input|select|textarea)\b[^>]*>)"#, in: withoutLabels)
                where !control.contains("type=\"hidden\"") && !control.contains("type=\"submit\"")
                    && !control.contains("aria-label=")
                {
                    let id = Browser.firstMatch(#"id="([^"]+)""#, in: control)
                    if id == nil || !main.contains("for=\"\(id!)\"") { unlabelled.append(control) }
                }
                #expect(unlabelled.isEmpty, "\(path): \(unlabelled)")
            }
        }
    }

    /// Each main public page with what it loads (HTML, the stylesheet, its scripts) as the browser receives them
    /// (gzip), on the demo's data: under 60 KB before images. Leaflet is not counted: peta.js loads it after
    /// the page is shown, only where a map is.
    @Test func eachMainPageWeighsLessThan60KB() async throws {
        try await withSigap { context in
            try await Self.demo(context)
            let report = try #require(try await Report.query(on: context.db).filter(\.$privacy == .publik).first())
            let proposal = try #require(try await Proposal.query(on: context.db).first())
            let server = try context.app.testing(method: .running(port: 0))
            func size(_ path: String) async throws -> (Int, String) {
                let response = try await server.sendRequest(.GET, path, headers: ["Accept-Encoding": "gzip"])
                #expect(response.status == .ok, "\(path)")
                return (response.body.readableBytes, response.body.string)
            }
            var lines: [String] = []
            for path in [
                "/", "/lapor", "/laporan", "/laporan/" + report.number, "/peta", "/musrenbang", "/musrenbang/usulan",
                "/musrenbang/usulan/" + proposal.number, "/layanan", "/forum", "/berita", "/agenda", "/wbs", "/masuk",
                "/daftar", "/cari?q=jalan", "/transparansi",
            ] {
                let plain = try await server.sendRequest(.GET, path)
                let html = plain.body.string
                var total = try await size(path).0
                let assets = Browser.allMatches(#"<(?:script src|link rel="stylesheet" href)="(/[^"]+)""#, in: html)
                for asset in Set(assets) { total += try await size(asset).0 }
                lines.append("\(path): \(total / 1024) KB (\(plain.body.readableBytes / 1024) KB of HTML unzipped)")
                #expect(total < 60 * 1024, "\(path) weighs \(total) bytes")
                #expect(plain.body.readableBytes < 60 * 1024, "\(path) HTML is \(plain.body.readableBytes) bytes")
            }
            print("page weights (gzip, HTML + stylesheet + scripts):\n  " + lines.joined(separator: "\n  "))
        }
    }
}
