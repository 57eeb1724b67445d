import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 15 (entering proposals through the form): the village meeting's documents, who sees the attendance
/// list, and a second press of "send".
@Suite struct ProposalEntryTests {
    static let minutes = Data("%PDF-1.4\nBerita acara Musrenbang desa\n%%EOF\n".utf8)
    static let attendance = Data("%PDF-1.4\nDaftar hadir: Siti Aminah, Budi Santoso\n%%EOF\n".utf8)

    /// The hidden one-time key of the form page.
    static func submissionKey(_ page: TestingHTTPResponse) -> String? {
        let html = page.body.string
        guard let start = html.range(of: "name=\"kirim\" value=\"") else { return nil }
        return String(html[start.upperBound...].prefix { $0 != "\"" })
    }

    @Test func aVillageMeetingIsEnteredWithItsMinutesAndOnlyOfficersSeeTheAttendanceList() async throws {
        try await withSigap { context in
            let w = try await ProposalTests.world(context)
            ProposalTests.enter(.desa, w, context)
            let officer = Browser(context.app)
            try await officer.logIn(w.desaOfficer, context)
            let form = try await officer.get("/musrenbang/usul")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("name=\"minutes\""))
            let fields = [
                "catalogue": "drainase", "title": "Drainase hasil musyawarah desa", "desa": w.desa.code,
                "volume": "80", "problem": "Musyawarah desa sepakat: genangan di jalan dusun.", "confirm": "on",
            ]

            // Without the minutes, and with a photo where the minutes belong: refused, with the field named.
            let bare = try await officer.postMultipart("/musrenbang/usul", fields)
            #expect(bare.status == .unprocessableEntity)
            #expect(bare.body.string.contains("Lampirkan berita acara musyawarah desa (PDF)."))
            let photo = try Data(contentsOf: ReportPhotoTests.fixtures.appendingPathComponent("gps-tagged.jpg"))
            let wrong = try await officer.postMultipart(
                "/musrenbang/usul", fields, attachments: [("minutes", "berita.jpg", photo)])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("Berkas ini harus PDF."))
            #expect(try await Proposal.query(on: context.db).count() == 0)

            let sent = try await officer.postMultipart(
                "/musrenbang/usul", fields,
                attachments: [
                    ("minutes", "berita-acara.pdf", Self.minutes), ("attendance", "hadir.pdf", Self.attendance),
                ])
            #expect(sent.status == .seeOther)
            #expect(sent.location == "/musrenbang/usulan/MR-2027-00001")
            let p = try await Proposals.find("MR-2027-00001", on: context.db)
            #expect(p.source == .desaMeeting)
            #expect(p.stage == .atDesa)
            let files = try await ProposalFile.query(on: context.db).filter(\.$proposalID == p.id!).all()
            #expect(Set(files.map(\.kind)) == [.minutes, .attendance])
            let minutesFile = try #require(files.first { $0.kind == .minutes })
            let attendanceFile = try #require(files.first { $0.kind == .attendance })

            // The public reads the minutes; the attendance list names people and stays with the officers.
            let guest = Browser(context.app)
            let page = try await guest.get("/musrenbang/usulan/MR-2027-00001")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("/musrenbang/berkas/\(minutesFile.id!)"))
            #expect(!page.body.string.contains("/musrenbang/berkas/\(attendanceFile.id!)"))
            let publicMinutes = try await guest.get("/musrenbang/berkas/\(minutesFile.id!)")
            #expect(publicMinutes.status == .ok)
            #expect(publicMinutes.body.string.contains("Berita acara"))
            #expect(try await guest.get("/musrenbang/berkas/\(attendanceFile.id!)").status == .forbidden)
            let citizen = Browser(context.app)
            #expect(try await citizen.logIn("081234567890").status == .seeOther)
            #expect(try await citizen.get("/musrenbang/berkas/\(attendanceFile.id!)").status == .forbidden)
            let outsider = try await Fixtures.staff(.petugasDesa, in: context)
            outsider.user.$desa.id = w.farDesa.id
            try await outsider.user.save(on: context.db)
            let otherOfficer = Browser(context.app)
            try await otherOfficer.logIn(outsider, context)
            #expect(try await otherOfficer.get("/musrenbang/berkas/\(attendanceFile.id!)").status == .forbidden)

            let officerPage = try await officer.get("/musrenbang/usulan/MR-2027-00001")
            #expect(officerPage.body.string.contains("/musrenbang/berkas/\(attendanceFile.id!)"))
            let list = try await officer.get("/musrenbang/berkas/\(attendanceFile.id!)")
            #expect(list.status == .ok)
            #expect(list.body.string.contains("Siti Aminah"))
            let kecamatanOfficer = Browser(context.app)
            try await kecamatanOfficer.logIn(w.kecamatanOfficer, context)
            #expect(try await kecamatanOfficer.get("/musrenbang/berkas/\(attendanceFile.id!)").status == .ok)
        }
    }

    @Test func aSecondPressOfSendEntersOneProposal() async throws {
        try await withSigap { context in
            let w = try await ProposalTests.world(context)
            let browser = Browser(context.app)
            #expect(try await browser.logIn("081234567890").status == .seeOther)
            let form = try await browser.get("/musrenbang/usul")
            #expect(form.status == .ok)
            let key = try #require(Self.submissionKey(form))
            #expect(key.count >= 20)
            let fields = [
                "catalogue": "drainase", "title": "Saluran drainase RT 05", "desa": w.desa.code, "volume": "40",
                "problem": "Air menggenang di depan rumah warga.", "kirim": key,
            ]
            let first = try await browser.postMultipart("/musrenbang/usul", fields)
            #expect(first.status == .seeOther)
            #expect(first.location == "/musrenbang/usulan/MR-2027-00001")
            // The same form again (a double tap, or a resend after a lost answer): the first proposal, not a
            // second one and not the duplicates step with the first as its "similar" proposal.
            let again = try await browser.postMultipart("/musrenbang/usul", fields)
            #expect(again.status == .seeOther)
            #expect(again.location == "/musrenbang/usulan/MR-2027-00001")
            #expect(try await Proposal.query(on: context.db).count() == 1)
            #expect(try await HistoryEvent.of(Subject(.proposal, "MR-2027-00001"), on: context.db).count() == 1)

            // The reader went back and changed the text: that is meant as another proposal (after the
            // duplicates step, since the first one is the same item in the same desa).
            var changed = fields
            changed["title"] = "Saluran drainase RT 06"
            changed["confirm"] = "on"
            let other = try await browser.postMultipart("/musrenbang/usul", changed)
            #expect(other.status == .seeOther)
            #expect(other.location == "/musrenbang/usulan/MR-2027-00002")
            #expect(try await Proposal.query(on: context.db).count() == 2)

            // Another account's form with the same key is its own submission.
            let neighbour = Browser(context.app)
            #expect(try await neighbour.logIn("081298765432").status == .seeOther)
            #expect(try await neighbour.get("/musrenbang/usul").status == .ok)
            let theirs = try await neighbour.postMultipart("/musrenbang/usul", changed)
            #expect(theirs.status == .seeOther)
            #expect(theirs.location == "/musrenbang/usulan/MR-2027-00003")
        }
    }
}
