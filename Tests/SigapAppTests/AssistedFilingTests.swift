import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// A pendamping files a report, a Musrenbang proposal or a service application for a citizen without a
/// smartphone: the citizen's name, phone and spoken consent are recorded (the consent audited), the citizen is
/// the owner — points and news are theirs, the news reaching their phone — and the record says it was entered
/// with help. Only in the pendamping's own desa.
@Suite struct AssistedFilingTests {
    static func pendamping(_ context: TestContext, in chosen: Desa? = nil) async throws -> (Fixtures.Staff, Desa) {
        let first = try await Desa.query(on: context.db).sort(\.$code).first()
        let desa = try #require(chosen ?? first)
        let helper = try await Fixtures.staff(.pendamping, in: context)
        helper.user.$desa.id = desa.id
        try await helper.user.save(on: context.db)
        return (helper, desa)
    }

    static func fields(desa: String, consent: Bool = true) -> [String: String] {
        var fields = [
            "kind": "pengaduan", "category": "jalan", "title": "Jembatan kayu di dusun dua lapuk",
            "description": "Papan jembatan kayu di dusun dua sudah lapuk dan berlubang, anak sekolah takut melintas.",
            "desa": desa, "privacy": "publik", "confirm": "on", "warga_nama": "Ibu Siti Aminah",
            "warga_hp": "0813-5555-0101",
        ]
        if consent { fields["persetujuan"] = "on" }
        return fields
    }

    @Test func aPendampingFilesForACitizenWhoIsTheReporterAndHearsTheNews() async throws {
        try await withSigap { context in
            let (helper, desa) = try await Self.pendamping(context)
            let browser = Browser(context.app)
            try await browser.logIn(helper, context)
            let form = try await browser.get("/lapor")
            #expect(form.status == .ok)
            #expect(
                form.body.string.contains("name=\"warga_nama\"") && form.body.string.contains("name=\"persetujuan\""))
            // Only the pendamping's own desa is offered.
            #expect(form.body.string.components(separatedBy: "<option value=\"99.01.").count == 2)

            // Without the consent ticked nothing is filed.
            let refused = try await browser.post("/lapor", Self.fields(desa: desa.code, consent: false))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Tanyakan persetujuan warga"))
            #expect(try await Report.query(on: context.db).count() == 0)

            let filed = try await browser.post("/lapor", Self.fields(desa: desa.code))
            #expect(filed.status == .seeOther)
            let report = try #require(try await Report.query(on: context.db).first())
            #expect(filed.headers.first(name: .location) == "/pendamping?nomor=\(report.number)")
            #expect(report.assistedByID == helper.user.id)
            let citizen = try #require(try await User.find(try #require(report.reporterID), on: context.db))
            #expect(citizen.name == "Ibu Siti Aminah" && citizen.role == .warga && citizen.phoneVerifiedAt == nil)
            #expect(citizen.id != helper.user.id)

            // The consent is audited, naming the report and the pendamping.
            let audit = try #require(
                try await AuditEvent.query(on: context.db).filter(\.$action == "report.filed_for_citizen").first())
            #expect(audit.subjectID == report.number && audit.actorID == helper.user.id)

            // The citizen's phone gets the number on WhatsApp; the pendamping gets nothing.
            let toPhone = try await OutboxMessage.query(on: context.db).filter(\.$recipientUserID == citizen.id!)
                .filter(\.$channel == .whatsapp).all()
            #expect(toPhone.count == 1)
            let opened = try context.app.sigap.cipher.open(try #require(toPhone.first?.recipientContactCipher))
            #expect(opened == "6281355550101")
            #expect(
                try await OutboxMessage.query(on: context.db).filter(\.$recipientUserID == helper.user.id!).count() == 0
            )
            let outgoing = try #require(try await EventMessage.outgoing(toPhone[0], app: context.app))
            #expect(outgoing.address == "6281355550101" && outgoing.text.contains(report.number))

            // The pendamping's list, the public page's label.
            let list = try await browser.get("/pendamping?nomor=\(report.number)")
            #expect(list.body.string.contains("\(report.number) tercatat atas nama warga"))
            #expect(list.body.string.contains("untuk Ibu Siti Aminah"))
            let page = try await Browser(context.app).get("/laporan/\(report.number)")
            #expect(page.body.string.contains("Dibantu oleh pendamping"))

