import Fluent
import Foundation
import SQLKit
import SigapCore

/// Carries out a decision of the proposal stage machine: `Policy` and `ProposalWorkflow` decide, then in one
/// transaction the proposal changes and gets its history line (public, with the reason), the proposer and
/// supporters their notification, and the audit log its entry. Accepting into the plan checks every ceiling
/// that applies under the cycle's lock, so two officers at once never exceed one.
enum ProposalDecisions {
    struct Input: Sendable {
        var reason: String?
        var amount: Int64?
        /// `accept_into_plan`: the programme/activity code of the plan.
        var programmeCode: String?
        /// `map_agency`, `reassign`: the agency's code.
        var agencyCode: String?
        /// `merge`: the number of the proposal this one joins.
        var targetNumber: String?
        /// `forward`: its rank among the ones forwarded (1 = most important); the next free rank when not given.
        var rank: Int?
    }

    /// The stage `decision` leads to, or the refusal as an error for the page or the API.
    static func decide(
        _ decision: ProposalDecision, on proposal: Proposal, cycle: MusrenbangCycle, today: CivilDay,
        actor: ProposalActor, input: ProposalWorkflow.Input
    ) throws -> ProposalStage {
        let facts = ProposalWorkflow.Facts(
            stage: proposal.stage, phase: cycle.phase(on: today), returnedAt: proposal.returnedAt,
            hasAgency: proposal.agencyID != nil)
        switch ProposalWorkflow.apply(decision, to: facts, by: actor, input) {
        case .success(let stage): return stage
        case .failure(.notAllowed): throw AppError.forbidden()
        case .failure(.wrongStage): throw AppError.conflict("proposal.wrong_stage")
        case .failure(.outOfPhase(let phase)): throw Proposals.outOfPhase(phase, in: cycle)
        case .failure(.reasonRequired): throw AppError.invalid(["reason": "proposal.reason_required"])
        case .failure(.amountRequired): throw AppError.invalid(["amount": "proposal.amount_required"])
        case .failure(.agencyRequired): throw AppError.conflict("proposal.agency_required")
        }
    }

