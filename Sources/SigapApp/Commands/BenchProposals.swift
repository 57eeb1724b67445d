import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// Benchmark data for Musrenbang: a cycle in its kecamatan deliberation and `perKecamatan` proposals in every
/// kecamatan, spread over its desas and over the stages a kecamatan officer's list filters on, each with the
/// public history line its page shows. Raw SQL in one transaction per kecamatan, like the reports.
enum BenchProposals {
    static func insert(perKecamatan: Int, app: Application) async throws {
        guard perKecamatan > 0 else { return }
        let context = app.context()
        let today = context.today
        // Every phase five days long, arranged so that today falls in the kecamatan deliberation.
        var windows: [MusrenbangCycle.Phase: MusrenbangCycle.Window] = [:]
        var first = CivilDay(daysSinceEpoch: today.daysSinceEpoch - 12)
        for phase in MusrenbangCycle.Phase.allCases {
            let last = CivilDay(daysSinceEpoch: first.daysSinceEpoch + (phase == .realisation ? 300 : 5))
            windows[phase] = .init(first: first, last: last)
            first = last.next
        }
        let cycle = try await MusrenbangCycles.open(
            planYear: today.year + 1, windows: windows, forwardPerDesa: 10, forwardPerKecamatan: 30,
            context: context)
        let agency = try await Agency.query(on: app.db).filter(\.$code == "PUPR").first()?.requireID()
        let kecamatan = try await Kecamatan.query(on: app.db).sort(\.$code).all()
        let desa = try await Desa.query(on: app.db).all()
        // The stages a kecamatan's proposals are in during its deliberation, most of them waiting for it.
        let stages: [ProposalStage] = [
            .atKecamatan, .atKecamatan, .atKecamatan, .acceptedByKecamatan, .atDesa, .rejected, .returned, .atForum,
        ]
        let now = context.now
        for (index, place) in kecamatan.enumerated() {
            let villages = desa.filter { $0.$kecamatan.id == place.id }
            guard !villages.isEmpty else { continue }
            try await app.db.transaction { tx in
                let sql = tx as! any SQLDatabase
                var entries: [SearchIndex.Entry] = []
                for n in 0..<perKecamatan {
                    let sequence = index * perKecamatan + n + 1
                    let village = villages[n % villages.count]
                    let stage = stages[n % stages.count]
                    let number = Proposal.number(planYear: cycle.planYear, sequence: sequence)
                    let created = now.addingTimeInterval(-Double(perKecamatan - n) * 60)
                    try await sql.insert(into: Proposal.schema)
                        .columns(
                            "id", "number", "cycle_id", "sequence", "source", "stage", "sector", "agency_id",
                            "needs_mapping", "title", "problem", "description", "kecamatan_id", "desa_id", "rt_rw",
                            "address", "latitude", "longitude", "volume", "unit", "estimated_cost", "beneficiaries",
                            "beneficiary_groups", "version", "supporters_count", "desa_rank", "created_at",
                            "updated_at"
                        )
                        .values(
                            SQLBind(UUID()), SQLBind(number), SQLBind(cycle.id), SQLBind(sequence),
                            SQLBind(ProposalSource.citizen.rawValue), SQLBind(stage.rawValue),
                            SQLBind("infrastruktur"), SQLBind(agency), SQLBind(false),
                            SQLBind("Usulan uji \(sequence)"), SQLBind("Masalah uji nomor \(sequence)."),
                            SQLBind("Uraian usulan uji nomor \(sequence) untuk pengukuran."), SQLBind(place.id!),
                            SQLBind(village.id!), SQLBind("001/002"), SQLBind("Dusun \(n % 5 + 1)"),
                            SQLBind((village.latitude ?? 3.6) + Double(n % 50) / 10_000),
                            SQLBind((village.longitude ?? 98.4) + Double(n % 37) / 10_000), SQLBind(100.0),
                            SQLBind("m"), SQLBind(Int64(50_000_000 + n * 10_000)), SQLBind(100 + n % 400),
                            SQLBind("anak,lansia"), SQLBind(1), SQLBind(n % 23), SQLBind(n % 10 + 1),
                            SQLBind(created), SQLBind(created)
                        ).run()
                    try await sql.insert(into: HistoryEvent.schema)
                        .columns(
                            "subject_kind", "subject_id", "occurred_at", "kind", "visibility", "to_state", "body"
                        )
                        .values(
                            SQLBind("proposal"), SQLBind(number), SQLBind(created),
                            SQLBind(HistoryKind.proposed.rawValue), SQLBind("public"),
                            SQLBind(ProposalStage.atDesa.rawValue), SQLBind(ProposalSource.citizen.rawValue)
                        ).run()
                    entries.append(
                        .init(
                            kind: .proposal, key: number, title: "Usulan uji \(sequence)",
                            body: "Masalah uji nomor \(sequence).", year: cycle.planYear, kecamatanID: place.id,
                            occurredAt: created))
                }
                try await SearchIndex.put(entries, on: tx)
            }
        }
    }

    /// The kecamatan officer whose list the benchmark reads: the first kecamatan's.
    static func createOfficer(_ app: Application) async throws -> (String, String, String) {
        let kecamatan = try await Kecamatan.query(on: app.db).sort(\.$code).first()
        return try await BenchData.createStaff(
            app, email: "bench.kecamatan@bench.sigap.local", role: .petugasKecamatan
        ) { $0.$kecamatan.id = kecamatan?.id }
    }
}
