import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// A pendamping files for a citizen without a smartphone: the citizen's name, phone and spoken consent are
/// recorded (the consent audited), the citizen is the reporter — points and news are theirs, the news reaching
/// their phone — and the report says it was filed with help. Only in the pendamping's own desa.
@Suite struct AssistedFilingTests {
    static func pendamping(_ context: TestContext) async throws -> (Fixtures.Staff, Desa) {
        let desa = try #require(try await Desa.query(on: context.db).sort(\.$code).first())
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
            #expect(list.body.string.contains("Laporan \(report.number) tercatat atas nama warga"))
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
            #expect(outside.body.string.contains("hanya dapat melaporkan untuk warga desa Anda sendiri"))
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
}
