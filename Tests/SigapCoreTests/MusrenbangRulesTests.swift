import Testing

@testable import SigapCore

/// Issue 15 (the rules): the cycle's phases, the proposal's stage machine — who, when, from where, with what —
/// and the ceilings.
@Suite struct MusrenbangRulesTests {
    typealias Phase = MusrenbangCycle.Phase

    static func day(_ text: String) -> CivilDay { CivilDay(text)! }

    /// A cycle for plan year 2027: one week per phase from 5 January 2026.
    static func cycle() throws -> MusrenbangCycle {
        var windows: [Phase: MusrenbangCycle.Window] = [:]
        var start = day("2026-01-05")
        for phase in Phase.allCases {
            let last = CivilDay(daysSinceEpoch: start.daysSinceEpoch + 6)
            windows[phase] = .init(first: start, last: last)
            start = CivilDay(daysSinceEpoch: last.daysSinceEpoch + 1)
        }
        return try MusrenbangCycle(planYear: 2027, windows: windows)
    }

    @Test func theCycleKnowsItsPhaseOnEachDay() throws {
        let cycle = try Self.cycle()
        #expect(cycle.phase(on: Self.day("2026-01-04")) == nil)
        #expect(cycle.phase(on: Self.day("2026-01-05")) == .proposals)
        #expect(cycle.phase(on: Self.day("2026-01-11")) == .proposals)
        #expect(cycle.phase(on: Self.day("2026-01-12")) == .desa)
        #expect(cycle.phase(on: Self.day("2026-02-22")) == .realisation)
        #expect(cycle.phase(on: Self.day("2026-02-23")) == nil)
    }

