import Foundation

/// Who is acting: the signed-in account's role and scope, nothing else.
public struct Actor: Sendable, Equatable {
    public let id: UUID
    public let role: Role
    public let agencyID: UUID?
    public let kecamatanID: UUID?
    public let desaID: UUID?
    public let electoralDistrictID: UUID?
    /// The commission a `dprd` member sits on (from the council's membership, not the account's scope).
    public let commissionID: UUID?

    public init(
        id: UUID, role: Role, agencyID: UUID? = nil, kecamatanID: UUID? = nil, desaID: UUID? = nil,
        electoralDistrictID: UUID? = nil, commissionID: UUID? = nil
    ) {
        self.id = id
        self.role = role
        self.agencyID = agencyID
        self.kecamatanID = kecamatanID
        self.desaID = desaID
        self.electoralDistrictID = electoralDistrictID
        self.commissionID = commissionID
    }
}

/// Every action that needs permission, with the record it touches. Handlers ask `Policy.allows` (through
/// `authorize` or a route group's `RequirePermission`) before acting; each action is decided in exactly one
/// place below. New features add their cases here.
public enum Action: Sendable {
    // Accounts and notifications
    /// Anything an account does with its own data: its profile, its notifications and their settings.
    case useOwnAccount
    /// Deleting one's own account (UU PDP erasure): citizens only; a staff account is an office's and is
    /// disabled by an administrator instead.
    case eraseOwnAccount

    // Staff area
    case enterStaffArea
    case manageRegions
    case manageAgencies
    case viewAuditLog
    /// Adding or removing the region's own days off and working days.
    case manageCalendar
    /// Seeing undeliverable notifications and sending them again.
    case manageMessages
    /// Personal-data requests (access, correction, deletion, objection): listing and answering them.
    case handleDataRequests
    /// The leadership dashboard: every agency's service level and the escalation list.
    case viewLeadershipDashboard
    /// Listing categories; opd_admin sees only the agency's own.
    case listCategories
    /// Creating or editing a category routed to `agencyID`.
    case manageCategory(agencyID: UUID)
    case listStaff
    /// Creating or editing a staff account that has (or will have) `role` within `agencyID`.
    case manageStaff(role: Role, agencyID: UUID?)

    // Reports
    /// The staff queue: who may open it at all (what it lists is `Policy.queueArea`).
    case readReportQueue
    /// Reading a report's staff page (internal notes, hidden photos). `confidential`: a `rahasia` report.
    case readReportAsStaff(Place, confidential: Bool)
    /// Seeing who filed a report. `anonymous`: the reporter asked staff not to see it.
    case seeReporter(Place, anonymous: Bool)
    /// An action of the report's status machine (`ReportWorkflow.mayAct` decides who, the state aside).
    case actOnReport(ReportAction, Place, isReporter: Bool)

    // Whistleblowing
    /// The inspectorate's case list, a case, its evidence, answers and decisions.
    case workWBSCases

    // Musrenbang
    /// Opening a plan year's cycle, its phases and ceilings, extending a phase.
    case manageMusrenbang
    /// Entering a new proposal of `source` at `place` (the phase aside: `ProposalSource.entryPhases`).
    case enterProposal(ProposalSource, Place)
    /// A decision of the proposal stage machine (`ProposalWorkflow.mayDecide` decides who).
    case decideOnProposal(ProposalDecision, Place, isProposer: Bool)
    /// Reporting the work on a proposal in the plan.
    case updateRealisation(Place)
    /// The officers' list of proposals (what it lists is `Policy.proposalArea`).
    case readProposalQueue
    /// A village meeting's attendance list: it names people (often with signatures), so only the officers whose
    /// proposal list holds the proposal see it, unlike the public minutes.
    case readAttendanceList(Place)
    /// The DPRD secretariat's export of pokir before the kabupaten deliberation.
    case exportPokir

    // Forum
    /// Opening threads, replying, marking helpful, flagging: any signed-in account (limits in `ForumRules`).
    case postInForum
    /// The moderators' queue: hiding and restoring posts, silencing accounts.
    case moderateForum
    /// Writing a discussion's outcome ("hasil"), pinned at the top; staff answers are marked official.
    case answerInForumOfficially

    // Portal
    /// Agenda events and documents: the administration, agencies' heads, Bappeda (Musrenbang meetings, plans)
    /// and DPRD members (sittings, reses, decisions).
    case publishInPortal
    /// News: admins, and an agency's head for the agency's own news (`agencyID` of the item).
    case writeNews(agencyID: UUID?)
    /// Cancelling an event or withdrawing a document: whoever published it, their agency's head, an admin.
    case withdrawFromPortal(publishedBy: UUID, agencyID: UUID?)

    // DPRD
    /// A council member's list of the aspirations routed to their commission.
    case readCommissionAspirations
    /// Adding the council's commissions and members.
    case manageDPRD

