import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

@Suite struct ReportPagesTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    let form = [
        "kind": "pengaduan", "category": "lampu-jalan", "title": "Lampu jalan mati sebulan",
        "description": "Tiga lampu di ujung gang mati, jalan gelap dan rawan.", "desa": "99.01.02.2001",
        "address": "Gang Melati", "lat": "3,6551", "lon": "98.3981", "privacy": "publik", "contact": "0812 7777 8888",
    ]

    @Test func aGuestFilesWithAPhotoWithoutJavaScriptAndGetsTheNumberAndAPrivateLink() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            #expect(try await browser.get("/lapor").status == .ok)
            let photo = try Data(contentsOf: Self.fixtures.appendingPathComponent("gps-tagged.jpg"))
            let filed = try await browser.postMultipart("/lapor", form, files: [("lampu.jpg", photo)])
            // The answer is the private page itself (303): the bookmark, and a refresh does not file again.
            #expect(filed.status == .seeOther)
            let location = try #require(filed.location)
            #expect(
                location.hasPrefix("/laporan/SGP-") && location.contains("?kunci=") && location.hasSuffix("&baru=1"))
            let result = try await browser.get(location).body.string
            let number = try #require(Browser.firstMatch(#"class="number">(SGP-\d{4}-\d{6})<"#, in: result))
            let link = try #require(
                Browser.firstMatch(#"id="follow-link" class="copy-source" value="([^"]+)""#, in: result))
            #expect(link.hasPrefix("http://127.0.0.1:8080/laporan/\(number)?kunci="))
            #expect(result.contains("data-copy=\"follow-link\""))
            #expect(result.contains("/laporan/\(number)/kirim-tautan?kunci="))
            let report = try #require(try await Report.query(on: context.db).filter(\.$number == number).first())
            #expect(report.latitude == 3.6551)  // a decimal comma is understood
            #expect(try await ReportPhoto.query(on: context.db).count() == 1)

            let path = String(link.dropFirst("http://127.0.0.1:8080".count))
            let mine = try await Browser(context.app).get(path)
            #expect(mine.status == .ok)
            #expect(mine.body.string.contains("62812••••8888"))
            #expect(mine.body.string.contains("action=\"/laporan/\(number)/informasi?"))
            let stranger = try await Browser(context.app).get("/laporan/\(number)")
            #expect(stranger.status == .ok)
            #expect(!stranger.body.string.contains("8888"))
            #expect(!stranger.body.string.contains("/informasi"))
        }
    }

    @Test func invalidInputKeepsEverythingTypedWithAMessagePerField() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            try await browser.get("/lapor?lang=en")
            var bad = form
            bad["title"] = "Lam"
            bad["lat"] = "utara"
            bad["contact"] = ""
            let response = try await browser.postMultipart("/lapor", bad)
            #expect(response.status == .unprocessableEntity)
            let body = response.body.string
            #expect(body.contains("Gang Melati"))
            #expect(body.contains("Tiga lampu di ujung gang mati"))
            #expect(body.contains("Invalid coordinates"))
            #expect(try await Report.query(on: context.db).count() == 0)

            bad["lat"] = "3.6551"
            let second = try await browser.postMultipart("/lapor", bad)
            #expect(second.body.string.contains("The title needs 5 to 120 characters."))
            #expect(second.body.string.contains("leave a mobile number or e-mail"))
            #expect(second.body.string.contains("value=\"Lam\""))
        }
    }

    @Test func nearbyOpenReportsOfTheSameCategoryAreOfferedBeforeADuplicate() async throws {
        try await withSigap { context in
            let first = Browser(context.app)
            try await first.get("/lapor")
            #expect(try await first.postMultipart("/lapor", form).status == .seeOther)
            let existing = try #require(try await Report.query(on: context.db).first()).number

            let neighbour = Browser(context.app, address: "192.0.2.44")
            try await neighbour.get("/lapor")
            var close = form
            close["lat"] = "3.6560"  // ~100 m away
            close["title"] = "Lampu gang padam"
            let offered = try await neighbour.postMultipart("/lapor", close)
            #expect(offered.status == .ok)
            #expect(offered.body.string.contains(existing))
            #expect(offered.body.string.contains("name=\"confirm\""))
            #expect(try await Report.query(on: context.db).count() == 1)
            close["confirm"] = "on"
            #expect(try await neighbour.postMultipart("/lapor", close).status == .seeOther)

            var far = form
            far["lat"] = "3.6700"  // ~1.7 km away
            far["title"] = "Lampu mati di jalan lain"
            let elsewhere = Browser(context.app, address: "192.0.2.45")
            try await elsewhere.get("/lapor")
            #expect(try await elsewhere.postMultipart("/lapor", far).status == .seeOther)
        }
    }

    @Test func publicPagesRenderAndCitizensSupportFromTheReportPage() async throws {
        try await withSigap { context in
            let guest = Browser(context.app)
            try await guest.get("/lapor")
            try await guest.postMultipart("/lapor", form)
            let number = try #require(try await Report.query(on: context.db).first()).number
            for path in [
                "/laporan", "/laporan?status=terbuka&category=lampu-jalan", "/peta", "/laporan/\(number)",
                "/laporan?lang=en",
            ] {
                let passerBy = Browser(context.app)
                let page = try await passerBy.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.body.string.contains(number), "\(path)")
                #expect(passerBy.cookies["sigap_session"] == nil, "reading \(path) must not start a session")
            }
            _ = try await Fixtures.citizen(in: context)
            let citizen = Browser(context.app, address: "192.0.2.46")
            try await citizen.logIn("081234567890")
            let page = try await citizen.get("/laporan/\(number)")
            #expect(page.body.string.contains("Saya juga mengalami"))
            #expect(try await citizen.post("/laporan/\(number)/dukung").status == .seeOther)
            #expect(try await Report.query(on: context.db).first()?.supportersCount == 1)
            #expect(try await citizen.get("/laporan-saya").status == .ok)
        }
    }

    @Test func staffWorkAReportFromTheQueueWithWebForms() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let citizen = Browser(context.app)
            try await citizen.logIn("081234567890")
            try await citizen.get("/lapor")
            var mine = form
            mine["contact"] = nil
            #expect(try await citizen.postMultipart("/lapor", mine).status == .seeOther)
            let number = try #require(try await Report.query(on: context.db).first()).number

            let clerk = try await Fixtures.staff(.opdStaf, agency: "DISHUB", in: context)
            let staff = Browser(context.app, address: "192.0.2.47")
            try await staff.logIn(clerk, context)
            let queue = try await staff.get("/dasbor/laporan")
            #expect(queue.body.string.contains(number))
            let page = try await staff.get("/dasbor/laporan/\(number)")
            #expect(page.body.string.contains("Siti Aminah"))
            #expect(page.body.string.contains("value=\"verify\""))
            #expect(
                try await staff.postMultipart("/dasbor/laporan/\(number)/tindakan", ["action": "verify"]).status
                    == .seeOther)
            let noReason = try await staff.postMultipart(
                "/dasbor/laporan/\(number)/tindakan", ["action": "reject", "text": " ", "yakin": "on"])
            #expect(noReason.status == .unprocessableEntity)
            // Rejecting is never one click (issue 14): without the "yes, really" box nothing happens.
            let staffPage = try await staff.get("/dasbor/laporan/\(number)").body.string
            #expect(
                staffPage.contains(
                    "class=\"card destructive\"><input type=\"hidden\" name=\"action\" value=\"reject\">"))
            #expect(staffPage.contains("<input type=\"checkbox\" name=\"yakin\" required> Ya, tolak laporan ini."))
            #expect(staffPage.contains("<select name=\"agency\" required><option value=\"\">—</option>"))
            #expect(staffPage.contains("href=\"https://www.openstreetmap.org/?mlat=3.6551&amp;mlon=98.3981"))
            let unconfirmed = try await staff.postMultipart(
                "/dasbor/laporan/\(number)/tindakan", ["action": "reject", "text": "Bukan wewenang kami"])
            #expect(unconfirmed.status == .unprocessableEntity)
            #expect(unconfirmed.body.string.contains("Centang konfirmasi dulu"))
            #expect(try await Report.query(on: context.db).first()?.status != .ditolak)
            let photo = try Data(contentsOf: Self.fixtures.appendingPathComponent("text-chunks.png"))
            let resolved = try await staff.postMultipart(
                "/dasbor/laporan/\(number)/tindakan", ["action": "resolve", "text": "Lampu sudah diganti"],
                files: [("hasil.png", photo)])
            #expect(resolved.status == .seeOther)
            #expect(
                try await staff.get(try #require(resolved.location)).body.string.contains("Laporan ditandai selesai"))
            #expect(try await Report.query(on: context.db).first()?.status == .selesai)
            #expect(try await ReportPhoto.query(on: context.db).filter(\.$fromStaff == true).count() == 1)

            // the reporter rates from the page
            let detail = try await citizen.get("/laporan/\(number)")
            #expect(detail.body.string.contains("Lampu sudah diganti"))
            // No star is chosen for them, and sending without one asks for one (issue 14).
            #expect(detail.body.string.contains("name=\"rating\" value=\"5\" required>"))
            #expect(!detail.body.string.contains("name=\"rating\" value=\"5\" checked"))
            let unrated = try await citizen.post("/laporan/\(number)/nilai", ["text": "Terima kasih"])
            #expect(unrated.status == .unprocessableEntity)
            #expect(unrated.body.string.contains("Pilih nilai 1 sampai 5."))
            #expect(try await Report.query(on: context.db).first()?.rating == nil)
            #expect(
                try await citizen.post("/laporan/\(number)/nilai", ["rating": "4", "text": "Terima kasih"]).status
                    == .seeOther)
            #expect(try await Report.query(on: context.db).first()?.rating == 4)

            // the queue of another agency does not list it, and its staff page is closed to them
            let other = try await Fixtures.staff(.opdStaf, agency: "DLH", in: context)
            let otherBrowser = Browser(context.app, address: "192.0.2.48")
            try await otherBrowser.logIn(other, context)
            #expect(!(try await otherBrowser.get("/dasbor/laporan?status=semua").body.string.contains(number)))
            #expect(try await otherBrowser.get("/dasbor/laporan/\(number)").status == .notFound)
            #expect(
                try await otherBrowser.postMultipart(
                    "/dasbor/laporan/\(number)/tindakan", ["action": "note", "text": "x"]
                ).status == .notFound)
        }
    }

    @Test func emptyListsSayNothingIsThereInsteadOfShowingEmptySections() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            let form = try await browser.get("/lapor").body.string
            #expect(!form.contains("Laporan serupa"))
            #expect(try await browser.get("/laporan").body.string.contains("Belum ada laporan."))
            #expect(try await browser.get("/peta").body.string.contains("Belum ada laporan."))
        }
    }

    @Test func multipartFormsWithoutTheTokenAreRefused() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            try await browser.get("/lapor")
            browser.csrf = "forged"
            #expect(try await browser.postMultipart("/lapor", form).status == .forbidden)
            #expect(try await Report.query(on: context.db).count() == 0)
        }
    }
}
