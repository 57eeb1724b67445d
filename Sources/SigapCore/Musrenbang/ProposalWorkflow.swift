/// Where a development proposal stands on its climb from the desa to the kabupaten plan.
public enum ProposalStage: String, CaseIterable, Codable, Sendable {
    /// Submitted; waiting for the desa deliberation.
    case atDesa = "desa"
    /// Back with the proposer for revision (`ProposalWorkflow.Facts.returnedAt` says by whom).
    case returned = "dikembalikan"
    case acceptedByDesa = "diterima_desa"
    /// Forwarded by the desa; waiting for the kecamatan deliberation.
    case atKecamatan = "kecamatan"
    case acceptedByKecamatan = "diterima_kecamatan"
    /// Forwarded by the kecamatan, or a DPRD pokir: waiting for the agency forum.
    case atForum = "forum_opd"
    /// The agency found it feasible, with an amount; waiting for the kabupaten.
    case feasible = "layak"
    /// In the plan (RKPD) with an amount and a programme/activity code.
    case inPlan = "masuk_rkpd"
    /// Kept for next year: carried into the next cycle when it opens.
    case deferred = "ditunda"
    case rejected = "ditolak"
    case notFeasible = "tidak_layak"
    /// Joined to another proposal of the same thing (its supporters follow that one).
    case merged = "digabung"

    /// The stages an officer of `role` acts on: what their list shows first.
    public static func waiting(for role: Role) -> [ProposalStage] {
        switch role {
        case .petugasDesa: [.atDesa, .acceptedByDesa]
        case .petugasKecamatan: [.atKecamatan, .acceptedByKecamatan]
        case .opdAdmin, .opdStaf: [.atForum, .inPlan]
        case .bappeda: [.feasible]
        default: allCases
        }
    }

    /// No decision changes it any more (a deferred proposal continues as a new one in the next cycle).
    public var isFinal: Bool {
        switch self {
        case .inPlan, .deferred, .rejected, .notFeasible, .merged: true
        default: false
        }
    }
}

/// The deliberation a decision belongs to.
public enum ProposalLevel: String, CaseIterable, Codable, Sendable {
    case desa, kecamatan, forum = "forum_opd", kabupaten
}

/// Everything that can be decided about a proposal.
public enum ProposalDecision: String, CaseIterable, Codable, Sendable {
    /// The proposer sends a returned proposal back, revised (a new version).
    case resubmit
    case accept
    case returnForRevision = "return"
    case reject
    /// Ranked and sent up: desa → kecamatan, kecamatan → agency forum.
    case forward
    /// The kecamatan names the responsible agency (a free-text proposal, or a correction).
    case mapAgency = "map_agency"
    /// The kecamatan joins it to another proposal of the same thing.
    case merge
    case feasible
    case notFeasible = "not_feasible"
    /// The agency forum: it belongs to another agency.
    case reassign
    case acceptIntoPlan = "accept_into_plan"
    case deferToNextYear = "defer"
    /// A citizen's support.
    case support
}

/// Who decides, relative to the proposal. `Policy` works it out from the account and the proposal's place.
public struct ProposalActor: Sendable, Equatable {
    public let role: Role?
    public let isProposer: Bool
    /// A `petugas_desa` of the proposal's desa.
    public let coversDesa: Bool
    /// A `petugas_kecamatan` of its kecamatan.
    public let coversKecamatan: Bool
    /// An `opd_admin` of the agency it is mapped to.
    public let handlesAgency: Bool
    /// A `dprd` member elected in the electoral district its kecamatan belongs to.
    public let coversDistrict: Bool

    public init(
        role: Role?, isProposer: Bool = false, coversDesa: Bool = false, coversKecamatan: Bool = false,
        handlesAgency: Bool = false, coversDistrict: Bool = false
    ) {
        self.role = role
        self.isProposer = isProposer
        self.coversDesa = coversDesa
        self.coversKecamatan = coversKecamatan
        self.handlesAgency = handlesAgency
        self.coversDistrict = coversDistrict
    }
}

