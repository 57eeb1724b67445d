import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 16 (portal): the agenda and its iCalendar feed, documents and their download (their text in search when
/// `pdftotext` is there), news drafts and scheduled publication.
@Suite struct PortalTests {
    static func staff(_ role: Role, agency: String? = nil, _ context: TestContext) async throws -> Browser {
        let browser = Browser(context.app)
        try await browser.logIn(try await Fixtures.staff(role, agency: agency, in: context), context)
        return browser
    }

    /// "2026-12-01T09:00" in the region's time zone, `hours` from now.
    static func local(_ hours: Double, _ context: TestContext) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = context.app.sigap.config.timeZone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: context.clock.now.addingTimeInterval(hours * 3600))
    }

    @Test func anEventIsOnTheAgendaAndInItsCalendarFeed() async throws {
        try await withSigap { context in
            let citizen = Browser(context.app)
            _ = try await Fixtures.citizen(in: context)
            #expect(try await citizen.logIn("081234567890").status == .seeOther)
            #expect(try await citizen.get("/dasbor/agenda").status == .forbidden)

            let member = try await Self.staff(.dprd, context)
            let fields = [
                "title": "Sidang paripurna: Ranperda APBD, pandangan fraksi; terbuka", "kind": "sidang_dprd",
                "start": Self.local(26, context), "end": Self.local(24, context), "place": "Gedung DPRD, lantai 2",
                "description": "Warga boleh hadir.\nBawa KTP.",
            ]
            let wrong = try await member.submit("/dasbor/agenda", fields)
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("Selesai harus setelah mulai."))
            var right = fields
            right["end"] = Self.local(29, context)
            let added = try await member.submit("/dasbor/agenda", right)
            #expect(added.status == .seeOther)
            let event = try #require(try await AgendaEvent.query(on: context.db).first())
            #expect(added.location == "/agenda#acara-\(event.id!)")

            let page = try await Browser(context.app).get("/agenda")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Sidang paripurna: Ranperda APBD, pandangan fraksi; terbuka"))

            let feed = try await Browser(context.app).get("/agenda.ics")
            #expect(feed.status == .ok)
            #expect(feed.headers.first(name: .contentType) == "text/calendar; charset=utf-8")
            let text = feed.body.string
            #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
            #expect(text.hasSuffix("END:VCALENDAR\r\n"))
            let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
            #expect(unfolded.contains("SUMMARY:Sidang paripurna: Ranperda APBD\\, pandangan fraksi\\; terbuka\r\n"))
            #expect(unfolded.contains("LOCATION:Gedung DPRD\\, lantai 2\r\n"))
            #expect(unfolded.contains("DESCRIPTION:Warga boleh hadir.\\nBawa KTP.\r\n"))
            #expect(unfolded.contains("DTSTART:" + ICalendar.stamp(event.startsAt) + "\r\n"))
            for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
            #expect(try await SearchTests.found("paripurna", kind: .agenda, context) == [String(event.id!)])
            #expect(unfolded.contains("STATUS:CONFIRMED\r\n"))

            // Calling it off: only its publisher (or their agency's head, or an admin), with a reason.
            let form = try await member.get("/dasbor/agenda")
            #expect(form.body.string.contains("/dasbor/agenda/\(event.id!)/batal"))
            let otherMember = try await Self.staff(.dprd, context)
            #expect(!(try await otherMember.get("/dasbor/agenda").body.string.contains("/\(event.id!)/batal")))
            let foreign = try await otherMember.post(
                "/dasbor/agenda/\(event.id!)/batal", ["reason": "Bukan acara saya."])
            #expect(foreign.status == .forbidden)
            let noReason = try await member.post("/dasbor/agenda/\(event.id!)/batal", ["reason": " "])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("Tuliskan alasannya"))
            let cancelled = try await member.post(
                "/dasbor/agenda/\(event.id!)/batal", ["reason": "Ditunda karena banjir di Kota Mulia."])
            #expect(cancelled.status == .seeOther)
            let agenda = try await Browser(context.app).get("/agenda")
            #expect(agenda.body.string.contains("Dibatalkan: Ditunda karena banjir di Kota Mulia."))
            let after = try await Browser(context.app).get("/agenda.ics").body.string
            #expect(after.contains("STATUS:CANCELLED\r\nSEQUENCE:1\r\n"))
            #expect(try await SearchTests.found("paripurna", kind: .agenda, context).isEmpty)
            #expect(
                try await AuditEvent.query(on: context.db).filter(\.$action == "portal.event_cancelled").count() == 1)
            // Cancelled once; a second cancellation finds nothing to cancel.
            #expect(
                try await member.post("/dasbor/agenda/\(event.id!)/batal", ["reason": "Sekali lagi dibatalkan."]).status
                    == .notFound)
        }
    }

    @Test func aDocumentIsListedDownloadedAndFoundByItsText() async throws {
        try await withSigap { context in
            let head = try await Self.staff(.opdAdmin, agency: "DLH", context)
            let pdf = DemoPDF.make(["PERATURAN DAERAH NOMOR 7", "Bank sampah desa dibina oleh dinas terkait."])
            let fields = ["kind": "perda", "number": "7", "year": "2026", "title": "Perda Pengelolaan Sampah"]
            #expect(try await head.get("/dasbor/dokumen").status == .ok)
            let missing = try await head.postMultipart("/dasbor/dokumen", fields)
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("Lampirkan berkas PDF."))
            let photo = try Data(contentsOf: ReportPhotoTests.fixtures.appendingPathComponent("gps-tagged.jpg"))
            let notPDF = try await head.postMultipart(
                "/dasbor/dokumen", fields, attachments: [("file", "a.jpg", photo)])
            #expect(notPDF.status == .unprocessableEntity)
            let sent = try await head.postMultipart(
                "/dasbor/dokumen", fields, attachments: [("file", "perda.pdf", pdf)])
            #expect(sent.status == .seeOther)
            let document = try #require(try await PortalDocument.query(on: context.db).first())
            #expect(sent.location == "/dokumen/\(document.id!)")

            let guest = Browser(context.app)
            let list = try await guest.get("/dokumen?jenis=perda&tahun=2026")
            #expect(list.body.string.contains("Perda Pengelolaan Sampah"))
            #expect(!(try await guest.get("/dokumen?jenis=apbd").body.string.contains("Perda Pengelolaan Sampah")))
            let download = try await guest.get("/dokumen/\(document.id!)/unduh")
            #expect(download.status == .ok)
            #expect(download.headers.first(name: .contentType) == "application/pdf")
            #expect(Data(download.body.readableBytesView) == pdf)
            #expect(
                try await SearchTests.found("pengelolaan sampah", kind: .document, context) == [String(document.id!)])
            // "dibina" is only inside the PDF: found when pdftotext read it, and only then.
            let hasTool = FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext")
            #expect((document.text?.contains("Bank sampah desa") ?? false) == hasTool)
            #expect(try await SearchTests.found("pembinaan bank sampah", kind: .document, context).isEmpty == !hasTool)

            // Withdrawn (the wrong file): gone from the list, its page, its download and search; audited.
            let pupr = try await Self.staff(.opdAdmin, agency: "PUPR", context)
            #expect(
                try await pupr.post("/dasbor/dokumen/\(document.id!)/tarik", ["reason": "Salah unggah berkas."]).status
                    == .forbidden)
            #expect(try await head.get("/dasbor/dokumen").body.string.contains("/dasbor/dokumen/\(document.id!)/tarik"))
            let withdrawn = try await head.post(
                "/dasbor/dokumen/\(document.id!)/tarik", ["reason": "Salah unggah berkas, versi lama."])
            #expect(withdrawn.status == .seeOther)
            #expect(!(try await guest.get("/dokumen").body.string.contains("Perda Pengelolaan Sampah")))
            #expect(try await guest.get("/dokumen/\(document.id!)").status == .notFound)
            #expect(try await guest.get("/dokumen/\(document.id!)/unduh").status == .notFound)
            #expect(try await SearchTests.found("pengelolaan sampah", kind: .document, context).isEmpty)
            let audit = try #require(
                try await AuditEvent.query(on: context.db).filter(\.$action == "portal.document_withdrawn").first())
            #expect(audit.detail == "Salah unggah berkas, versi lama.")
        }
    }

    @Test func newsIsHiddenAsADraftAndUntilItsScheduledMoment() async throws {
        try await withSigap { context in
            let citizen = Browser(context.app)
            _ = try await Fixtures.citizen(in: context)
            #expect(try await citizen.logIn("081234567890").status == .seeOther)
            #expect(try await citizen.get("/dasbor/berita/baru").status == .forbidden)
            #expect(try await citizen.get("/dasbor/berita").status == .forbidden)

            let head = try await Self.staff(.opdAdmin, agency: "DLH", context)
            let fields = [
                "title": "Bank sampah dibuka di setiap desa", "summary": "Warga dapat menabung sampah terpilah.",
                "body": "Bank sampah **buka** setiap Sabtu.",
            ]
            #expect(try await head.get("/dasbor/berita/baru").status == .ok)
            let draft = try await head.postMultipart("/dasbor/berita/baru", fields)
            #expect(draft.status == .seeOther)
            let item = try #require(try await NewsItem.query(on: context.db).first())
            #expect(item.publishedAt == nil)
            #expect(try await Browser(context.app).get("/berita/\(item.id!)").status == .notFound)
            #expect(try await head.get("/berita/\(item.id!)").status == .ok)  // the writers' preview
            #expect(!(try await Browser(context.app).get("/berita").body.string.contains("Bank sampah dibuka")))
            #expect(try await SearchTests.found("bank sampah", kind: .news, context).isEmpty)

            // Another agency's head may not touch it.
            let other = try await Self.staff(.opdAdmin, agency: "PUPR", context)
            #expect(try await other.get("/dasbor/berita/\(item.id!)").status == .forbidden)

            var scheduled = fields
            scheduled["publish_at"] = Self.local(5, context)
            #expect(try await head.postMultipart("/dasbor/berita/\(item.id!)", scheduled).status == .seeOther)
            #expect(try await Browser(context.app).get("/berita/\(item.id!)").status == .notFound)
            let search = try await Browser(context.app).get("/api/v1/search?q=bank+sampah&kind=berita")
            #expect(search.body.string.contains("\"results\":[]"))

            context.clock.advance(seconds: 6 * 3600)
            let page = try await Browser(context.app).get("/berita/\(item.id!)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Bank sampah <strong>buka</strong> setiap Sabtu."))
            #expect(try await Browser(context.app).get("/berita").body.string.contains("Bank sampah dibuka"))
            let found = try await Browser(context.app).get("/api/v1/search?q=bank+sampah&kind=berita")
            #expect(found.body.string.contains("\"key\":\"\(item.id!)\""))
        }
    }
}
