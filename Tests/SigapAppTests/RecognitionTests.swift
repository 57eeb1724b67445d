import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 17: points accrue and reverse in an append-only ledger; leaderboards show only citizens who opted in;
/// awards issue signed certificates that anyone can check, that break when a field is changed, that say when
/// they are revoked, and that survive a key rotation.
@Suite struct RecognitionTests {
    static func ledger(_ user: User, _ context: TestContext) async throws -> [(PointsRules.Reason, Int)] {
        try await PointsEntry.query(on: context.db).filter(\.$userID == user.id!).sort(\.$id).all()
            .map { ($0.reason, $0.points) }
    }

    /// A report filed by `citizen` through the intake.
    static func file(_ title: String, by citizen: User, _ context: TestContext) async throws -> Report {
        let desa = try #require(try await Desa.query(on: context.db).sort(\.$code).first())
        return try await ReportIntake.file(
            ReportDraft(
                kind: "pengaduan", categoryCode: "jalan", title: title, description: "Mohon segera ditangani petugas.",
                desaCode: desa.code, privacy: "publik"),
            context: context.app.context(acting: citizen)
        ).report
    }

    @Test func reportsEarnWhenVerifiedAndRatedAndAMergeTakesThePointsBack() async throws {
        try await withSigap { context in
            let citizen = try await Fixtures.citizen(in: context)
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let road = try await Self.file("Jalan berlubang di Pasar Baru", by: citizen, context)
            #expect(road.reporterID == citizen.id)
            try await SearchTests.act(.verify, road, by: clerk, context)
            #expect(try await Self.ledger(citizen, context).map(\.1) == [10])

            // The same report twice: verified (+10), then merged into the first as a duplicate (−10).
            let again = try await Self.file("Jalan berlubang Pasar Baru lagi", by: citizen, context)
            try await SearchTests.act(.verify, again, by: clerk, context)
            #expect(try await Points.total(of: citizen.id!, on: context.db) == 20)
            try await SearchTests.act(.merge, again, by: clerk, target: road.number, context)
            #expect(try await Points.total(of: citizen.id!, on: context.db) == 10)

            // Resolved and rated by its reporter: +5.
            try await SearchTests.act(.start, road, by: clerk, context)
            try await SearchTests.act(.resolve, road, by: clerk, context)
            _ = try await ReportActions.perform(
                .rate, on: try #require(try await Report.find(road.id, on: context.db)), input: .init(rating: 5),
                viewer: ReportViewer(user: citizen, followToken: nil), context: context.app.context(acting: citizen))
            let entries = try await Self.ledger(citizen, context)
            #expect(entries.map(\.0) == [.reportVerified, .reportVerified, .reportMerged, .reportRated])
            #expect(entries.map(\.1) == [10, 10, -10, 5])
            #expect(try await Points.total(of: citizen.id!, on: context.db) == 15)
            // Earlier entries were never edited: the ledger only grew.
            #expect(try await PointsEntry.query(on: context.db).filter(\.$points < 0).count() == 1)

            // Staff earn nothing, and a guest's report has nobody to credit.
            #expect(try await PointsEntry.query(on: context.db).filter(\.$userID == clerk.user.id!).count() == 0)
            let guest = try await SearchTests.file("Lampu jalan padam", "Gelap sejak minggu lalu.", context)
            try await SearchTests.act(.verify, guest, by: clerk, context)
            #expect(try await PointsEntry.query(on: context.db).count() == 4)

            let page = Browser(context.app)
            #expect(try await page.logIn("081234567890").status == .seeOther)
            let mine = try await page.get("/akun/poin")
            #expect(mine.status == .ok)
            #expect(mine.body.string.contains("15 poin"))
            #expect(mine.body.string.contains("Laporan digabung sebagai duplikat"))
            #expect(mine.body.string.contains("-10"))
        }
    }

