import Fluent
import Foundation
import SigapCore

/// A plan year's Musrenbang; its phases are `MusrenbangPhaseRow`s (`MusrenbangCycles.load` builds the
/// `MusrenbangCycle` of SigapCore from them).
final class MusrenbangCycleRow: Model, @unchecked Sendable {
    static let schema = "musrenbang_cycles"

    @ID(key: .id) var id: UUID?
    @Field(key: "plan_year") var planYear: Int
    @Field(key: "forward_per_desa") var forwardPerDesa: Int
    @Field(key: "forward_per_kecamatan") var forwardPerKecamatan: Int
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

final class MusrenbangPhaseRow: Model, @unchecked Sendable {
    static let schema = "musrenbang_phases"

    @ID(key: .id) var id: UUID?
    @Field(key: "cycle_id") var cycleID: UUID
    @Field(key: "phase") var phase: MusrenbangCycle.Phase
    @Field(key: "first_day") var firstDay: String
    @Field(key: "last_day") var lastDay: String

    init() {}

    init(cycleID: UUID, phase: MusrenbangCycle.Phase, window: MusrenbangCycle.Window) {
        self.cycleID = cycleID
        self.phase = phase
        firstDay = window.first.description
        lastDay = window.last.description
    }
}

/// An indicative ceiling (pagu indikatif) of a cycle: for a kecamatan, a desa, optionally one sector.
final class PlanCeilingRow: Model, @unchecked Sendable {
    static let schema = "musrenbang_ceilings"

    @ID(key: .id) var id: UUID?
    @Field(key: "cycle_id") var cycleID: UUID
    @OptionalField(key: "kecamatan_id") var kecamatanID: UUID?
    @OptionalField(key: "desa_id") var desaID: UUID?
    @OptionalField(key: "sector") var sector: String?
    @Field(key: "amount") var amount: Int64

    init() {}
}
