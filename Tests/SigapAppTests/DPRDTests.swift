import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 16 (DPRD): an aspiration to the council goes through the report intake to its secretariat, is routed to
/// the commission whose field it is, is answered under the category's promise, and is public unless the
/// citizen chose otherwise; members see their commission's aspirations.
@Suite struct DPRDTests {
    static func council(_ context: TestContext) async throws -> (DPRDCommission, DPRDCommission) {
        let development = DPRDCommission(
            code: "C", name: "Komisi C — Pembangunan", fields: "Jalan dan jembatan", categories: ["jalan", "drainase"],
            agencies: ["PUPR"])
        let welfare = DPRDCommission(
            code: "D", name: "Komisi D — Kesejahteraan", fields: "Kesehatan", categories: ["kesehatan"],
            agencies: ["DINKES", "DINSOS"])
        try await development.create(on: context.db)
        try await welfare.create(on: context.db)
        return (development, welfare)
    }

    @Test func routingPrefersTheCategoryThenTheAgency() {
        let c = DPRDRouting.Commission(code: "C", categoryCodes: ["jalan"], agencyCodes: ["PUPR"])
        let d = DPRDRouting.Commission(code: "D", categoryCodes: ["kesehatan"], agencyCodes: ["DINSOS"])
        #expect(DPRDRouting.commission(forCategory: "jalan", agency: "DINSOS", among: [d, c])?.code == "C")
        #expect(DPRDRouting.commission(forCategory: "bantuan-sosial", agency: "DINSOS", among: [c, d])?.code == "D")
        #expect(DPRDRouting.commission(forCategory: "perizinan", agency: "DPMPTSP", among: [c, d]) == nil)
    }

    @Test func anAspirationReachesTheRightCommissionAndIsAnsweredByTheSecretariatOrAMember() async throws {
        try await withSigap { context in
            let (development, _) = try await Self.council(context)
            _ = try await Fixtures.citizen(in: context)
            let citizen = Browser(context.app)
            #expect(try await citizen.logIn("081234567890").status == .seeOther)
            let form = try await citizen.get("/lapor?tujuan=dprd")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("name=\"tujuan\" value=\"dprd\""))
            let desa = try #require(try await Desa.query(on: context.db).sort(\.$code).first())
            let sent = try await citizen.postMultipart(
                "/lapor",
                [
                    "kind": "aspirasi", "category": "jalan", "title": "Anggaran perbaikan jalan antar-desa",
                    "description": "Mohon dipastikan masuk APBD tahun depan.", "desa": desa.code, "privacy": "publik",
                    "tujuan": "dprd", "confirm": "on",
                ])
            #expect(sent.status == .seeOther)
            let report = try #require(try await Report.query(on: context.db).first())
            let secretariat = try await Fixtures.agency("SETWAN", on: context.db)
            #expect(report.agencyID == secretariat.id)
            #expect(report.dprdCommissionID == development.id)
            #expect(report.responseDueAt != nil)  // the category's working-day promise runs

            // Public (published on filing in tests) with its commission named.
            let page = try await Browser(context.app).get("/laporan/\(report.number)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Komisi C — Pembangunan"))