    @Test func phasesMustFollowEachOther() throws {
        let cycle = try Self.cycle()
        var windows = cycle.windows
        windows[.kecamatan] = .init(first: Self.day("2026-01-15"), last: Self.day("2026-01-20"))  // overlaps desa
        #expect(throws: MusrenbangCycle.Problem.phasesOutOfOrder(.kecamatan)) {
            try MusrenbangCycle(planYear: 2027, windows: windows)
        }
        windows = cycle.windows
        windows[.agencyForum] = nil
        #expect(throws: MusrenbangCycle.Problem.phasesOutOfOrder(.agencyForum)) {
            try MusrenbangCycle(planYear: 2027, windows: windows)
        }
        // Extending a phase is fine until it runs into the next (here the kecamatans start on the 22nd).
        windows = cycle.windows
        windows[.kecamatan] = .init(first: Self.day("2026-01-22"), last: Self.day("2026-01-25"))
        let gapped = try MusrenbangCycle(planYear: 2027, windows: windows)
        let longer = try gapped.extending(.desa, to: Self.day("2026-01-21"))
        #expect(longer.window(of: .desa).last == Self.day("2026-01-21"))
        #expect(longer.phase(on: Self.day("2026-01-20")) == .desa)
        #expect(throws: MusrenbangCycle.Problem.phasesOutOfOrder(.kecamatan)) {
            try gapped.extending(.desa, to: Self.day("2026-01-22"))
        }
    }

    static let desaOfficer = ProposalActor(role: .petugasDesa, coversDesa: true)
    static let kecamatanOfficer = ProposalActor(role: .petugasKecamatan, coversKecamatan: true)
    static let agencyHead = ProposalActor(role: .opdAdmin, handlesAgency: true)
    static let bappeda = ProposalActor(role: .bappeda)
    static let proposer = ProposalActor(role: .warga, isProposer: true)
    static let neighbour = ProposalActor(role: .warga)

    func apply(
        _ decision: ProposalDecision, _ stage: ProposalStage, in phase: Phase?, by actor: ProposalActor,
        reason: String? = nil, amount: Int? = nil, returnedAt: ProposalLevel? = nil, hasAgency: Bool = true
    ) -> Result<ProposalStage, ProposalWorkflow.Refusal> {
        ProposalWorkflow.apply(
            decision, to: .init(stage: stage, phase: phase, returnedAt: returnedAt, hasAgency: hasAgency), by: actor,
            .init(reason: reason, amount: amount))
    }

    @Test func aProposalClimbsFromTheDesaIntoThePlan() {
        #expect(apply(.accept, .atDesa, in: .desa, by: Self.desaOfficer) == .success(.acceptedByDesa))
        #expect(apply(.forward, .acceptedByDesa, in: .desa, by: Self.desaOfficer) == .success(.atKecamatan))
        #expect(
            apply(.accept, .atKecamatan, in: .kecamatan, by: Self.kecamatanOfficer) == .success(.acceptedByKecamatan))
        #expect(
            apply(.mapAgency, .acceptedByKecamatan, in: .kecamatan, by: Self.kecamatanOfficer)
                == .success(.acceptedByKecamatan))
        #expect(apply(.forward, .acceptedByKecamatan, in: .kecamatan, by: Self.kecamatanOfficer) == .success(.atForum))
        #expect(
            apply(.feasible, .atForum, in: .agencyForum, by: Self.agencyHead, amount: 150_000_000)
                == .success(.feasible))
        #expect(
            apply(.acceptIntoPlan, .feasible, in: .kabupaten, by: Self.bappeda, amount: 150_000_000)
                == .success(.inPlan))
        #expect(ProposalStage.inPlan.isFinal)
    }

    @Test func returnedProposalsComeBackRevisedToWhoReturnedThem() {
        #expect(
            apply(.returnForRevision, .atDesa, in: .desa, by: Self.desaOfficer, reason: "Lengkapi volume")
                == .success(.returned))
        #expect(apply(.resubmit, .returned, in: .desa, by: Self.proposer, returnedAt: .desa) == .success(.atDesa))
        #expect(
            apply(.resubmit, .returned, in: .kecamatan, by: Self.proposer, returnedAt: .kecamatan)
                == .success(.atKecamatan))
        #expect(apply(.resubmit, .returned, in: .desa, by: Self.neighbour, returnedAt: .desa) == .failure(.notAllowed))
        #expect(
            apply(.resubmit, .returned, in: .agencyForum, by: Self.proposer, returnedAt: .kecamatan)
                == .failure(.outOfPhase(.kecamatan)))
    }

    @Test func refusingReturningOrDeferringNeedsAReason() {
        for (decision, stage, phase, actor) in [
            (ProposalDecision.returnForRevision, ProposalStage.atDesa, Phase.desa, Self.desaOfficer),
            (.reject, .atDesa, .desa, Self.desaOfficer), (.reject, .atKecamatan, .kecamatan, Self.kecamatanOfficer),
            (.notFeasible, .atForum, .agencyForum, Self.agencyHead),
            (.deferToNextYear, .feasible, .kabupaten, Self.bappeda),
            (.reject, .feasible, .kabupaten, Self.bappeda),
        ] {
            #expect(apply(decision, stage, in: phase, by: actor) == .failure(.reasonRequired), "\(decision)")
            #expect(
                apply(decision, stage, in: phase, by: actor, reason: "  ") == .failure(.reasonRequired), "\(decision)")
            #expect(apply(decision, stage, in: phase, by: actor, reason: "Di luar kewenangan").isSuccess, "\(decision)")
        }
        #expect(apply(.feasible, .atForum, in: .agencyForum, by: Self.agencyHead) == .failure(.amountRequired))
        #expect(
            apply(.acceptIntoPlan, .feasible, in: .kabupaten, by: Self.bappeda, amount: 0) == .failure(.amountRequired))
        #expect(
            apply(.forward, .acceptedByKecamatan, in: .kecamatan, by: Self.kecamatanOfficer, hasAgency: false)
                == .failure(.agencyRequired))
    }

    @Test func officersDecideOnlyAtTheirLevelAndOnlyInItsPhase() {
        // the wrong officer, or an officer of another desa
        #expect(apply(.accept, .atDesa, in: .desa, by: Self.kecamatanOfficer) == .failure(.notAllowed))
        #expect(apply(.accept, .atDesa, in: .desa, by: ProposalActor(role: .petugasDesa)) == .failure(.notAllowed))
        #expect(
            apply(.accept, .atKecamatan, in: .kecamatan, by: ProposalActor(role: .petugasKecamatan))
                == .failure(.notAllowed))
        #expect(
            apply(.feasible, .atForum, in: .agencyForum, by: ProposalActor(role: .opdAdmin), amount: 1)
                == .failure(.notAllowed))
        #expect(
            apply(
                .feasible, .atForum, in: .agencyForum, by: ProposalActor(role: .opdStaf, handlesAgency: true), amount: 1
            ) == .failure(.notAllowed))
        #expect(
            apply(.acceptIntoPlan, .feasible, in: .kabupaten, by: ProposalActor(role: .admin), amount: 1)
                == .failure(.notAllowed))
        // the right officer out of phase: the refusal names the phase
        #expect(apply(.accept, .atDesa, in: .proposals, by: Self.desaOfficer) == .failure(.outOfPhase(.desa)))
        #expect(
            apply(.accept, .atKecamatan, in: .agencyForum, by: Self.kecamatanOfficer)
                == .failure(.outOfPhase(.kecamatan)))
        #expect(
            apply(.acceptIntoPlan, .feasible, in: nil, by: Self.bappeda, amount: 1) == .failure(.outOfPhase(.kabupaten))
        )
        // a decision that does not fit the stage
        #expect(apply(.forward, .atDesa, in: .desa, by: Self.desaOfficer) == .failure(.wrongStage))
        #expect(apply(.acceptIntoPlan, .atForum, in: .kabupaten, by: Self.bappeda, amount: 1) == .failure(.wrongStage))
        #expect(apply(.accept, .inPlan, in: .desa, by: Self.desaOfficer) == .failure(.wrongStage))
    }

    @Test func citizensSupportOthersProposalsWhileProposalsAreOpen() {
        #expect(apply(.support, .atDesa, in: .proposals, by: Self.neighbour) == .success(.atDesa))
        #expect(apply(.support, .atDesa, in: .desa, by: Self.neighbour) == .failure(.outOfPhase(.proposals)))
        #expect(apply(.support, .atDesa, in: .proposals, by: Self.proposer) == .failure(.notAllowed))
        #expect(apply(.support, .atDesa, in: .proposals, by: Self.desaOfficer) == .failure(.notAllowed))
        #expect(apply(.support, .atKecamatan, in: .proposals, by: Self.neighbour) == .failure(.wrongStage))
    }

    @Test func theAgencyReportsRealisationOnceThePlanIsSet() {
        let staff = ProposalActor(role: .opdStaf, handlesAgency: true)
        #expect(RealisationStatus.mayUpdate(actor: staff))
        #expect(RealisationStatus.mayUpdate(actor: Self.agencyHead))
        #expect(!RealisationStatus.mayUpdate(actor: ProposalActor(role: .opdStaf)))
        #expect(!RealisationStatus.mayUpdate(actor: ProposalActor(role: .bappeda, handlesAgency: true)))
    }

    @Test func aProposalsPageOffersTheDecisionsItsViewerMayTakeNow() {
        let atDesa = ProposalWorkflow.Facts(stage: .atDesa, phase: .desa)
        #expect(ProposalWorkflow.offered(at: atDesa, to: Self.desaOfficer) == [.accept, .returnForRevision, .reject])
        #expect(ProposalWorkflow.offered(at: atDesa, to: Self.bappeda).isEmpty)
        #expect(ProposalWorkflow.offered(at: .init(stage: .atDesa, phase: .kecamatan), to: Self.desaOfficer).isEmpty)
        // a kecamatan forward without an agency is offered, so the officer learns it needs one
        let unmapped = ProposalWorkflow.Facts(stage: .acceptedByKecamatan, phase: .kecamatan, hasAgency: false)
        #expect(
            ProposalWorkflow.offered(at: unmapped, to: ProposalActor(role: .petugasKecamatan, coversKecamatan: true))
                .contains(.forward))
        #expect(ProposalWorkflow.allows(.support, at: .init(stage: .atDesa, phase: .proposals), by: Self.neighbour))
        #expect(!ProposalWorkflow.allows(.support, at: .init(stage: .atDesa, phase: .proposals), by: Self.proposer))
    }

    @Test func eachRoleProposesAsItsSourceAndSeesItsOwnStagesFirst() {
        #expect(ProposalSource.of(.warga) == .citizen && ProposalSource.of(.dprd) == .pokir)
        #expect(ProposalSource.of(.pendamping) == .citizen)
        #expect(!ProposalSource.citizen.mayEnter(ProposalActor(role: .pendamping, coversDesa: true)))
        #expect(ProposalSource.of(.petugasDesa) == .desaMeeting && ProposalSource.of(.petugasKecamatan) == .kecamatan)
        #expect(ProposalSource.of(.bappeda) == nil && ProposalSource.of(.opdAdmin) == nil)
        #expect(ProposalStage.waiting(for: .petugasDesa) == [.atDesa, .acceptedByDesa])
        #expect(ProposalStage.waiting(for: .bappeda) == [.feasible])
        #expect(ProposalStage.waiting(for: .admin) == ProposalStage.allCases)
    }

    @Test func acceptedAmountsNeverExceedTheCeiling() {
        #expect(PlanCeiling.check(amount: 40, accepted: 60, ceiling: 100).isSuccess)
        #expect(PlanCeiling.check(amount: 41, accepted: 60, ceiling: 100).refusal == .exceeds(remaining: 40))
        #expect(PlanCeiling.check(amount: 1, accepted: 120, ceiling: 100).refusal == .exceeds(remaining: 0))
        #expect(PlanCeiling.check(amount: 1_000_000, accepted: 0, ceiling: nil).isSuccess)
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }

    var refusal: Failure? {
        if case .failure(let refusal) = self { return refusal }
        return nil
    }
}
