import Fluent
import Foundation
import SigapCore

/// Opening, reading and extending Musrenbang cycles. Bappeda and admins open one per plan year with its seven
/// dated phases (`MusrenbangCycle` checks their order); extending a phase is audited with its reason.
enum MusrenbangCycles {
    /// A cycle as stored and as the rules see it.
    struct Loaded: Sendable {
        let id: UUID
        let planYear: Int
        let forwardPerDesa: Int
        let forwardPerKecamatan: Int
        let cycle: MusrenbangCycle
    }

    enum Problem: Error, Equatable {
        case planYearTaken
        case phases(MusrenbangCycle.Problem)
        case forwardCount
    }

    /// Every cycle, the newest plan year first.
    static func all(on db: any Database) async throws -> [Loaded] {
        let rows = try await MusrenbangCycleRow.query(on: db).sort(\.$planYear, .descending).all()
        let phases = Dictionary(
            grouping: try await MusrenbangPhaseRow.query(on: db).filter(\.$cycleID ~~ rows.compactMap(\.id)).all(),
            by: \.cycleID)
        return rows.compactMap { row in
            var windows: [MusrenbangCycle.Phase: MusrenbangCycle.Window] = [:]
            for phase in phases[row.id!] ?? [] {
                guard let first = CivilDay(phase.firstDay), let last = CivilDay(phase.lastDay) else { continue }
                windows[phase.phase] = .init(first: first, last: last)
            }
            guard let cycle = try? MusrenbangCycle(planYear: row.planYear, windows: windows) else { return nil }
            return Loaded(
                id: row.id!, planYear: row.planYear, forwardPerDesa: row.forwardPerDesa,
                forwardPerKecamatan: row.forwardPerKecamatan, cycle: cycle)
        }
    }

    /// Every cycle as `all` reads them, kept in memory until `open` or `extend` changes one.
    static func kept(_ context: ServiceContext) async throws -> [Loaded] {
        try await context.services.musrenbangCycles.get { try await all(on: context.db) }
    }

    /// The cycle running today; else the next to start; else the last one.
    static func current(_ context: ServiceContext) async throws -> Loaded? {
        current(in: try await kept(context), today: context.today)
    }

    /// The same, from cycles already read.
    static func current(in cycles: [Loaded], today day: CivilDay) -> Loaded? {
        if let running = cycles.first(where: { $0.cycle.phase(on: day) != nil }) { return running }
        let upcoming = cycles.filter { $0.cycle.window(of: .proposals).first > day }
        return upcoming.min { $0.cycle.window(of: .proposals).first < $1.cycle.window(of: .proposals).first }
            ?? cycles.first
    }

    static func open(
        planYear: Int, windows: [MusrenbangCycle.Phase: MusrenbangCycle.Window], forwardPerDesa: Int,
        forwardPerKecamatan: Int, context: ServiceContext
    ) async throws -> Loaded {
        let cycle: MusrenbangCycle
        do {
            cycle = try MusrenbangCycle(planYear: planYear, windows: windows)
        } catch {
            throw Problem.phases(error)
        }
        guard (1...100).contains(forwardPerDesa), (1...500).contains(forwardPerKecamatan) else {
            throw Problem.forwardCount
        }
        guard try await MusrenbangCycleRow.query(on: context.db).filter(\.$planYear == planYear).count() == 0 else {
            throw Problem.planYearTaken
        }
        let row = MusrenbangCycleRow()
        row.id = UUID()
        row.planYear = planYear
        row.forwardPerDesa = forwardPerDesa
        row.forwardPerKecamatan = forwardPerKecamatan
        row.createdBy = context.actor?.id
        row.createdAt = context.now
        let (actor, now, cipher) = (context.actor, context.now, context.cipher)
        try await context.write { db in
            try await row.create(on: db)
            for phase in MusrenbangCycle.Phase.allCases {
                try await MusrenbangPhaseRow(cycleID: row.id!, phase: phase, window: cycle.window(of: phase))
                    .create(on: db)
            }
            let carried = try await ProposalFollowUp.carryDeferred(
                into: row.id!, planYear: planYear, actor: actor, cipher: cipher, on: db, now: now)
            try await AuditLog.record(
                "musrenbang.cycle_opened", actor: actor, subjectType: "musrenbang_cycle",
                subjectID: row.id!.uuidString, detail: "plan year \(planYear), \(carried) deferred proposals carried",
                on: db, at: now)
        }
        context.services.musrenbangCycles.invalidate()
        return Loaded(
            id: row.id!, planYear: planYear, forwardPerDesa: forwardPerDesa, forwardPerKecamatan: forwardPerKecamatan,
            cycle: cycle)
    }