            // Points go to the citizen when the agency verifies the report; a later change reaches the phone.
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let clerkBrowser = Browser(context.app)
            try await clerkBrowser.logIn(clerk, context)
            let staffPage = try await clerkBrowser.get("/dasbor/laporan/\(report.number)")
            #expect(staffPage.body.string.contains("Dibantu oleh pendamping"))
            #expect(staffPage.body.string.contains("Ibu Siti Aminah"))
            try await SearchTests.act(.verify, report, by: clerk, context)
            #expect(try await Points.total(of: citizen.id!, on: context.db) == 10)
            #expect(try await Points.total(of: helper.user.id!, on: context.db) == 0)
            #expect(
                try await OutboxMessage.query(on: context.db).filter(\.$recipientUserID == citizen.id!)
                    .filter(\.$channel == .whatsapp).count() == 2)

            // A second report for the same phone lands on the same citizen's account.
            var second = Self.fields(desa: desa.code)
            second["title"] = "Lampu jalan dusun dua padam"
            second["warga_nama"] = "Siti Aminah"
            #expect(try await browser.post("/lapor", second).status == .seeOther)
            #expect(try await Report.query(on: context.db).filter(\.$reporterID == citizen.id!).count() == 2)
        }
    }

    @Test func aPendampingFilesOnlyInTheirOwnDesaAndOthersCannotFileForCitizens() async throws {
        try await withSigap { context in
            let (helper, desa) = try await Self.pendamping(context)
            let other = try #require(
                try await Desa.query(on: context.db).filter(\.$id != desa.id!).sort(\.$code, .descending).first())
            let browser = Browser(context.app)
            try await browser.logIn(helper, context)
            let outside = try await browser.submit("/lapor", Self.fields(desa: other.code))
            #expect(outside.status == .unprocessableEntity)
            #expect(outside.body.string.contains("hanya dapat membantu warga desa Anda sendiri"))
            #expect(try await Report.query(on: context.db).count() == 0)
            #expect(try await User.query(on: context.db).filter(\.$name == "Ibu Siti Aminah").count() == 0)

            // A citizen's own filing ignores the citizen fields: the report is theirs, not assisted.
            let citizen = try await Fixtures.citizen(in: context)
            let own = Browser(context.app)
            try await own.logIn("081234567890")
            #expect(try await own.submit("/lapor", Self.fields(desa: other.code)).status == .seeOther)
            let report = try #require(try await Report.query(on: context.db).first())
            #expect(report.reporterID == citizen.id && report.assistedByID == nil)

            // The pendamping's page is theirs alone.
            #expect(try await own.get("/pendamping").status == .forbidden)
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let staff = Browser(context.app)
            try await staff.logIn(clerk, context)
            #expect(try await staff.get("/pendamping").status == .forbidden)
        }
    }

    @Test func theCitizenWhoProvesThePhoneLaterTakesOverTheAccountWithItsReportsAndPoints() async throws {
        try await withSigap { context in
            let (helper, desa) = try await Self.pendamping(context)
            let browser = Browser(context.app)
            try await browser.logIn(helper, context)
            #expect(try await browser.submit("/lapor", Self.fields(desa: desa.code)).status == .seeOther)
            let report = try #require(try await Report.query(on: context.db).first())
            let made = try #require(report.reporterID)
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            try await SearchTests.act(.verify, report, by: clerk, context)

            // Months later the citizen has a phone of their own and registers with the same number.
            let citizen = Browser(context.app)
            let asked = try await citizen.submit(
                "/daftar",
                [
                    "name": "Siti Aminah", "contact": "0813-5555-0101", "password": "sawah hijau di kaki bukit",
                    "password_confirmation": "sawah hijau di kaki bukit", "consent": "on",
                ])
            #expect(asked.location == "/daftar/kode")
            let code = try #require(try await context.lastCode(sentTo: "081355550101"))
            let done = try await citizen.submit("/daftar/kode", ["code": code])
            #expect(done.status == .seeOther && done.location == "/akun")
            #expect(try await User.query(on: context.db).filter(\.$role == .warga).count() == 1)
            let account = try #require(try await User.find(made, on: context.db))
            #expect(account.name == "Siti Aminah" && account.phoneVerifiedAt != nil)
            #expect(try await Points.total(of: made, on: context.db) == 10)
            let mine = try await citizen.get("/laporan-saya")
            #expect(mine.body.string.contains(report.number))
        }
    }

    /// The WhatsApp rows that went to the citizen's account, each opened to the phone it goes to.
    static func whatsapp(to citizen: UUID, _ context: TestContext) async throws -> [String] {
        try await OutboxMessage.query(on: context.db).filter(\.$recipientUserID == citizen)
            .filter(\.$channel == .whatsapp).sort(\.$id).all()
            .map { try context.app.sigap.cipher.open(try #require($0.recipientContactCipher)) }
    }

    @Test func aPendampingProposesForACitizenWhoIsTheProposerAndHearsEachDecision() async throws {
        try await withSigap { context in
            let w = try await ProposalTests.world(context)
            let (helper, _) = try await Self.pendamping(context, in: w.desa)
            let browser = Browser(context.app)
            try await browser.logIn(helper, context)
            let form = try await browser.get("/musrenbang/usul")
            #expect(form.status == .ok)
            #expect(
                form.body.string.contains("name=\"warga_nama\"") && form.body.string.contains("name=\"persetujuan\""))
            #expect(form.body.string.contains("<option value=\"\(w.desa.code)\""))
            #expect(!form.body.string.contains("<option value=\"\(w.otherDesa.code)\""))
            var fields = [
                "catalogue": "drainase", "title": "Drainase gang melati", "desa": w.desa.code, "volume": "60",
                "problem": "Air menggenang di gang melati setiap hujan.", "confirm": "on",
                "warga_nama": "Ibu Siti Aminah", "warga_hp": "0813-5555-0101",
            ]

            // Without the consent, or for another desa: refused, nothing entered, no account made.
            let noConsent = try await browser.postMultipart("/musrenbang/usul", fields)
            #expect(noConsent.status == .unprocessableEntity)
            #expect(noConsent.body.string.contains("Tanyakan persetujuan warga"))
            fields["persetujuan"] = "on"
            var outside = fields
            outside["desa"] = w.otherDesa.code
            let refused = try await browser.postMultipart("/musrenbang/usul", outside)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("hanya dapat membantu warga desa Anda sendiri"))
            #expect(try await Proposal.query(on: context.db).count() == 0)

            let sent = try await browser.postMultipart("/musrenbang/usul", fields)
            #expect(sent.status == .seeOther)
            #expect(sent.location == "/pendamping?nomor=MR-2027-00001")
            let proposal = try await Proposals.find("MR-2027-00001", on: context.db)
            #expect(proposal.source == .citizen && proposal.assistedByID == helper.user.id)
            let citizen = try #require(try await User.find(try #require(proposal.proposerID), on: context.db))
            #expect(citizen.name == "Ibu Siti Aminah" && citizen.role == .warga && citizen.id != helper.user.id)
            let audit = try #require(
                try await AuditEvent.query(on: context.db).filter(\.$action == "proposal.filed_for_citizen").first())
            #expect(audit.subjectID == proposal.number && audit.actorID == helper.user.id)
            #expect(try await Self.whatsapp(to: citizen.id!, context) == ["6281355550101"])

            let list = try await browser.get("/pendamping?nomor=MR-2027-00001")
            #expect(list.body.string.contains("MR-2027-00001 tercatat atas nama warga"))
            #expect(list.body.string.contains("untuk Ibu Siti Aminah"))
            #expect(
                try await Browser(context.app).get("/musrenbang/usulan/MR-2027-00001").body.string.contains(
                    "Dibantu oleh pendamping"))

            // The desa returns it for revision: the citizen's phone hears it; the pendamping revises for them.
            ProposalTests.enter(.desa, w, context)
            let returned = try await ProposalTests.decide(
                .returnForRevision, proposal, by: w.desaOfficer.user, context, reason: "Ukur panjang saluran")
            #expect(returned.stage == .returned)
            #expect(try await Self.whatsapp(to: citizen.id!, context) == ["6281355550101", "6281355550101"])
            let later = Browser(context.app)  // a week on: the staff session has ended
            try await later.logIn(helper, context)
            #expect(try await later.get("/musrenbang/usulan/MR-2027-00001/revisi").status == .ok)
            let revised = try await Proposals.revise(
                try await Proposals.find(proposal.number, on: context.db),
                with: ProposalDraft(
                    title: "Drainase gang melati", problem: "Air menggenang setiap hujan.", volume: "75"),
                context: context.app.context(acting: helper.user))
            #expect(revised.version == 2 && revised.proposerID == citizen.id)
            // Another pendamping may not.
            let (stranger, _) = try await Self.pendamping(context, in: w.desa)
            #expect(!revised.isProposer(stranger.user.id))
        }
    }

    @Test func aPendampingAppliesForACitizenWhoIsTheApplicantAndHearsEachStep() async throws {
        try await withSigap { context in
            let (head, service) = try await PublicServiceTests.concertPermit(context)
            let (helper, desa) = try await Self.pendamping(context)
            let browser = Browser(context.app)
            try await browser.logIn(helper, context)
            let form = try await browser.get("/layanan/\(service.code)/ajukan")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("name=\"warga_nama\""))
            var fields = [
                "nama_acara": "Pentas seni dusun dua", "kirim": "ajukan", "warga_nama": "Ibu Siti Aminah",
                "warga_hp": "0813-5555-0101",
            ]
            let noConsent = try await browser.postMultipart("/layanan/\(service.code)/ajukan", fields)
            #expect(noConsent.status == .unprocessableEntity)
            #expect(noConsent.body.string.contains("Tanyakan persetujuan warga"))
            #expect(try await ServiceApplication.query(on: context.db).count() == 0)

            fields["persetujuan"] = "on"
            let sent = try await browser.postMultipart("/layanan/\(service.code)/ajukan", fields)
            #expect(sent.status == .seeOther)
            let application = try #require(try await ServiceApplication.query(on: context.db).first())
            #expect(sent.location == "/permohonan/\(application.number)")
            #expect(application.status == .submitted && application.assistedByID == helper.user.id)
            let citizen = try #require(try await User.find(application.applicantID, on: context.db))
            #expect(citizen.name == "Ibu Siti Aminah" && citizen.id != helper.user.id)
            let audit = try #require(
                try await AuditEvent.query(on: context.db).filter(\.$action == "application.filed_for_citizen")
                    .first())
            #expect(audit.subjectID == application.number && audit.actorID == helper.user.id)
            #expect(try await Self.whatsapp(to: citizen.id!, context) == ["6281355550101"])

            // The pendamping follows it for the citizen; another desa's pendamping does not see it.
            let page = try await browser.get("/permohonan/\(application.number)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Dibantu oleh pendamping"))
            #expect(try await browser.get("/pendamping").body.string.contains("untuk Ibu Siti Aminah"))
            let otherDesa = try #require(
                try await Desa.query(on: context.db).filter(\.$id != desa.id!).sort(\.$code, .descending).first())
            let (other, _) = try await Self.pendamping(context, in: otherDesa)
            let otherBrowser = Browser(context.app)
            try await otherBrowser.logIn(other, context)
            #expect(try await otherBrowser.get("/permohonan/\(application.number)").status == .notFound)

            // Each step reaches the citizen's phone; the approved result is printed by the pendamping, while the
            // signed credential stays the citizen's.
            let clerk = Browser(context.app)
            try await clerk.logIn(head, context)
            #expect(try await clerk.get("/permohonan/\(application.number)").status == .ok)
            _ = try await Applications.act(
                .review, on: application.number, text: nil, context: context.app.context(acting: head.user))
            let approved = try await clerk.postMultipart(
                "/permohonan/\(application.number)/tindakan", ["action": "approve", "text": "Silakan diambil."],
                attachments: [("hasil", "izin.pdf", PublicServiceTests.pdf)])
            #expect(approved.status == .seeOther)
            #expect(try await Self.whatsapp(to: citizen.id!, context).count == 3)
            let result = try await browser.get("/permohonan/\(application.number)/hasil")
            #expect(result.status == .ok)
            #expect(try await browser.get("/permohonan/\(application.number)/hasil.json").status == .notFound)
            #expect(try await otherBrowser.get("/permohonan/\(application.number)/hasil").status == .notFound)
        }
    }
}
