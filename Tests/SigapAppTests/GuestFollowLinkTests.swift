import Fluent
import Foundation
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 14: a guest cannot lose the follow link — the answer to filing is the private page (303), a second tap
/// or a refresh gives the first report, and the link can be copied or sent again to the contact.
@Suite struct GuestFollowLinkTests {
    let form = [
        "kind": "pengaduan", "category": "lampu-jalan", "title": "Lampu jalan mati sebulan",
        "description": "Tiga lampu di ujung gang mati, jalan gelap dan rawan.", "desa": "99.01.02.2001",
        "privacy": "publik", "contact": "warga.tamu@contoh.id",
    ]

    /// The submission key the form page carries.
    func submissionKey(_ browser: Browser) async throws -> String {
        let page = try await browser.get("/lapor").body.string
        return try #require(Browser.firstMatch(#"name="kirim" value="([A-Za-z0-9_-]{20,})""#, in: page))
    }

    @Test func aSecondTapOrARefreshGivesTheFirstReportNotASecond() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            var fields = form
            fields["kirim"] = try await submissionKey(browser)
            let first = try await browser.postMultipart("/lapor", fields)
            #expect(first.status == .seeOther)
            let again = try await browser.postMultipart("/lapor", fields)
            #expect(again.status == .seeOther)
            #expect(again.location == first.location)  // the same report, with the same private key
            #expect(try await Report.query(on: context.db).count() == 1)
            // The result page does not offer the guest's own report as a "similar report".
            let page = try await browser.get(try #require(first.location)).body.string
            #expect(!page.contains("report.similar_title") && !page.contains("Laporan serupa"))

            // Back, text changed, sent again: the person meant a new report.
            fields["title"] = "Lampu jalan mati di gang sebelah juga"
            fields["confirm"] = "on"
            let changed = try await browser.postMultipart("/lapor", fields)
            #expect(changed.status == .seeOther)
            #expect(changed.location != first.location)
            #expect(try await Report.query(on: context.db).count() == 2)
        }
    }

    @Test func withoutAKeyEachSubmissionFiles() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            let formPage = try await browser.get("/lapor")
            #expect(formPage.status == .ok)  // the form, and its token
            #expect(try await browser.postMultipart("/lapor", form).status == .seeOther)
            var again = form
            again["confirm"] = "on"
            #expect(try await browser.postMultipart("/lapor", again).status == .seeOther)
            #expect(try await Report.query(on: context.db).count() == 2)
        }
    }

    @Test func theLinkIsSentAgainToTheGuestsContactAFewTimesADay() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            var fields = form
            fields["kirim"] = try await submissionKey(browser)
            let location = try #require(try await browser.postMultipart("/lapor", fields).location)
            let page = try await browser.get(location).body.string
            let action = try #require(
                Browser.firstMatch(#"action="(/laporan/[^"]+/kirim-tautan\?kunci=[^"]+)""#, in: page))
            let key = try #require(location.split(separator: "kunci=").last?.split(separator: "&").first)
            func receipts() async throws -> Int {
                try await OutboxMessage.query(on: context.db).filter(\.$event == .reportReceived).count()
            }
            #expect(try await receipts() == 1)  // the receipt sent at filing
            for sent in 1...ReportFollowLink.resendsPerDay {
                let resent = try await browser.post(action)
                #expect(resent.status == .seeOther)
                #expect(resent.location?.hasSuffix("?kunci=\(key)") == true)
                #expect(try await receipts() == 1 + sent)
            }
            let enough = try await browser.post(action)
            #expect(enough.status == .seeOther)
            #expect(try await receipts() == 1 + ReportFollowLink.resendsPerDay)
            #expect(try await browser.get(try #require(enough.location)).body.string.contains("coba lagi besok"))
            // Only the holder of the key can ask: without it the report's address answers 404.
            let number = try #require(Browser.firstMatch(#"/laporan/(SGP-[0-9-]+)/"#, in: action))
            #expect(
                try await Browser(context.app).submit("/lapor", to: "/laporan/\(number)/kirim-tautan", [:]).status
                    == .notFound)
            #expect(try await receipts() == 1 + ReportFollowLink.resendsPerDay)
        }
    }

    @Test func actionsSayWhatWasDone() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let author = try await APIClient.signedIn("081234567890", context)
            let number = try await ReportFixtures.file(author, ReportFixtures.draft())
            _ = try await Fixtures.citizen(phone: "081298765432", in: context)
            let supporter = Browser(context.app)
            try await supporter.logIn("081298765432")
            let supported = try await supporter.submit("/laporan/\(number)", to: "/laporan/\(number)/dukung", [:])
            #expect(supported.status == .seeOther)
            let after = try await supporter.get(try #require(supported.location)).body.string
            #expect(after.contains("Dukungan Anda untuk laporan ini tercatat."))
        }
    }

    @Test func supportersSeeTheySupportAndMayWithdrawGuestsAreAskedToSignIn() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let author = try await APIClient.signedIn("081234567890", context)
            let number = try await ReportFixtures.file(author, ReportFixtures.draft())
            func count() async throws -> Int {
                try await Report.query(on: context.db).filter(\.$number == number).first()?.supportersCount ?? -1
            }
            let guestPage = try await Browser(context.app).get("/laporan/\(number)").body.string
            #expect(guestPage.contains("href=\"/masuk?next=/laporan/\(number)\">Masuk untuk mendukung laporan ini</a>"))
            #expect(!guestPage.contains("/dukung\""))

            _ = try await Fixtures.citizen(phone: "081298765432", in: context)
            let supporter = Browser(context.app)
            try await supporter.logIn("081298765432")
            let before = try await supporter.get("/laporan/\(number)").body.string
            #expect(before.contains("action=\"/laporan/\(number)/dukung\""))
            #expect(try await supporter.post("/laporan/\(number)/dukung").status == .seeOther)
            #expect(try await count() == 1)
            let supporting = try await supporter.get("/laporan/\(number)").body.string
            #expect(supporting.contains("Anda mendukung laporan ini"))
            #expect(!supporting.contains("action=\"/laporan/\(number)/dukung\""))
            #expect(supporting.contains("action=\"/laporan/\(number)/batal-dukung\""))

            let withdrawn = try await supporter.post("/laporan/\(number)/batal-dukung")
            #expect(withdrawn.status == .seeOther)
            #expect(try await count() == 0)
            #expect(try await ReportSupport.query(on: context.db).count() == 0)
            let again = try await supporter.get(try #require(withdrawn.location)).body.string
            #expect(again.contains("Dukungan Anda dibatalkan."))
            #expect(again.contains("action=\"/laporan/\(number)/dukung\""))
            // Withdrawing twice changes nothing; the reporter is never offered support of their own report.
            #expect(try await supporter.post("/laporan/\(number)/batal-dukung").status == .seeOther)
            #expect(try await count() == 0)
            let own = Browser(context.app)
            try await own.logIn("081234567890")
            let ownPage = try await own.get("/laporan/\(number)").body.string
            #expect(!ownPage.contains("/dukung\"") && !ownPage.contains("batal-dukung"))
        }
    }
}