    /// Moves a phase's last day (never into the next phase); audited with the old and new day and the reason.
    static func extend(
        _ loaded: Loaded, phase: MusrenbangCycle.Phase, to last: CivilDay, reason: String, context: ServiceContext
    ) async throws -> Loaded {
        let changed: MusrenbangCycle
        do {
            changed = try loaded.cycle.extending(phase, to: last)
        } catch {
            throw Problem.phases(error)
        }
        let before = loaded.cycle.window(of: phase).last
        let (actor, now, id) = (context.actor, context.now, loaded.id)
        try await context.write { db in
            guard
                let row = try await MusrenbangPhaseRow.query(on: db).filter(\.$cycleID == id).filter(\.$phase == phase)
                    .first()
            else { throw AppError.notFound() }
            row.lastDay = last.description
            try await row.save(on: db)
            try await AuditLog.record(
                "musrenbang.phase_extended", actor: actor, subjectType: "musrenbang_cycle", subjectID: id.uuidString,
                detail: "\(phase.rawValue) \(before) → \(last): \(reason.prefix(200))", on: db, at: now)
        }
        context.services.musrenbangCycles.invalidate()
        return Loaded(
            id: id, planYear: loaded.planYear, forwardPerDesa: loaded.forwardPerDesa,
            forwardPerKecamatan: loaded.forwardPerKecamatan, cycle: changed)
    }
}

extension MusrenbangCycles {
    /// A ceiling as entered: for a kecamatan, or one of its desa, optionally one sector.
    struct CeilingEntry: Sendable, Equatable {
        let kecamatanID: UUID
        let desaID: UUID?
        let sector: String?
        let amount: Int64
    }

    /// Sets the ceiling of an area (and sector) in a cycle, replacing the one set before for the same; audited
    /// with the old and new amount.
    static func setCeiling(_ entry: CeilingEntry, in cycleID: UUID, context: ServiceContext) async throws {
        let (actor, now) = (context.actor, context.now)
        try await context.write { db in
            var query = PlanCeilingRow.query(on: db).filter(\.$cycleID == cycleID)
                .filter(\.$kecamatanID == entry.kecamatanID)
            query = entry.desaID.map { query.filter(\.$desaID == $0) } ?? query.filter(\.$desaID == nil)
            query = entry.sector.map { query.filter(\.$sector == $0) } ?? query.filter(\.$sector == nil)
            let row = try await query.first() ?? PlanCeilingRow()
            let before = row.id == nil ? "none" : String(row.amount)
            row.cycleID = cycleID
            row.kecamatanID = entry.kecamatanID
            row.desaID = entry.desaID
            row.sector = entry.sector
            row.amount = entry.amount
            try await row.save(on: db)
            try await AuditLog.record(
                "musrenbang.ceiling_set", actor: actor, subjectType: "musrenbang_cycle", subjectID: cycleID.uuidString,
                detail:
                    "\(entry.desaID == nil ? "kecamatan" : "desa") \(entry.sector ?? "all sectors"): \(before) → \(entry.amount)",
                on: db, at: now)
        }
    }

    static func ceilings(of cycleID: UUID, on db: any Database) async throws -> [PlanCeilingRow] {
        try await PlanCeilingRow.query(on: db).filter(\.$cycleID == cycleID).all()
    }
}
