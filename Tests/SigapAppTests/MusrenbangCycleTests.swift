import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 15 (the cycle): Bappeda opens a plan year's cycle with dated phases; extending a phase is audited;
/// the public sees the phases and which one runs.
@Suite struct MusrenbangCycleTests {
    /// Form fields for a cycle whose phases last `days` each from `start`.
    static func fields(planYear: Int, start: CivilDay, days: Int = 14) -> [String: String] {
        var fields = ["plan_year": String(planYear), "forward_per_desa": "10", "forward_per_kecamatan": "30"]
        var first = start
        for phase in MusrenbangCycle.Phase.allCases {
            let last = CivilDay(daysSinceEpoch: first.daysSinceEpoch + days - 1)
            fields["phases[\(phase.rawValue).first]"] = first.description
            fields["phases[\(phase.rawValue).last]"] = last.description
            first = last.next
        }
        return fields
    }

    static func today(_ context: TestContext) -> CivilDay {
        CivilDay(daysSinceEpoch: Int((context.clock.now.timeIntervalSince1970 + 7 * 3600) / 86_400))
    }

    func bappeda(_ context: TestContext) async throws -> Browser {
        let person = try await Fixtures.staff(.bappeda, agency: "BAPPEDA", in: context)
        let browser = Browser(context.app)
        try await browser.logIn(person, context)
        return browser
    }

    @Test func bappedaOpensACycleAndThePublicSeesItsPhases() async throws {
        try await withSigap { context in
            let browser = try await bappeda(context)
            let form = try await browser.get("/dasbor/musrenbang")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("name=\"phases[usulan.first]\""))
            let today = Self.today(context)
            let opened = try await browser.post("/dasbor/musrenbang", Self.fields(planYear: 2027, start: today))
            #expect(opened.status == .seeOther)
            let cycles = try await MusrenbangCycles.all(on: context.db)
            #expect(cycles.map(\.planYear) == [2027])
            #expect(cycles.first?.cycle.phase(on: today) == .proposals)
            #expect(
                try await AuditEvent.query(on: context.db).filter(\.$action == "musrenbang.cycle_opened").count() == 1)