/// Issue 14: nothing typed is lost — an expired form comes back with what was typed and a fresh token, and
/// photos that cannot be put back are asked for again, clearly.
@Suite struct NothingTypedIsLostTests {
    @Test func anExpiredFormComesBackWithWhatWasTypedAndAFreshToken() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            let formPage = try await browser.get("/daftar")
            #expect(formPage.status == .ok)  // the form, and its token
            let fields = [
                "name": "Siti <Aminah>", "contact": "0812 3333 4444", "password": "rahasia-sekali-123",
                "password_confirmation": "rahasia-sekali-123", "consent": "on", "_csrf": "kedaluwarsa",
            ]
            let expired = try await browser.post("/daftar", fields)
            #expect(expired.status == .forbidden)
            let html = expired.body.string
            #expect(html.contains("<h1>Formulir perlu dikirim ulang</h1>"))
            #expect(html.contains("<input type=\"hidden\" name=\"name\" value=\"Siti &lt;Aminah&gt;\">"))
            #expect(html.contains("<form method=\"post\" action=\"/daftar\">"))
            #expect(!html.contains("rahasia-sekali-123"))  // passwords are never echoed
            #expect(html.contains("Kata sandi dan kode tidak diisikan ulang"))
            let fresh = try #require(Browser.firstMatch(#"name="_csrf" value="([^"]+)""#, in: html))
            #expect(fresh != "kedaluwarsa")
            #expect(try await User.query(on: context.db).filter(\.$name == "Siti <Aminah>").count() == 0)
        }
    }

    @Test func aFormFromAnotherSiteGetsABare403() async throws {
        try await withSigap { context in
            for origin in ["https://penipu.example", nil] {
                let browser = Browser(context.app)
                browser.origin = origin
                let formPage = try await browser.get("/daftar")
                #expect(formPage.status == .ok)  // the form, and its token
                let refused = try await browser.post(
                    "/daftar", ["name": "Penyusup", "contact": "0812 3333 4444", "_csrf": "palsu"])
                #expect(refused.status == .forbidden)
                #expect(!refused.body.string.contains("Penyusup"), "\(origin ?? "no origin")")
                #expect(!refused.body.string.contains("Formulir perlu dikirim ulang"))
            }
        }
    }

    @Test func anExpiredReportFormComesBackFilledAndFilesNothing() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            let formPage = try await browser.get("/lapor")
            #expect(formPage.status == .ok)  // the form, and its token
            browser.csrf = "kedaluwarsa"
            let photo = try Data(contentsOf: ReportPagesTests.fixtures.appendingPathComponent("gps-tagged.jpg"))
            let expired = try await browser.postMultipart(
                "/lapor", GuestFollowLinkTests().form, files: [("lampu.jpg", photo)])
            #expect(expired.status == .forbidden)
            let html = expired.body.string
            #expect(html.contains("value=\"Lampu jalan mati sebulan\""))
            #expect(html.contains("Tiga lampu di ujung gang mati"))
            #expect(html.contains("Formulir ini sudah kedaluwarsa"))
            #expect(html.contains("Pilih foto lagi"))
            let fresh = try #require(Browser.firstMatch(#"action="/lapor\?_csrf=([^"]+)""#, in: html))
            #expect(fresh != "kedaluwarsa")
            #expect(try await Report.query(on: context.db).count() == 0)
            #expect(Fixtures.storedFiles(in: context.app.sigap.config.dataDirectory + "/uploads").isEmpty)
        }
    }

    @Test func photosChosenBeforeAMistakeAreAskedForAgain() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            let formPage = try await browser.get("/lapor")
            #expect(formPage.status == .ok)  // the form, and its token
            var bad = GuestFollowLinkTests().form
            bad["title"] = "Lam"
            let photo = try Data(contentsOf: ReportPagesTests.fixtures.appendingPathComponent("gps-tagged.jpg"))
            let answer = try await browser.postMultipart("/lapor", bad, files: [("lampu.jpg", photo)])
            #expect(answer.status == .unprocessableEntity)
            #expect(answer.body.string.contains("Pilih foto lagi"))
            let withoutPhoto = try await browser.postMultipart("/lapor", bad)
            #expect(!withoutPhoto.body.string.contains("Pilih foto lagi"))
        }
    }
}