    static func perform(
        _ decision: ProposalDecision, on proposal: Proposal, input: Input, context: ServiceContext
    ) async throws -> Proposal {
        let reference = try await context.reference()
        let loaded = try await Proposals.cycle(of: proposal, context: context)
        let user = context.actor
        let place = proposal.place(reference)
        let isProposer = proposal.isProposer(user?.id)
        guard Policy.allows(user?.actor, .decideOnProposal(decision, place, isProposer: isProposer)) else {
            throw AppError.forbidden()
        }
        let actor = Policy.proposalActor(user?.actor, place, isProposer: isProposer)
        let reason = input.reason.map { ReportChecks.clean($0, keepNewlines: true) }.flatMap { $0.isEmpty ? nil : $0 }
        if let reason, reason.count > 2000 { throw AppError.invalid(["reason": "proposal.reason_too_long"]) }
        let rules = ProposalWorkflow.Input(reason: reason, amount: input.amount.map { Int($0) })
        // Refused early (before reading more), and again on the locked row below.
        _ = try decide(decision, on: proposal, cycle: loaded.cycle, today: context.today, actor: actor, input: rules)

        var agencyID: UUID?
        var target: Proposal?
        switch decision {
        case .mapAgency, .reassign:
            guard let id = input.agencyCode.flatMap({ reference.agencyByCode[$0.uppercased()] }),
                id != proposal.agencyID
            else { throw AppError.invalid(["agency": "proposal.agency_unknown"]) }
            agencyID = id
        case .merge:
            guard let number = input.targetNumber,
                let found = try? await Proposals.find(number, on: context.db), found.id != proposal.id,
                found.cycleID == proposal.cycleID, found.kecamatanID == proposal.kecamatanID, !found.stage.isFinal
            else { throw AppError.invalid(["target": "proposal.merge_target_invalid"]) }
            target = found
        case .acceptIntoPlan:
            guard let code = input.programmeCode?.trimmingCharacters(in: .whitespaces), (3...40).contains(code.count)
            else { throw AppError.invalid(["programme_code": "proposal.programme_code_required"]) }
        case .support:
            guard let user else { throw AppError.forbidden() }
            if try await ProposalSupport.query(on: context.db).filter(\.$proposalID == proposal.id!)
                .filter(\.$userID == user.id!).count() > 0
            {
                throw AppError.conflict("proposal.already_supported")
            }
        case .forward:
            if let rank = input.rank, !(1...500).contains(rank) {
                throw AppError.invalid(["rank": "proposal.rank_invalid"])
            }
        default: break
        }

        let (now, today, id) = (context.now, context.today, proposal.id!)
        let (mappedAgency, mergeTarget, cipher) = (agencyID, target, context.cipher)
        return try await context.write { db in
            // Ceilings and ranks are sums over the cycle; a merge locks two proposals (in either order).
            if [.acceptIntoPlan, .forward, .merge].contains(decision) {
                try await Proposals.lockCycle(loaded.id, on: db)
            }
            guard let proposal = try await Proposals.lock(id, on: db) else { throw AppError.notFound() }
            let from = proposal.stage
            let stage = try decide(
                decision, on: proposal, cycle: loaded.cycle, today: today, actor: actor, input: rules)
            var body = reason ?? ""
            switch decision {
            case .support:
                guard
                    try await ProposalSupport.query(on: db).filter(\.$proposalID == id).filter(\.$userID == user!.id!)
                        .count() == 0
                else { throw AppError.conflict("proposal.already_supported") }
                try await ProposalSupport(proposalID: id, userID: user!.id!, at: now).create(on: db)
                proposal.supportersCount += 1
            case .returnForRevision:
                proposal.returnedAt = proposal.stage == .atKecamatan ? .kecamatan : .desa
            case .forward:
                body = String(try await forward(proposal, rank: input.rank, cycle: loaded, on: db))
            case .mapAgency, .reassign:
                proposal.agencyID = mappedAgency
                proposal.needsMapping = false
                body = (reference.agencyCodes[mappedAgency!] ?? "") + (reason.map { "|" + $0 } ?? "")
            case .merge:
                proposal.mergedIntoID = mergeTarget!.id
                body = mergeTarget!.number + (reason.map { "|" + $0 } ?? "")
                try await moveSupporters(from: proposal, to: mergeTarget!.id!, now: now, on: db)
            case .feasible:
                proposal.feasibleAmount = input.amount
                body = String(input.amount!) + (reason.map { "|" + $0 } ?? "")
            case .acceptIntoPlan:
                try await checkCeilings(proposal, amount: input.amount!, cycleID: loaded.id, on: db)
                proposal.planAmount = input.amount
                proposal.programmeCode = input.programmeCode!.trimmingCharacters(in: .whitespaces)
                proposal.realisationStatus = .planned
                body = "\(input.amount!)|\(proposal.programmeCode!)"
            default: break
            }
            proposal.stage = stage
            proposal.updatedAt = now
            try await proposal.save(on: db)
            try await Points.afterProposalMove(proposal, from: from, to: stage, on: db, at: now)
            guard decision != .support else { return proposal }
            try await HistoryEvent(
                proposal.subject, at: now, kind: historyKind(decision), visibility: .public, actor: user,
                from: from.rawValue, to: stage.rawValue, body: body
            ).create(on: db)
            try await Outbox.enqueue(
                .proposalDecided, about: proposal.subject,
                payload: [
                    "number": proposal.number, "title": proposal.title, "stage": stage.rawValue,
                    "text": String((reason ?? "").prefix(280)),
                ],
                to: try await Proposals.followers(of: proposal, cipher: cipher, on: db), cipher: cipher, on: db,
                now: now)
            try await AuditLog.record(
                "proposal.\(decision.rawValue)", actor: user, subjectType: "proposal", subjectID: proposal.number,
                detail: "\(from.rawValue) → \(stage.rawValue)", on: db, at: now)
            return proposal
        }
    }

    static func historyKind(_ decision: ProposalDecision) -> HistoryKind {
        switch decision {
        case .resubmit: .revised
        case .accept: .accepted
        case .returnForRevision: .returned
        case .reject: .rejected
        case .forward: .forwarded
        case .mapAgency: .mapped
        case .merge: .merged
        case .feasible: .feasible
        case .notFeasible: .notFeasible
        case .reassign: .reassigned
        case .acceptIntoPlan: .inPlan
        case .deferToNextYear: .deferred
        case .support: .supported
        }
    }