    // Recognition
    /// Giving "Warga Peduli" awards (which issues their certificates) and revoking certificates.
    case manageAwards
    /// Issue and revoke the keys other systems post Open311 requests with.
    case manageIntegrations

    // Public services
    /// Defining the services of `agencyID` (nil: the list of one's own): admins, and an agency's head for its own.
    case manageServices(agencyID: UUID?)
    /// The applications queue and deciding on an application of `agencyID` — or of a desa office's service in
    /// `desaID`, whose village officers handle it (both nil: whether the account has any queue at all).
    case handleApplications(agencyID: UUID?, desaID: UUID?)
    // Adoption
    /// Filing a report for a citizen without a smartphone, at `place` (a pendamping's own desa only).
    case fileForCitizen(Place)
    /// A pendamping's own page: the reports they filed for citizens.
    case assistCitizens
    /// Opening and closing practice sessions (sosialisasi) and seeing what participants did.
    case runPracticeSessions

    /// The survey's raw answers as CSV: the leadership and admins for every agency, an agency's head for its own.
    case exportSurveys
}

public enum Policy {
    /// Whether `actor` (nil: a guest) may take `action`.
    public static func allows(_ actor: Actor?, _ action: Action) -> Bool {
        switch action {
        case .actOnReport(let reportAction, let place, let isReporter):
            // A guest who holds the follow-up link is the reporter too.
            return ReportWorkflow.mayAct(reportAction, actor: reportActor(actor, place, isReporter: isReporter))
        default:
            guard let actor else { return false }
            return allows(actor, action)
        }
    }

    public static func allows(_ actor: Actor, _ action: Action) -> Bool {
        switch action {
        case .useOwnAccount:
            return true
        case .eraseOwnAccount:
            return actor.role == .warga
        case .enterStaffArea:
            return actor.role.isStaff
        case .manageRegions, .manageAgencies, .viewAuditLog, .manageCalendar, .manageMessages, .handleDataRequests:
            return actor.role == .admin
        case .viewLeadershipDashboard:
            return actor.role == .pimpinan || actor.role == .admin
        case .listCategories, .listStaff:
            return actor.role == .admin || actor.role == .opdAdmin
        case .manageCategory(let agencyID):
            return actor.role == .admin || (actor.role == .opdAdmin && actor.agencyID == agencyID)
        case .manageStaff(let role, let agencyID):
            guard role.isStaff else { return false }
            if actor.role == .admin { return true }
            // An agency head's office manages its own clerks, never other roles or agencies.
            return actor.role == .opdAdmin && role == .opdStaf && agencyID != nil && actor.agencyID == agencyID
        case .readReportQueue:
            return queueArea(actor) != nil
        case .readReportAsStaff(let place, let confidential):
            if handles(actor, place) || sitsOnCommission(actor, place) || actor.role == .pimpinan
                || actor.role == .moderator
            {
                return true
            }
            // Village and sub-district officers follow what is reported in their area, but a confidential
            // report stays with the agency that handles it.
            return isLocalOfficer(actor.role) && !confidential && actor.covers(place)
        case .seeReporter(let place, let anonymous):
            // Moderators and local officers never see who reported; nobody but the reporter does when anonymous.
            return !anonymous && (handles(actor, place) || actor.role == .pimpinan)
        case .actOnReport(let reportAction, let place, let isReporter):
            return ReportWorkflow.mayAct(reportAction, actor: reportActor(actor, place, isReporter: isReporter))
        case .workWBSCases:
            return actor.role == .inspektorat
        case .manageMusrenbang:
            return actor.role == .bappeda || actor.role == .admin
        case .enterProposal(let source, let place):
            return source.mayEnter(proposalActor(actor, place, isProposer: false))
        case .decideOnProposal(let decision, let place, let isProposer):
            return ProposalWorkflow.mayDecide(decision, actor: proposalActor(actor, place, isProposer: isProposer))
        case .updateRealisation(let place):
            return RealisationStatus.mayUpdate(actor: proposalActor(actor, place, isProposer: false))
        case .readProposalQueue:
            return proposalArea(actor) != nil
        case .readAttendanceList(let place):
            guard let area = proposalArea(actor) else { return false }
            return area == .region || actor.covers(place)
        case .exportPokir:
            return [.bappeda, .admin, .dprd].contains(actor.role)
        case .postInForum:
            return true
        case .moderateForum:
            return actor.role == .moderator || actor.role == .admin
        case .readCommissionAspirations:
            return actor.role == .dprd
        case .manageDPRD, .manageAwards, .manageIntegrations:
            return actor.role == .admin
        case .exportSurveys:
            return [.admin, .pimpinan].contains(actor.role) || (actor.role == .opdAdmin && actor.agencyID != nil)
        case .handleApplications(let agencyID, let desaID):
            switch actor.role {
            case .admin:
                return true
            case .opdAdmin, .opdStaf:
                return actor.agencyID != nil && (agencyID == nil || actor.agencyID == agencyID)
            case .petugasDesa:
                guard let own = actor.desaID else { return false }
                return (agencyID == nil && desaID == nil) || desaID == own
            default:
                return false
            }
        case .manageServices(let agencyID):
            return actor.role == .admin
                || (actor.role == .opdAdmin && actor.agencyID != nil && (agencyID == nil || actor.agencyID == agencyID))
        case .publishInPortal:
            return [.admin, .opdAdmin, .bappeda, .dprd].contains(actor.role)
        case .writeNews(let agencyID):
            return actor.role == .admin || (actor.role == .opdAdmin && agencyID != nil && actor.agencyID == agencyID)
        case .withdrawFromPortal(let publisher, let agencyID):
            guard allows(actor, .publishInPortal) else { return false }
            return actor.role == .admin || actor.id == publisher
                || (actor.role == .opdAdmin && agencyID != nil && actor.agencyID == agencyID)
        case .answerInForumOfficially:
            // Government staff speak for the region; moderators keep order and do not. A village facilitator
            // helps citizens and does not speak for the government.
            return actor.role.isStaff && actor.role != .moderator && actor.role != .pendamping
        case .fileForCitizen(let place):
            return actor.role == .pendamping && actor.covers(place)
        case .assistCitizens:
            return actor.role == .pendamping && actor.area != .nothing
        case .runPracticeSessions:
            return actor.role == .pendamping || actor.role == .admin
        }
    }