            // The secretariat's clerk has it in the queue and answers it.
            let clerk = try await Fixtures.staff(.opdStaf, agency: "SETWAN", in: context)
            let staff = Browser(context.app)
            try await staff.logIn(clerk, context)
            let queue = try await staff.get("/dasbor/laporan")
            #expect(queue.body.string.contains(report.number))
            let pupr = Browser(context.app)
            try await pupr.logIn(try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context), context)
            #expect(!(try await pupr.get("/dasbor/laporan").body.string.contains(report.number)))
            _ = try await ReportActions.perform(
                .reply, on: report, input: .init(text: "Komisi C akan membahasnya dalam rapat kerja dengan PUPR."),
                viewer: ReportViewer(user: clerk.user, followToken: nil),
                context: context.app.context(acting: clerk.user))
            let answered = try #require(try await Report.find(report.id, on: context.db))
            context.clock.advance(seconds: 6)  // past the 5 s the anonymous page is shared
            #expect(answered.respondedAt != nil)
            #expect(
                try await Browser(context.app).get("/laporan/\(report.number)").body.string.contains(
                    "Komisi C akan membahasnya"))

            // The member of the commission sees it in their list; a member of another commission does not.
            let member = try await Fixtures.staff(.dprd, in: context)
            let seat = DPRDMember()
            seat.id = UUID()
            seat.name = "Dewi Lestari"
            seat.faction = "Fraksi Nusantara"
            seat.commissionID = development.id
            seat.position = "Anggota"
            seat.userID = member.user.id
            try await seat.create(on: context.db)
            let memberBrowser = Browser(context.app)
            try await memberBrowser.logIn(member, context)
            let list = try await memberBrowser.get("/dasbor/dprd")
            #expect(list.status == .ok)
            #expect(list.body.string.contains(report.number))
            #expect(try await citizen.get("/dasbor/dprd").status == .forbidden)

            // The member answers an aspiration of their commission themselves, from its staff page.
            let own = try await memberBrowser.get("/dasbor/laporan/\(report.number)")
            #expect(own.status == .ok)
            #expect(!own.body.string.contains("value=\"reject\""))  // rejecting stays with the secretariat
            let memberReply = try await memberBrowser.postMultipart(
                "/dasbor/laporan/\(report.number)/tindakan",
                ["action": "reply", "text": "Saya akan membawanya ke rapat dengar pendapat pekan depan."])
            #expect(memberReply.status == .seeOther)
            let replies = try await HistoryEvent.of(report.subject, on: context.db).filter(\.$kind == .reply).all()
            #expect(replies.count == 2)
            #expect(replies.contains { $0.actorID == member.user.id && $0.actorRole == "dprd" })
            let rejected = try await memberBrowser.postMultipart(
                "/dasbor/laporan/\(report.number)/tindakan", ["action": "reject", "text": "x", "yakin": "on"])
            #expect(rejected.status == .forbidden)

            // A member of another commission neither sees it nor answers it.
            let other = try await Fixtures.staff(.dprd, in: context)
            let otherSeat = DPRDMember()
            otherSeat.id = UUID()
            otherSeat.name = "Rahmat Hidayat"
            otherSeat.faction = "Fraksi Merdeka"
            otherSeat.commissionID = try await DPRDCommission.query(on: context.db).filter(\.$code == "D").first()?.id
            otherSeat.position = "Anggota"
            otherSeat.userID = other.user.id
            try await otherSeat.create(on: context.db)
            #expect(otherSeat.commissionID != nil)
            let otherBrowser = Browser(context.app)
            try await otherBrowser.logIn(other, context)
            #expect(try await otherBrowser.get("/dasbor/dprd").status == .ok)
            #expect(!(try await otherBrowser.get("/dasbor/dprd").body.string.contains(report.number)))
            #expect(try await otherBrowser.get("/dasbor/laporan/\(report.number)").status == .notFound)
            let intruding = try await otherBrowser.postMultipart(
                "/dasbor/laporan/\(report.number)/tindakan", ["action": "reply", "text": "Bukan komisi saya."])
            #expect(intruding.status == .notFound)
            #expect(try await otherBrowser.get("/dasbor/laporan").status == .forbidden)

            let council = try await Browser(context.app).get("/dprd")
            #expect(council.status == .ok)
            #expect(council.body.string.contains("Dewi Lestari"))
            #expect(council.body.string.contains("/lapor?tujuan=dprd"))
        }
    }

    @Test func aConfidentialAspirationIsNeverPublic() async throws {
        try await withSigap { context in
            let (_, welfare) = try await Self.council(context)
            let desa = try #require(try await Desa.query(on: context.db).sort(\.$code).first())
            let filed = try await ReportIntake.file(
                ReportDraft(
                    kind: "aspirasi", categoryCode: "kesehatan", title: "Pelayanan puskesmas dan oknum petugas",
                    description: "Saya ingin menyampaikan secara tertutup.", desaCode: desa.code, privacy: "rahasia",
                    contact: "warga@contoh.id"),
                toDPRD: true, context: context.app.context())
            #expect(filed.report.dprdCommissionID == welfare.id)
            #expect(try await Browser(context.app).get("/laporan/\(filed.report.number)").status == .notFound)
            #expect(try await SearchTests.found("puskesmas", context).isEmpty)
        }
    }

    @Test func anAdministratorSetsUpTheCouncilAndItsRoutingWithoutAProgrammer() async throws {
        try await withSigap { context in
            let admin = Browser(context.app)
            try await admin.logIn(try await Fixtures.staff(.admin, in: context), context)
            let clerk = Browser(context.app)
            try await clerk.logIn(try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context), context)
            #expect(try await clerk.get("/dasbor/admin/dprd").status == .forbidden)

            #expect(try await admin.get("/dasbor/admin/dprd").status == .ok)
            let empty = try await admin.post("/dasbor/admin/dprd/komisi", ["code": "E", "name": "Komisi E"])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.string.contains("Pilih setidaknya satu kategori atau OPD."))
            let added = try await admin.post(
                "/dasbor/admin/dprd/komisi",
                ["code": "e", "name": "Komisi E — Lingkungan", "fields": "Sampah", "categories[]": "sampah"])
            #expect(added.status == .seeOther)
            let commission = try #require(try await DPRDCommission.query(on: context.db).filter(\.$code == "E").first())
            #expect(commission.categoryCodes == "sampah")

            let member = try await Fixtures.staff(.dprd, in: context)
            let seated = try await admin.post(
                "/dasbor/admin/dprd/anggota",
                ["name": "Rina Sihombing", "faction": "Fraksi Hijau", "commission": "E", "account": member.email])
            #expect(seated.status == .seeOther)
            let seat = try #require(try await DPRDMember.query(on: context.db).first())
            #expect(seat.commissionID == commission.id)
            #expect(seat.userID == member.user.id)
            #expect(
                try await AuditEvent.query(on: context.db).filter(
                    \.$action ~~ ["dprd.commission_added", "dprd.member_added"]
                ).count() == 2)

            // The routing follows what was set up: a waste aspiration reaches commission E.
            let desa = try #require(try await Desa.query(on: context.db).sort(\.$code).first())
            let filed = try await ReportIntake.file(
                ReportDraft(
                    kind: "aspirasi", categoryCode: "sampah", title: "Tempat sampah terpilah di pasar",
                    description: "Mohon DPRD mendorong tempat sampah terpilah.", desaCode: desa.code, privacy: "publik",
                    contact: "warga@contoh.id"),
                toDPRD: true, context: context.app.context())
            #expect(filed.report.dprdCommissionID == commission.id)
            #expect(try await Browser(context.app).get("/dprd").body.string.contains("Rina Sihombing"))

            // A photo is added later on the member's page, stripped of its metadata, and shown on /dprd.
            let photo = try Data(contentsOf: ReportPhotoTests.fixtures.appendingPathComponent("gps-tagged.jpg"))
            let editPage = try await admin.get("/dasbor/admin/dprd/anggota/\(seat.id!)")
            #expect(editPage.status == .ok)
            #expect(editPage.body.string.contains("value=\"Rina Sihombing\""))
            let badName = try await admin.postMultipart(
                "/dasbor/admin/dprd/anggota/\(seat.id!)", ["name": "R", "faction": "Fraksi Hijau"])
            #expect(badName.status == .unprocessableEntity)
            #expect(badName.body.string.contains("value=\"Fraksi Hijau\""))  // what was typed is kept
            let changed = try await admin.postMultipart(
                "/dasbor/admin/dprd/anggota/\(seat.id!)",
                [
                    "name": "Rina Sihombing, S.H.", "faction": "Fraksi Hijau", "position": "Ketua Komisi",
                    "commission": "E", "account": member.email,
                ], attachments: [("photo", "rina.jpg", photo)])
            #expect(changed.status == .seeOther)
            let withPhoto = try #require(try await DPRDMember.find(seat.id, on: context.db))
            #expect(withPhoto.position == "Ketua Komisi")
            #expect(withPhoto.commissionID == commission.id)
            let storedName = try #require(withPhoto.photoStoredName)
            let stored = try context.app.context().files.read(storedName, .memberPhoto)
            #expect(stored.range(of: Data("Exif".utf8)) == nil)
            let council = try await Browser(context.app).get("/dprd")
            #expect(council.body.string.contains("Rina Sihombing, S.H."))
            #expect(council.body.string.contains("/dprd/anggota/\(seat.id!)/foto?ukuran=kecil"))
            let portrait = try await Browser(context.app).get("/dprd/anggota/\(seat.id!)/foto?ukuran=kecil")
            #expect(portrait.status == .ok)
            #expect(portrait.headers.contentType?.description == "image/jpeg")
            #expect(try await clerk.post("/dasbor/admin/dprd/anggota/\(seat.id!)/hapus", [:]).status == .forbidden)

            // At the end of the term the member is removed: gone from /dprd, the seat no longer answers.
            let removed = try await admin.post("/dasbor/admin/dprd/anggota/\(seat.id!)/hapus", [:])
            #expect(removed.status == .seeOther)
            #expect(try await DPRDMember.find(seat.id, on: context.db) == nil)
            #expect(!(try await Browser(context.app).get("/dprd").body.string.contains("Rina Sihombing")))
            #expect(try await Browser(context.app).get("/dprd/anggota/\(seat.id!)/foto").status == .notFound)
            #expect(
                try await AuditEvent.query(on: context.db).filter(
                    \.$action ~~ ["dprd.member_changed", "dprd.member_removed"]
                ).count() == 2)
            let formerMember = Browser(context.app)
            try await formerMember.logIn(member, context)
            #expect(try await formerMember.get("/dasbor/laporan/\(filed.report.number)").status == .notFound)
        }
    }
}