    @Test func helpfulPostsEarnAndAModeratorsHidingTakesItBackUntilRestored() async throws {
        try await withSigap { context in
            let p = try await ForumTests.people(context)
            let siti = try await ForumTests.signedIn("081200000001", context)
            let id = try await ForumTests.open(siti, body: "Truk sampah lewat setiap Selasa pagi.")
            let opening = try #require(try await Forum.opening(of: id, on: context.db))
            for phone in ["081200000002", "081200000003"] {
                let reader = try await ForumTests.signedIn(phone, context)
                #expect(
                    try await reader.submit("/forum/\(id)", to: "/forum/pos/\(opening.id!)/bermanfaat", [:]).status
                        == .seeOther)
            }
            #expect(try await Self.ledger(p.siti, context).map(\.1) == [2, 2])
            let moderator = try await Fixtures.staff(.moderator, in: context)
            _ = try await Forum.moderate(
                opening.id!, .hide, reason: "Di luar topik", context: context.app.context(acting: moderator.user))
            #expect(try await Self.ledger(p.siti, context).map(\.1) == [2, 2, -4])
            #expect(try await Points.total(of: p.siti.id!, on: context.db) == 0)
            _ = try await Forum.moderate(
                opening.id!, .restore, reason: nil, context: context.app.context(acting: moderator.user))
            #expect(
                try await Self.ledger(p.siti, context).map(\.0) == [
                    .postHelpful, .postHelpful, .postHidden, .postRestored,
                ])
            #expect(try await Points.total(of: p.siti.id!, on: context.db) == 4)
            // Hiding twice takes back once.
            _ = try await Forum.moderate(
                opening.id!, .hide, reason: "Di luar topik", context: context.app.context(acting: moderator.user))
            _ = try await Forum.moderate(
                opening.id!, .hide, reason: "Tetap di luar topik", context: context.app.context(acting: moderator.user))
            #expect(try await Points.total(of: p.siti.id!, on: context.db) == 0)
        }
    }

    @Test func aProposalEarnsForEachLevelItPasses() async throws {
        try await withSigap { context in
            let w = try await ProposalTests.world(context)
            let p = try await ProposalTests.propose(
                "Saluran di Gang Mawar", desa: w.desa, by: w.citizen, context, world: w)
            ProposalTests.enter(.desa, w, context)
            _ = try await ProposalTests.decide(.accept, p, by: w.desaOfficer.user, context)
            #expect(try await Self.ledger(w.citizen, context).isEmpty)  // accepted in the desa: no level passed yet
            _ = try await ProposalTests.decide(.forward, p, by: w.desaOfficer.user, context)
            ProposalTests.enter(.kecamatan, w, context)
            _ = try await ProposalTests.decide(.accept, p, by: w.kecamatanOfficer.user, context)
            _ = try await ProposalTests.decide(.forward, p, by: w.kecamatanOfficer.user, context)
            #expect(try await Self.ledger(w.citizen, context).map(\.1) == [15, 15])
            let keys = try await PointsEntry.query(on: context.db).all().compactMap(\.onceKey).sorted()
            #expect(keys == ["proposal:\(p.number):forum_opd", "proposal:\(p.number):kecamatan"])
        }
    }

    @Test func leaderboardsShowOnlyCitizensWhoOptedInByNameOnly() async throws {
        try await withSigap { context in
            let shown = try await Fixtures.citizen(phone: "081200000011", in: context)
            shown.name = "Rina Tampil"
            try await shown.save(on: context.db)
            let hidden = try await Fixtures.citizen(phone: "081200000012", in: context)
            hidden.name = "Budi Tersembunyi"
            try await hidden.save(on: context.db)
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            for (citizen, count) in [(shown, 1), (hidden, 3)] {
                for n in 0..<count {
                    let report = try await Self.file("Jalan rusak nomor \(n) \(citizen.name)", by: citizen, context)
                    try await SearchTests.act(.verify, report, by: clerk, context)
                }
            }
            #expect(try await Points.total(of: hidden.id!, on: context.db) == 30)

            let rina = Browser(context.app)
            #expect(try await rina.logIn("081200000011").status == .seeOther)
            #expect(try await rina.submit("/akun/poin", to: "/akun/poin/peringkat", ["show": "on"]).status == .seeOther)
            #expect(try await User.find(shown.id, on: context.db)?.leaderboardOptIn == true)

            let month = { () -> String in
                let day = CivilDay(of: context.clock.now, in: context.app.sigap.config.timeZone)
                return String(format: "%04d-%02d", day.year, day.month)
            }()
            let board = try await Browser(context.app).get("/peringkat?bulan=\(month)")
            #expect(board.status == .ok)
            #expect(board.body.string.contains("Rina Tampil"))
            #expect(board.body.string.contains("10 poin"))
            #expect(!board.body.string.contains("Budi Tersembunyi"))  // more points, but did not opt in
            #expect(!board.body.string.contains("0812"))
            let desa = try #require(try await Desa.query(on: context.db).sort(\.$code).first())
            let kecamatan = try #require(try await Kecamatan.find(desa.$kecamatan.id, on: context.db))
            let here = try await Browser(context.app).get("/peringkat?bulan=\(month)&kecamatan=\(kecamatan.code)")
            #expect(here.body.string.contains("Rina Tampil"))
            let other = try #require(
                try await Kecamatan.query(on: context.db).filter(\.$id != kecamatan.id!).first())
            let there = try await Browser(context.app).get("/peringkat?bulan=\(month)&kecamatan=\(other.code)")
            #expect(!there.body.string.contains("Rina Tampil"))
            #expect(try await Browser(context.app).get("/peringkat?bulan=2026-13").status == .unprocessableEntity)

            // Opting out takes the name off at once.
            #expect(try await rina.submit("/akun/poin", to: "/akun/poin/peringkat", [:]).status == .seeOther)
            #expect(!(try await Browser(context.app).get("/peringkat?bulan=\(month)").body.string.contains("Rina")))
        }
    }
}