    /// The account as the proposal stage machine sees it: its relation to a proposal at `place`.
    public static func proposalActor(_ actor: Actor?, _ place: Place, isProposer: Bool) -> ProposalActor {
        guard let actor else { return ProposalActor(role: nil) }
        return ProposalActor(
            role: actor.role, isProposer: isProposer,
            coversDesa: actor.role == .petugasDesa && actor.covers(place),
            coversKecamatan: actor.role == .petugasKecamatan && actor.covers(place),
            handlesAgency: (actor.role == .opdAdmin || actor.role == .opdStaf) && actor.covers(place),
            coversDistrict: actor.role == .dprd && actor.covers(place))
    }

    /// Which proposals the officers' list shows `actor`: its desa, kecamatan, agency or electoral district;
    /// Bappeda and admins the whole region. nil: not an officer of Musrenbang.
    public static func proposalArea(_ actor: Actor) -> Area? {
        switch actor.role {
        case .bappeda, .admin, .pimpinan: .region
        case .petugasDesa, .petugasKecamatan, .opdAdmin, .opdStaf, .dprd: actor.area == .nothing ? nil : actor.area
        case .warga, .inspektorat, .moderator, .pendamping: nil
        }
    }

    /// Which reports the staff queue lists for `actor`: nil when it may not open the queue.
    public static func queueArea(_ actor: Actor) -> Area? {
        switch actor.role {
        case .admin, .pimpinan, .moderator: .region
        case .opdStaf, .opdAdmin, .petugasDesa, .petugasKecamatan:
            actor.area == .nothing ? nil : actor.area
        // Bappeda plans kabupaten-wide, and aspirations about development are routed to it as an agency: its
        // queue holds what is routed to its agency.
        case .bappeda: actor.agencyID.map(Area.agency)
        case .warga, .inspektorat, .dprd, .pendamping: nil
        }
    }

    /// The staff of the agency handling the record (whoever it is routed to, Bappeda too), and administrators.
    static func handles(_ actor: Actor, _ place: Place) -> Bool {
        switch actor.role {
        case .admin: true
        case .opdStaf, .opdAdmin, .bappeda: actor.agencyID != nil && actor.agencyID == place.agencyID
        default: false
        }
    }

    static func isLocalOfficer(_ role: Role) -> Bool { role == .petugasDesa || role == .petugasKecamatan }

    /// A council member of the commission an aspiration is routed to (they read and answer it, confidential
    /// ones too: the citizen addressed the council; who sent it stays with the secretariat).
    static func sitsOnCommission(_ actor: Actor, _ place: Place) -> Bool {
        actor.role == .dprd && actor.commissionID != nil && actor.commissionID == place.commissionID
    }

    /// The account as the report's status machine sees it: its relation to the report at `place`.
    public static func reportActor(_ actor: Actor?, _ place: Place, isReporter: Bool) -> ReportActor {
        ReportActor(
            role: actor?.role, handles: actor.map { handles($0, place) } ?? false,
            isLocalOfficer: actor.map { isLocalOfficer($0.role) && $0.covers(place) } ?? false,
            sitsOnCommission: actor.map { sitsOnCommission($0, place) } ?? false, isReporter: isReporter)
    }
}
