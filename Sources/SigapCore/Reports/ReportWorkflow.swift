import Foundation

/// Everything that can be done to a report after it is filed.
public enum ReportAction: String, CaseIterable, Codable, Sendable {
    // staff
    case verify, assign, start, reply, note, resolve, reject, merge, hidePhoto = "hide_photo"
    // reporter and citizens
    case addInformation = "add_information", rate, reopen, support
}

/// Who is acting on a report, relative to it. `Policy` works out the relations from the account's role and
/// scope and the report's place; the status machine only reads them.
public struct ReportActor: Sendable {
    public let role: Role?
    /// Staff of the agency handling the report, or an administrator.
    public let handles: Bool
    /// A village or sub-district officer whose area contains the report.
    public let isLocalOfficer: Bool
    /// A DPRD member sitting on the commission an aspiration to the council is routed to.
    public let sitsOnCommission: Bool
    public let isReporter: Bool

    public init(
        role: Role?, handles: Bool, isLocalOfficer: Bool = false, sitsOnCommission: Bool = false, isReporter: Bool
    ) {
        self.role = role
        self.handles = handles
        self.isLocalOfficer = isLocalOfficer
        self.sitsOnCommission = sitsOnCommission
        self.isReporter = isReporter
    }
}

public enum ReportRuleError: String, Error, Sendable, Equatable {
    case notAllowed = "report.not_allowed"
    case wrongState = "report.wrong_state"
    case reasonRequired = "report.reason_required"
    case reopenWindowClosed = "report.reopen_window_closed"
    case alreadyRated = "report.already_rated"
}

/// The status machine: which action may be taken by whom from which state, and where it leads.
public enum ReportWorkflow {
    /// A reporter may reopen a resolved report within this many days of its resolution.
    public static let reopenWindowDays = 10

    public struct Facts: Sendable {
        public let status: ReportStatus
        public let agencyID: UUID
        public let resolvedAt: Date?
        public let rated: Bool

        public init(status: ReportStatus, agencyID: UUID, resolvedAt: Date?, rated: Bool) {
            self.status = status
            self.agencyID = agencyID
            self.resolvedAt = resolvedAt
            self.rated = rated
        }
    }

    /// The status after `action`, or why it cannot be taken. `text` is the note, reason or resolution typed.
    public static func apply(
        _ action: ReportAction, to report: Facts, by actor: ReportActor, text: String?, now: Date
    ) -> Result<ReportStatus, ReportRuleError> {
        guard mayAct(action, actor: actor) else { return .failure(.notAllowed) }
        let hasText = !(text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        let open = report.status.isOpen
        switch action {
        case .verify:
            return report.status == .diterima ? .success(.diverifikasi) : .failure(.wrongState)
        case .assign:
            guard open else { return .failure(.wrongState) }
            return hasText ? .success(.didisposisikan) : .failure(.reasonRequired)
        case .start:
            return [.diverifikasi, .didisposisikan, .dibukaKembali].contains(report.status)
                ? .success(.diproses) : .failure(.wrongState)
        case .reply, .note:
            guard hasText else { return .failure(.reasonRequired) }
            return .success(report.status)
        case .resolve:
            guard open, report.status != .diterima else { return .failure(.wrongState) }
            return hasText ? .success(.selesai) : .failure(.reasonRequired)
        case .reject:
            guard open else { return .failure(.wrongState) }
            return hasText ? .success(.ditolak) : .failure(.reasonRequired)
        case .merge:
            return open ? .success(.ditutup) : .failure(.wrongState)
        case .hidePhoto:
            return .success(report.status)
        case .addInformation:
            guard open else { return .failure(.wrongState) }
            return .success(report.status)
        case .rate:
            guard [.selesai, .ditutup].contains(report.status), report.resolvedAt != nil else {
                return .failure(.wrongState)
            }
            // Rating accepts the resolution: the report is closed.
            return report.rated ? .failure(.alreadyRated) : .success(.ditutup)
        case .reopen:
            guard report.status == .selesai, let resolvedAt = report.resolvedAt else { return .failure(.wrongState) }
            guard now.timeIntervalSince(resolvedAt) <= Double(reopenWindowDays) * 86_400 else {
                return .failure(.reopenWindowClosed)
            }
            return hasText ? .success(.dibukaKembali) : .failure(.reasonRequired)
        case .support:
            return open ? .success(report.status) : .failure(.wrongState)
        }
    }

    /// Who may take an action at all, before the state is considered.
    public static func mayAct(_ action: ReportAction, actor: ReportActor) -> Bool {
        switch action {
        case .verify, .assign, .reject, .merge:
            return actor.handles
        case .start, .reply, .resolve:
            // An aspiration is answered by the DPRD secretariat (which handles it) or by a member of the
            // commission it is routed to; checking, routing and rejecting stay with the secretariat.
            return actor.handles || actor.sitsOnCommission
        case .note:
            // Village and sub-district officers add what they know from the ground as internal notes; members
            // of the commission too.
            return actor.handles || actor.isLocalOfficer || actor.sitsOnCommission
        case .hidePhoto:
            return actor.handles || actor.role == .moderator
        case .addInformation, .rate, .reopen:
            return actor.isReporter
        case .support:
            return actor.role == .warga && !actor.isReporter
        }
    }
}

extension ReportAction {
    /// Whether taking the action makes a report public (with `SIGAP_PUBLISH_REPORTS=after_verification`): staff
    /// have read it and kept it. Rejecting or merging an unchecked report never publishes it; a note, a hidden
    /// photo or anything the reporter does neither.
    public var publishes: Bool {
        switch self {
        case .verify, .assign, .start, .reply, .resolve: true
        case .reject, .merge, .note, .hidePhoto, .addInformation, .rate, .reopen, .support: false
        }
    }
}