    /// Ranks a forwarded proposal and refuses past the cycle's number per desa (or kecamatan): the rank is the
    /// one given, or the next after those forwarded already.
    static func forward(_ proposal: Proposal, rank: Int?, cycle: MusrenbangCycles.Loaded, on db: any Database)
        async throws -> Int
    {
        let fromDesa = proposal.stage == .acceptedByDesa
        var forwarded = Proposal.query(on: db).filter(\.$cycleID == cycle.id)
        if fromDesa {
            forwarded = forwarded.filter(\.$desaID == proposal.desaID).filter(\.$desaRank != nil)
        } else {
            forwarded = forwarded.filter(\.$kecamatanID == proposal.kecamatanID).filter(\.$kecamatanRank != nil)
        }
        let count = try await forwarded.count()
        let limit = fromDesa ? cycle.forwardPerDesa : cycle.forwardPerKecamatan
        guard count < limit else { throw AppError.conflict("proposal.forward_limit", String(limit)) }
        let chosen = rank ?? count + 1
        if fromDesa { proposal.desaRank = chosen } else { proposal.kecamatanRank = chosen }
        return chosen
    }

    /// Every ceiling that applies to the proposal's place and sector: the kecamatan's (all sectors, its sector),
    /// the desa's (all sectors, its sector). The sums read committed rows under the cycle's lock.
    static func checkCeilings(_ proposal: Proposal, amount: Int64, cycleID: UUID, on db: any Database) async throws {
        let ceilings = try await PlanCeilingRow.query(on: db).filter(\.$cycleID == cycleID)
            .filter(\.$kecamatanID == proposal.kecamatanID).all()
            .filter {
                ($0.desaID == nil || $0.desaID == proposal.desaID) && ($0.sector == nil || $0.sector == proposal.sector)
            }
        guard !ceilings.isEmpty, let sql = db as? any SQLDatabase else { return }
        for ceiling in ceilings {
            // PostgreSQL sums bigints as numeric: cast back so both engines answer an integer.
            let sum =
                try await sql.raw(
                    """
                    SELECT CAST(COALESCE(SUM(plan_amount), 0) AS BIGINT) AS total FROM proposals
                    WHERE cycle_id = \(bind: cycleID) AND stage = \(bind: ProposalStage.inPlan.rawValue)
                    AND kecamatan_id = \(bind: proposal.kecamatanID)
                    \(unsafeRaw: ceiling.desaID == nil ? "" : "AND desa_id = ")\(ceiling.desaID.map { SQLBind($0) } ?? SQLRaw(""))
                    \(unsafeRaw: ceiling.sector == nil ? "" : "AND sector = ")\(ceiling.sector.map { SQLBind($0) } ?? SQLRaw(""))
                    """
                ).first()?.decode(column: "total", as: Int64.self) ?? 0
            if case .failure(.exceeds(let remaining)) = PlanCeiling.check(
                amount: Int(amount), accepted: Int(sum), ceiling: Int(ceiling.amount))
            {
                throw AppError.conflict("proposal.ceiling_exceeded", Rupiah.grouped(Int64(remaining), separator: "."))
            }
        }
    }

    /// The merged proposal's supporters follow the one it joined (each once). The target is locked and read
    /// again in the transaction: its count may have moved, or it may have been decided, since it was checked.
    static func moveSupporters(from proposal: Proposal, to targetID: UUID, now: Date, on db: any Database)
        async throws
    {
        guard let target = try await Proposals.lock(targetID, on: db), !target.stage.isFinal else {
            throw AppError.invalid(["target": "proposal.merge_target_invalid"])
        }
        // The merged proposal's proposer wanted the same thing: they support the one it joins, like its
        // supporters, unless they are already counted there (or proposed it).
        var existing = Set(
            try await ProposalSupport.query(on: db).filter(\.$proposalID == target.id!).all().map(\.userID))
        if let proposer = target.proposerID { existing.insert(proposer) }
        let joining =
            try await ProposalSupport.query(on: db).filter(\.$proposalID == proposal.id!).all().map(\.userID)
            + [proposal.proposerID].compactMap { $0 }
        var moved = 0
        for user in joining where !existing.contains(user) {
            try await ProposalSupport(proposalID: target.id!, userID: user, at: now).create(on: db)
            existing.insert(user)
            moved += 1
        }
        if moved > 0 {
            target.supportersCount += moved
            try await target.save(on: db)
        }
    }
}
