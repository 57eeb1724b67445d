import Foundation
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 14: whose platform this is, the privacy policy, the language switch that keeps the page, and tables
/// that a phone can show (the widths themselves are measured in Chromium by scripts/browser-check).
@Suite struct FirstImpressionsTests {
    @Test func everyPageNamesTheRegionAndItsOperatorAndLinksPrivacyAndLapor() async throws {
        try await withSigap(adjust: {
            $0.region = RegionIdentity(
                name: "Pemerintah Kabupaten Kubu Raya", operatorName: "Diskominfo Kubu Raya",
                operatorContact: "0561-000000")
        }) { context in
            let browser = Browser(context.app)
            for path in ["/", "/laporan", "/lapor", "/masuk", "/halaman-yang-tidak-ada"] {
                let html = try await browser.get(path).body.string
                #expect(html.contains("<small>Pemerintah Kabupaten Kubu Raya</small>"), "\(path)")
                #expect(html.contains("· Sigap · Pemerintah Kabupaten Kubu Raya</title>"), "\(path)")
                #expect(html.contains("dikelola oleh Diskominfo Kubu Raya · 0561-000000"), "\(path)")
                #expect(html.contains("<a href=\"/privasi\">Kebijakan privasi</a>"), "\(path)")
                #expect(html.contains("href=\"https://www.lapor.go.id\""), "\(path)")
                #expect(html.contains("<link rel=\"icon\" href=\"/favicon.svg\""), "\(path)")
            }
        }
    }

    @Test func theRegionComesFromTheSettings() throws {
        let config = try AppConfig.load(from: [
            "SIGAP_REGION_NAME": "Pemerintah Kota Tanjung Balai", "SIGAP_OPERATOR_NAME": "Diskominfo",
            "SIGAP_OPERATOR_CONTACT": "lapor@tanjungbalaikota.go.id",
        ])
        #expect(
            config.region
                == RegionIdentity(
                    name: "Pemerintah Kota Tanjung Balai", operatorName: "Diskominfo",
                    operatorContact: "lapor@tanjungbalaikota.go.id"))
        #expect(try AppConfig.load(from: [:]).region == RegionIdentity())
    }

    @Test func thePrivacyPolicyExistsAndRegistrationCitesIt() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            let privacy = try await browser.get("/privasi")
            #expect(privacy.status == .ok)
            #expect(privacy.body.string.contains("<h1>Kebijakan privasi</h1>"))
            #expect(privacy.body.string.contains("UU No. 27 Tahun 2022"))
            #expect(privacy.body.string.contains("Hak Anda"))
            let register = try await browser.get("/daftar").body.string
            #expect(register.contains("sesuai kebijakan privasi. <a href=\"/privasi\""))
            #expect(try await browser.get("/privasi?lang=en").body.string.contains("<h1>Privacy policy</h1>"))
        }
    }

    @Test func theSiteHasAnIcon() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            let icon = try await browser.get("/favicon.svg")
            #expect(icon.status == .ok)
            #expect(icon.headers.contentType?.subType == "svg+xml")
            #expect(icon.body.string.hasPrefix("<svg"))
            let legacy = try await browser.get("/favicon.ico")
            #expect(legacy.status == .movedPermanently)
            #expect(legacy.headers.first(name: .location) == "/favicon.svg")
        }
    }

    @Test func switchingLanguageKeepsThePathTheFollowKeyAndTheFilters() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            let list = try await browser.get("/laporan?status=selesai&q=jalan").body.string
            #expect(list.contains("href=\"/laporan?status=selesai&amp;q=jalan&amp;lang=en\" hreflang=\"en\""))
            let english = try await browser.get("/laporan?status=selesai&q=jalan&lang=en").body.string
            #expect(english.contains("href=\"/laporan?status=selesai&amp;q=jalan&amp;lang=id\" hreflang=\"id\""))
            let guest = APIClient(app: context.app)
            let filed = try await guest.send(
                .POST, "/api/v1/reports", json: ReportFixtures.draft(contact: "0812 7777 0000"))
            #expect(filed.status == .created)
            let followURL = try filed.content.get(String.self, at: "followUrl")
            let privatePath = String(followURL.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" })
            #expect(privatePath.contains("?kunci="))
            let page = try await Browser(context.app).get(privatePath).body.string
            #expect(page.contains("href=\"\(privatePath.replacingOccurrences(of: "&", with: "&amp;"))&amp;lang=en\""))
        }
    }

    @Test func numbersAreWrittenTheReadersWay() async throws {
        try await withSigap { context in
            _ = try await PerformanceTests().seed(context)
            let indonesian = try await Browser(context.app).get("/transparansi?periode=30").body.string
            #expect(Browser.firstMatch(#"(\d+,\d\x{00A0}%)"#, in: indonesian) != nil)  // "100,0 %"
            #expect(Browser.firstMatch(#"(\d+\.\d%)"#, in: indonesian) == nil)
            let english = try await Browser(context.app).get("/transparansi?periode=30&lang=en").body.string
            #expect(Browser.firstMatch(#"(\d+\.\d%)"#, in: english) != nil)  // "100.0%"
            #expect(Browser.firstMatch(#"(\d+,\d\x{00A0}%)"#, in: english) == nil)
            // The CSV is for machines: a decimal point whatever the language.
            let csv = try await Browser(context.app).get("/transparansi.csv?periode=30").body.string
            #expect(Browser.firstMatch(#",(\d+\.\d),"#, in: csv) != nil)
            #expect(Browser.firstMatch(#"(\d+,\d\x{00A0}%)"#, in: csv) == nil)
        }
    }

    @Test func tableCellsCarryTheirColumnsNameForThePhoneLayout() {
        let html = DataTable.render(columns: ["Nama", "Peran", ""], rows: [("Siti <b>", "opd_staf")]) { row in
            ["\(row.0)", "\(row.1)", "<button>x</button>"]
        }.text
        #expect(html.hasPrefix("<table class=\"cards \"><thead><tr><th scope=\"col\">Nama</th>"))
        #expect(html.contains("<td data-label=\"Nama\">Siti &lt;b&gt;</td><td data-label=\"Peran\">opd_staf</td>"))
        #expect(html.contains("<td data-label=\"\"><button>x</button></td>"))
    }
}