/// The proposal's stage machine: which decision, by whom, in which phase, from which stage, to which stage.
/// Services ask here before they change anything; the answer names what is missing.
public enum ProposalWorkflow {
    public enum Refusal: Error, Equatable, Sendable {
        case notAllowed
        case wrongStage
        /// The decision belongs to this phase, which is not running.
        case outOfPhase(MusrenbangCycle.Phase)
        case reasonRequired
        case amountRequired
        /// Forwarding to the agency forum needs the responsible agency.
        case agencyRequired
    }

    public struct Facts: Sendable, Equatable {
        public let stage: ProposalStage
        /// The phase running today (nil between phases or outside the cycle).
        public let phase: MusrenbangCycle.Phase?
        /// Who returned it, while `stage == .returned`.
        public let returnedAt: ProposalLevel?
        public let hasAgency: Bool

        public init(
            stage: ProposalStage, phase: MusrenbangCycle.Phase?, returnedAt: ProposalLevel? = nil,
            hasAgency: Bool = false
        ) {
            self.stage = stage
            self.phase = phase
            self.returnedAt = returnedAt
            self.hasAgency = hasAgency
        }
    }

    /// What the decision needs besides the actor and the phase.
    public struct Input: Sendable, Equatable {
        public var reason: String?
        public var amount: Int?

        public init(reason: String? = nil, amount: Int? = nil) {
            self.reason = reason
            self.amount = amount
        }
    }

    /// The stage after `decision`, or why it is refused. Refusals are checked in the order a person can fix
    /// them: who, then when, then what is missing.
    public static func apply(_ decision: ProposalDecision, to facts: Facts, by actor: ProposalActor, _ input: Input)
        -> Result<ProposalStage, Refusal>
    {
        guard mayDecide(decision, actor: actor) else { return .failure(.notAllowed) }
        guard let level = level(of: decision, at: facts) else { return .failure(.wrongStage) }
        guard mayDecide(decision, at: level, actor: actor) else { return .failure(.notAllowed) }
        let phase = phase(of: decision, at: level)
        guard facts.phase == phase || (decision == .resubmit && level == .desa && facts.phase == .proposals) else {
            return .failure(.outOfPhase(phase))
        }
        let hasReason = input.reason.map { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } ?? false
        switch decision {
        case .returnForRevision, .reject, .notFeasible, .deferToNextYear:
            guard hasReason else { return .failure(.reasonRequired) }
        case .feasible, .acceptIntoPlan:
            guard let amount = input.amount, amount > 0 else { return .failure(.amountRequired) }
        case .forward where level == .kecamatan:
            guard facts.hasAgency else { return .failure(.agencyRequired) }
        default: break
        }
        return .success(next(decision, at: level, from: facts.stage))
    }

    /// The deliberation a decision on a proposal in this stage belongs to; nil when the decision does not apply
    /// to the stage at all.
    static func level(of decision: ProposalDecision, at facts: Facts) -> ProposalLevel? {
        switch (decision, facts.stage) {
        case (.support, .atDesa): .desa
        case (.resubmit, .returned): facts.returnedAt ?? .desa
        case (.accept, .atDesa), (.returnForRevision, .atDesa), (.reject, .atDesa), (.reject, .acceptedByDesa),
            (.forward, .acceptedByDesa):
            .desa
        case (.accept, .atKecamatan), (.returnForRevision, .atKecamatan), (.reject, .atKecamatan),
            (.reject, .acceptedByKecamatan), (.forward, .acceptedByKecamatan), (.mapAgency, .atKecamatan),
            (.mapAgency, .acceptedByKecamatan), (.merge, .atKecamatan), (.merge, .acceptedByKecamatan):
            .kecamatan
        case (.feasible, .atForum), (.notFeasible, .atForum), (.reassign, .atForum): .forum
        case (.acceptIntoPlan, .feasible), (.deferToNextYear, .feasible), (.reject, .feasible): .kabupaten
        default: nil
        }
    }

    /// Whether `actor` may take `decision` now, all its input given.
    public static func allows(_ decision: ProposalDecision, at facts: Facts, by actor: ProposalActor) -> Bool {
        switch apply(decision, to: facts, by: actor, Input(reason: "-", amount: 1)) {
        case .success, .failure(.agencyRequired): true
        default: false
        }
    }

