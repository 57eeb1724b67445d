import Fluent
import Foundation
import SQLKit
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 13: pages are typed Swift views. Markup comes only from literals in the code; everything interpolated
/// is escaped, and a piece built as `HTML` is not escaped twice.
@Suite struct HTMLEscapingTests {
    @Test func interpolatedTextIsEscapedAndBuiltPiecesAreNot() {
        let hostile = #"<script>alert('x')</script> & "quoted""#
        let piece: HTML = "<b>\(hostile)</b>"
        #expect(piece.text == "<b>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;</b>")
        let outer: HTML = "<p>\(piece)</p>"
        #expect(outer.text == "<p>" + piece.text + "</p>")  // composed, not escaped again
        let attribute: HTML = "<a href=\"\(#"x" onclick="y"#)\">"
        #expect(attribute.text == "<a href=\"x&quot; onclick=&quot;y\">")
        let plain = "Jalan berlubang di depan pasar · 3 km"
        #expect(("\(plain)" as HTML).text == plain)  // nothing to escape: unchanged
        let optional: String? = nil
        #expect(("[\(optional)]" as HTML).text == "[]")
        #expect(("\(when: false, "<b>x</b>")" as HTML).text.isEmpty)
        #expect(("\(each: ["<a>", "b"], { "<li>\($0)</li>" })" as HTML).text == "<li>&lt;a&gt;</li><li>b</li>")
    }

    /// Text people type — a report, a name, an agency, a category, a desa — planted with markup and shown on every
    /// page that shows it: nowhere does it become markup.
    @Test func textPeopleTypeIsEscapedOnEveryPageThatShowsIt() async throws {
        try await withSigap { context in
            let mark = "<i>tanda</i>"
            let escaped = "&lt;i&gt;tanda&lt;/i&gt;"
            // a citizen and their report
            let citizen = try await Fixtures.citizen(in: context)
            citizen.name = "Siti " + mark
            try await citizen.save(on: context.db)
            let api = try await APIClient.signedIn("081234567890", context)
            var draft = ReportFixtures.draft(title: "Jalan " + mark)
            draft["description"] = "Isi " + mark
            draft["address"] = "Alamat " + mark
            let number = try await ReportFixtures.file(api, draft)
            // names staff and admins type
            let category = try #require(try await Category.query(on: context.db).filter(\.$code == "jalan").first())
            category.name = "Kategori " + mark
            try await category.save(on: context.db)
            let agency = try #require(try await Agency.query(on: context.db).filter(\.$code == "PUPR").first())
            agency.name = "Dinas " + mark
            agency.shortName = "PUPR " + mark
            try await agency.save(on: context.db)
            let desa = try #require(try await Desa.query(on: context.db).filter(\.$code == "99.01.01.1001").first())
            desa.name = "Desa " + mark
            try await desa.save(on: context.db)
            context.app.sigap.reference.invalidate()

            let citizenBrowser = Browser(context.app)
            #expect(try await citizenBrowser.logIn("081234567890").location == "/akun")
            let admin = try await Fixtures.staff(.admin, in: context)
            admin.user.name = "Admin " + mark  // shown in every page's header and in the staff list
            try await admin.user.save(on: context.db)
            let adminBrowser = Browser(context.app, address: "192.0.2.55")
            try await adminBrowser.logIn(admin, context)
            // a whistleblowing case, read by the inspectorate
            _ = try await WBSStore.file(
                type: .gratifikasi,
                content: WBSContent(official: "Pejabat " + mark, when: "", place: "", what: "Isi " + mark, contact: ""),
                identity: nil, evidence: [], context.app.context())
            let wbsCase = try #require(try await WBSCase.query(on: context.db).first())
            let inspector = try await Fixtures.staff(.inspektorat, agency: "INSPEKTORAT", in: context)
            let inspectorBrowser = Browser(context.app, address: "192.0.2.60")
            try await inspectorBrowser.logIn(inspector, context)
            let pages: [(Browser, String)] = [
                (Browser(context.app, address: "192.0.2.56"), "/laporan/\(number)"),
                (Browser(context.app, address: "192.0.2.57"), "/laporan"),
                (Browser(context.app, address: "192.0.2.58"), "/peta"),
                (Browser(context.app, address: "192.0.2.59"), "/lapor"),
                (citizenBrowser, "/laporan-saya"), (citizenBrowser, "/akun"), (citizenBrowser, "/laporan/\(number)"),
                (adminBrowser, "/dasbor/laporan"), (adminBrowser, "/dasbor/laporan/\(number)"),
                (adminBrowser, "/dasbor/admin/kategori"), (adminBrowser, "/dasbor/admin/opd"),
                (adminBrowser, "/dasbor/admin/wilayah"), (adminBrowser, "/transparansi"),
                (adminBrowser, "/dasbor/admin/pengguna"), (adminBrowser, "/dasbor"),
                (inspectorBrowser, "/dasbor/wbs/\(wbsCase.id!.uuidString)"),
            ]
            for (browser, path) in pages {
                let response = try await browser.get(path)
                #expect(response.status == .ok, "\(path): \(response.status)")
                #expect(!response.body.string.contains(mark), "\(path) shows typed text as markup")
                #expect(response.body.string.contains(escaped), "\(path) does not show the typed text")
            }
        }
    }
}