            let page = try await Browser(context.app).get("/musrenbang").body.string
            #expect(page.contains("Siklus untuk rencana tahun 2027"))
            #expect(page.contains("Pengajuan usulan <span class=\"status status-diproses\">sedang berlangsung</span>"))
            #expect(page.contains("Realisasi"))
            // the same plan year twice is refused
            let again = try await browser.post("/dasbor/musrenbang", Self.fields(planYear: 2027, start: today))
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.string.contains("Siklus untuk tahun rencana ini sudah ada."))
        }
    }

    @Test func phasesOutOfOrderAreRefusedNamingThePhase() async throws {
        try await withSigap { context in
            let browser = try await bappeda(context)
            var fields = Self.fields(planYear: 2027, start: Self.today(context))
            fields["phases[kecamatan.first]"] = fields["phases[desa.first]"]  // overlaps the desa phase
            let refused = try await browser.submit("/dasbor/musrenbang", fields)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Tahap Musrenbang kecamatan harus dimulai setelah tahap sebelumnya"))
            #expect(try await MusrenbangCycleRow.query(on: context.db).count() == 0)
        }
    }

    @Test func extendingAPhaseIsAuditedWithItsReason() async throws {
        try await withSigap { context in
            let browser = try await bappeda(context)
            let today = Self.today(context)
            var fields = Self.fields(planYear: 2027, start: today)
            // leave a week between the desa and kecamatan phases
            let kecamatanFirst = try #require(CivilDay(fields["phases[kecamatan.first]"]!))
            fields["phases[kecamatan.first]"] = CivilDay(daysSinceEpoch: kecamatanFirst.daysSinceEpoch + 7).description
            #expect(try await browser.submit("/dasbor/musrenbang", fields).status == .seeOther)
            let cycle = try #require(try await MusrenbangCycles.all(on: context.db).first)
            let desaLast = cycle.cycle.window(of: .desa).last
            let later = CivilDay(daysSinceEpoch: desaLast.daysSinceEpoch + 5)
            let extended = try await browser.post(
                "/dasbor/musrenbang/\(cycle.id)/perpanjang",
                ["phase": "desa", "last": later.description, "reason": "Banjir, musdes ditunda"])
            #expect(extended.status == .seeOther)
            #expect(try await MusrenbangCycles.all(on: context.db).first?.cycle.window(of: .desa).last == later)
            let audit = try #require(
                try await AuditEvent.query(on: context.db).filter(\.$action == "musrenbang.phase_extended").first())
            #expect(audit.detail.contains("desa \(desaLast) → \(later): Banjir, musdes ditunda"))
            // into the next phase: refused, nothing changes
            let tooFar = CivilDay(daysSinceEpoch: desaLast.daysSinceEpoch + 8)
            let refused = try await browser.post(
                "/dasbor/musrenbang/\(cycle.id)/perpanjang",
                ["phase": "desa", "last": tooFar.description, "reason": "x"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("masuk ke tahap Musrenbang kecamatan"))
            #expect(try await MusrenbangCycles.all(on: context.db).first?.cycle.window(of: .desa).last == later)
            // without a reason: refused
            let silent = try await browser.post(
                "/dasbor/musrenbang/\(cycle.id)/perpanjang",
                ["phase": "desa", "last": later.description, "reason": " "])
            #expect(silent.status == .unprocessableEntity)
        }
    }

    @Test func onlyBappedaAndAdminsManageCycles() async throws {
        try await withSigap { context in
            for role in [Role.opdStaf, .opdAdmin, .petugasDesa, .pimpinan] {
                let person = try await Fixtures.staff(
                    role, agency: role.scopeKind == .agency ? "PUPR" : nil, in: context)
                let browser = Browser(context.app)
                if role == .petugasDesa {
                    person.user.$desa.id = try await Desa.query(on: context.db).first()?.id
                    try await person.user.save(on: context.db)
                }
                try await browser.logIn(person, context)
                #expect(try await browser.get("/dasbor/musrenbang").status == .forbidden, "\(role)")
                let fields = Self.fields(planYear: 2028, start: Self.today(context))
                let refused = try await browser.post("/dasbor/musrenbang", fields)
                #expect(refused.status == .forbidden, "\(role)")
                #expect(!refused.body.string.contains("Formulir perlu dikirim ulang"), "\(role): refused by the token")
            }
            #expect(try await MusrenbangCycleRow.query(on: context.db).count() == 0)
            #expect(try await Browser(context.app).get("/musrenbang").body.string.contains("Belum ada siklus"))
        }
    }

    @Test func theDemoOpensACycleWhoseProposalsPhaseRunsNow() async throws {
        try await withSigap { context in
            let planYear = try #require(try await DemoData.musrenbangCycle(context.app))
            #expect(try await DemoData.musrenbangCycle(context.app) == nil)  // once
            let cycle = try #require(try await MusrenbangCycles.all(on: context.db).first)
            let kecamatanCount = try await Kecamatan.query(on: context.db).count()
            #expect(try await MusrenbangCycles.ceilings(of: cycle.id, on: context.db).count == kecamatanCount * 2)
            let page = try await Browser(context.app).get("/musrenbang").body.string
            #expect(page.contains("Siklus untuk rencana tahun \(planYear)"))
            #expect(page.contains("Pengajuan usulan <span class=\"status status-diproses\">sedang berlangsung</span>"))
        }
    }

    @Test func ceilingsAreSetPerKecamatanDesaAndSectorReplacedAndAudited() async throws {
        try await withSigap { context in
            let browser = try await bappeda(context)
            #expect(
                try await browser.submit("/dasbor/musrenbang", Self.fields(planYear: 2027, start: Self.today(context)))
                    .status == .seeOther)
            let cycle = try #require(try await MusrenbangCycles.all(on: context.db).first)
            let kecamatan = try #require(try await Kecamatan.query(on: context.db).sort(\.$code).first())
            let desa = try #require(
                try await Desa.query(on: context.db).filter(\.$kecamatan.$id == kecamatan.id!).first())
            for (place, sector, amount) in [
                (kecamatan.code, "", "2.000.000.000"), (desa.code, "", "300000000"),
                (kecamatan.code, "infrastruktur", "1.200.000.000"), (kecamatan.code, "", "2500000000"),
            ] {
                let set = try await browser.submit(
                    "/dasbor/musrenbang", to: "/dasbor/musrenbang/\(cycle.id)/pagu",
                    ["place": place, "sector": sector, "amount": amount])
                #expect(set.status == .seeOther, "\(place) \(sector)")
            }
            let rows = try await MusrenbangCycles.ceilings(of: cycle.id, on: context.db)
            #expect(rows.count == 3)  // the kecamatan's own ceiling was replaced, not added
            #expect(rows.first { $0.desaID == nil && $0.sector == nil }?.amount == 2_500_000_000)
            #expect(rows.first { $0.desaID == desa.id }?.kecamatanID == kecamatan.id)
            #expect(rows.first { $0.sector == "infrastruktur" }?.amount == 1_200_000_000)
            let page = try await browser.get("/dasbor/musrenbang").body.string
            #expect(page.contains("\(kecamatan.name): Rp2.500.000.000"))
            #expect(page.contains("\(kecamatan.name) · Infrastruktur: Rp1.200.000.000"))
            let audits = try await AuditEvent.query(on: context.db).filter(\.$action == "musrenbang.ceiling_set").all()
            #expect(audits.count == 4)
            #expect(audits.contains { $0.detail == "kecamatan all sectors: 2000000000 → 2500000000" })
            // no place, or no amount: refused
            let refused = try await browser.submit(
                "/dasbor/musrenbang", to: "/dasbor/musrenbang/\(cycle.id)/pagu", ["place": "", "amount": "0"])
            #expect(refused.status == .unprocessableEntity)
            #expect(try await MusrenbangCycles.ceilings(of: cycle.id, on: context.db).count == 3)
        }
    }
}