    /// The deliberations' decisions `actor` may take on the proposal now (the forms its page offers); a
    /// kecamatan forward waiting for its agency is offered too, so the officer learns what is missing.
    public static func offered(at facts: Facts, to actor: ProposalActor) -> [ProposalDecision] {
        ProposalDecision.allCases.filter { $0 != .support && $0 != .resubmit && allows($0, at: facts, by: actor) }
    }

    /// Whether `actor` may take `decision` at some level (what `Policy` answers before the stage is known): the
    /// officer roles of the levels the decision belongs to, scoped to the proposal.
    public static func mayDecide(_ decision: ProposalDecision, actor: ProposalActor) -> Bool {
        ProposalLevel.allCases.contains { mayDecide(decision, at: $0, actor: actor) }
    }

    /// Who may decide at a level: the officers of the proposal's own desa, kecamatan or agency, Bappeda for the
    /// kabupaten, the proposer for a resubmission, a citizen other than the proposer for support.
    static func mayDecide(_ decision: ProposalDecision, at level: ProposalLevel, actor: ProposalActor) -> Bool {
        switch decision {
        case .support: return actor.role == .warga && !actor.isProposer
        case .resubmit: return actor.isProposer
        default: break
        }
        switch level {
        case .desa: return actor.role == .petugasDesa && actor.coversDesa
        case .kecamatan: return actor.role == .petugasKecamatan && actor.coversKecamatan
        case .forum: return actor.role == .opdAdmin && actor.handlesAgency
        case .kabupaten: return actor.role == .bappeda
        }
    }

    /// The phase a decision is taken in. Support belongs to the proposals phase (counts are what the desa
    /// deliberation reads); a resubmission to the deliberation that returned it.
    public static func phase(of decision: ProposalDecision, at level: ProposalLevel) -> MusrenbangCycle.Phase {
        if decision == .support { return .proposals }
        switch level {
        case .desa: return .desa
        case .kecamatan: return .kecamatan
        case .forum: return .agencyForum
        case .kabupaten: return .kabupaten
        }
    }

    static func next(_ decision: ProposalDecision, at level: ProposalLevel, from stage: ProposalStage)
        -> ProposalStage
    {
        switch (decision, level) {
        case (.support, _), (.mapAgency, _), (.reassign, _): stage
        case (.resubmit, .kecamatan): .atKecamatan
        case (.resubmit, _): .atDesa
        case (.accept, .desa): .acceptedByDesa
        case (.accept, _): .acceptedByKecamatan
        case (.returnForRevision, _): .returned
        case (.reject, _): .rejected
        case (.forward, .desa): .atKecamatan
        case (.forward, _): .atForum
        case (.merge, _): .merged
        case (.feasible, _): .feasible
        case (.notFeasible, _): .notFeasible
        case (.acceptIntoPlan, _): .inPlan
        case (.deferToNextYear, _): .deferred
        }
    }
}

/// The work on a proposal in the plan, as its agency reports it.
public enum RealisationStatus: String, CaseIterable, Codable, Sendable {
    case planned = "direncanakan"
    case procurement = "pengadaan"
    case inProgress = "dikerjakan"
    case done = "selesai"
    case cancelled = "dibatalkan"

    /// The agency's staff report on their proposals once the plan is set.
    public static func mayUpdate(actor: ProposalActor) -> Bool {
        (actor.role == .opdAdmin || actor.role == .opdStaf) && actor.handlesAgency
    }

    /// From the day the plan is published on, also after the cycle's last day: the work takes its time.
    public static func isOpen(on day: CivilDay, in cycle: MusrenbangCycle) -> Bool {
        day >= cycle.window(of: .published).first
    }
}

/// The indicative ceilings (pagu indikatif): what is accepted into the plan for an area never exceeds it.
public enum PlanCeiling {
    public enum Refusal: Error, Equatable, Sendable {
        /// Accepting would exceed the ceiling; this much is left.
        case exceeds(remaining: Int)
    }

    /// Whether `amount` fits under `ceiling` given what is accepted already; nil ceiling: no limit set.
    public static func check(amount: Int, accepted: Int, ceiling: Int?) -> Result<Void, Refusal> {
        guard let ceiling else { return .success(()) }
        let remaining = max(0, ceiling - accepted)
        return amount <= remaining ? .success(()) : .failure(.exceeds(remaining: remaining))
    }
}
