import Fluent
import Foundation
import SigapCore
import Vapor

/// The demo's living Musrenbang: last year's cycle replayed phase by phase through the real services (so every
/// proposal has its true history, audit and notifications), ending with proposals in the plan and at work,
/// refused with reasons, a pokir, and a deferred one that the current cycle carries; then proposals and support
/// in the current cycle's proposals phase.
enum DemoMusrenbang {
    static func create(_ app: Application) async throws -> Int? {
        guard try await MusrenbangCycleRow.query(on: app.db).count() == 0 else { return nil }
        let account = { (role: Role) in
            try await User.query(on: app.db)
                .filter(\.$email == "\(role.rawValue.replacingOccurrences(of: "_", with: "."))@demo.sigap.local")
                .first()
        }
        guard let citizen = try await account(.warga), let desaOfficer = try await account(.petugasDesa),
            let kecamatanOfficer = try await account(.petugasKecamatan), let agency = try await account(.opdAdmin),
            let bappeda = try await account(.bappeda), let member = try await account(.dprd),
            let desa = try await Desa.find(desaOfficer.$desa.id, on: app.db)
        else { return nil }
        let base = app.context()
        let today = base.today
        let day = 86_400.0
        func at(_ offset: Int) -> Date { base.now.addingTimeInterval(Double(offset) * day) }

        // Last year's cycle: 14 days a phase from 120 days ago; its realisation runs now.
        var windows: [MusrenbangCycle.Phase: MusrenbangCycle.Window] = [:]
        var first = CivilDay(daysSinceEpoch: today.daysSinceEpoch - 120)
        for phase in MusrenbangCycle.Phase.allCases {
            let last = CivilDay(daysSinceEpoch: first.daysSinceEpoch + (phase == .realisation ? 300 : 13))
            windows[phase] = .init(first: first, last: last)
            first = last.next
        }
        let past = try await MusrenbangCycles.open(
            planYear: today.year, windows: windows, forwardPerDesa: 10, forwardPerKecamatan: 30,
            context: base.acting(as: bappeda).at(at(-121)))
        func phaseDay(_ phase: MusrenbangCycle.Phase) -> Date {
            at(windows[phase]!.first.daysSinceEpoch - today.daysSinceEpoch)
        }
        func propose(
            _ item: String, _ title: String, _ problem: String, volume: String, by user: User,
            source: ProposalSource = .citizen
        ) async throws -> Proposal {
            try await Proposals.enter(
                .init(
                    draft: ProposalDraft(
                        catalogueCode: item, title: title, problem: problem, desaCode: desa.code,
                        rtRw: "002/001", address: "Dusun II", volume: volume, beneficiaries: "240",
                        groups: ["anak", "lansia"]),
                    source: source, resesDate: source == .pokir ? windows[.proposals]!.first.description : nil,
                    resesPlace: source == .pokir ? "Balai Desa \(desa.name)" : nil,
                    files: source == .desaMeeting ? [.minutes: [try minutes()]] : [:]),
                in: past, context: base.acting(as: user).at(phaseDay(source == .pokir ? .agencyForum : .proposals)))
        }
        func decide(
            _ d: ProposalDecision, _ p: Proposal, by user: User, in phase: MusrenbangCycle.Phase,
            reason: String? = nil, amount: Int64? = nil, code: String? = nil
        ) async throws {
            _ = try await ProposalDecisions.perform(
                d, on: try await Proposals.find(p.number, on: app.db),
                input: .init(reason: reason, amount: amount, programmeCode: code),
                context: base.acting(as: user).at(phaseDay(phase).addingTimeInterval(3600)))
        }
        // The village meeting's minutes: a one-page PDF, as an officer would scan it.
        func minutes() throws -> FileStore.CheckedFile {
            let pdf =
                "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
            return try base.files.stage(Data(pdf.utf8), for: .proposalFile)
        }
        let done = try await propose(
            "jalan-usaha-tani", "Rabat beton jalan usaha tani Dusun II",
            "Jalan ke sawah berlumpur; hasil panen sulit diangkut.",
            volume: "400", by: citizen)
        let working = try await propose(
            "drainase", "Saluran drainase depan SD", "Halaman sekolah tergenang setiap hujan deras.", volume: "150",
            by: desaOfficer, source: .desaMeeting)
        let refused = try await propose(
            "drainase", "Drainase lapangan bola", "Lapangan becek setelah hujan.", volume: "80", by: citizen)
        let notFeasible = try await propose(
            "jalan-usaha-tani", "Jalan tembus ke kebun sawit", "Warga ingin jalan pintas ke kebun.", volume: "900",
            by: citizen)
        let deferred = try await propose(
            "drainase", "Drainase pasar desa", "Pasar banjir setiap musim hujan.", volume: "200", by: citizen)
        let climbing = [done, working, notFeasible, deferred]
        try await decide(
            .reject, refused, by: desaOfficer, in: .desa,
            reason: "Lapangan milik sekolah; diusulkan lewat Dinas Pendidikan.")
        for p in climbing {
            try await decide(.accept, p, by: desaOfficer, in: .desa)
            try await decide(.forward, p, by: desaOfficer, in: .desa)
            try await decide(.accept, p, by: kecamatanOfficer, in: .kecamatan)
            try await decide(.forward, p, by: kecamatanOfficer, in: .kecamatan)
        }
        let pokir = try await propose(
            "drainase", "Normalisasi parit Dusun I (hasil reses)", "Parit dangkal, air meluap ke jalan.", volume: "120",
            by: member, source: .pokir)
        try await decide(
            .notFeasible, notFeasible, by: agency, in: .agencyForum, reason: "Lahan belum dihibahkan ke desa.")
        for p in [done, working, deferred, pokir] {
            try await decide(.feasible, p, by: agency, in: .agencyForum, amount: p.estimatedCost)
        }
        try await decide(
            .acceptIntoPlan, done, by: bappeda, in: .kabupaten, amount: done.estimatedCost, code: "1.03.10.2.01")
        try await decide(
            .acceptIntoPlan, working, by: bappeda, in: .kabupaten, amount: working.estimatedCost, code: "1.03.11.2.02")
        try await decide(
            .acceptIntoPlan, pokir, by: bappeda, in: .kabupaten, amount: pokir.estimatedCost, code: "1.03.11.2.02")
        try await decide(
            .deferToNextYear, deferred, by: bappeda, in: .kabupaten, reason: "Pagu kecamatan tahun ini sudah terpakai.")
        let realisation = base.acting(as: agency)
        _ = try await ProposalFollowUp.updateRealisation(
            try await Proposals.find(done.number, on: app.db),
            .init(
                status: .done, progress: 100, started: CivilDay(daysSinceEpoch: today.daysSinceEpoch - 30),
                finished: CivilDay(daysSinceEpoch: today.daysSinceEpoch - 2),
                note: "Rabat beton 400 m selesai dan diserahterimakan."),
            context: realisation.at(at(-2)))
        _ = try await ProposalFollowUp.updateRealisation(
            try await Proposals.find(working.number, on: app.db),
            .init(
                status: .inProgress, progress: 45, started: CivilDay(daysSinceEpoch: today.daysSinceEpoch - 10),
                note: "Galian selesai; pemasangan U-ditch berjalan."),
            context: realisation.at(at(-1)))

        // This year's cycle (its proposals phase runs now) carries the deferred one; citizens propose and support.
        guard let planYear = try await DemoData.musrenbangCycle(app),
            let current = try await MusrenbangCycles.all(on: app.db).first(where: { $0.planYear == planYear })
        else { return past.planYear }
        for (item, title, problem, volume) in [
            (
                "lampu-jalan", "Lampu jalan tenaga surya di simpang tiga", "Simpang gelap; dua kecelakaan bulan lalu.",
                "6"
            ),
            ("posyandu", "Rehabilitasi Posyandu Melati", "Atap bocor; penimbangan balita pindah ke teras.", "1"),
        ] {
            _ = try await Proposals.enter(
                .init(
                    draft: ProposalDraft(
                        catalogueCode: item, title: title, problem: problem, desaCode: desa.code, volume: volume,
                        beneficiaries: "300", groups: ["perempuan", "anak"]),
                    source: .citizen),
                in: current, context: base.acting(as: citizen))
        }
        return planYear
    }
}
