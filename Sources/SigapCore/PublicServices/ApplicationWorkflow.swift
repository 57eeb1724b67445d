import Foundation

/// An application for a public service, from draft to decision. Staff check it and either ask for a correction
/// (the applicant holds it, and the promised time stops running), approve it with a result document, or reject
/// it with a reason.
public enum ApplicationStatus: String, Codable, Sendable, CaseIterable {
    case draft = "konsep"
    case submitted = "diajukan"
    case inReview = "diperiksa"
    case correction = "perlu_perbaikan"
    case approved = "disetujui"
    case rejected = "ditolak"

    /// Waiting for the agency: the promised time runs.
    public var agencyHolds: Bool { self == .submitted || self == .inReview }
    public var isFinished: Bool { self == .approved || self == .rejected }
}

public enum ApplicationAction: String, Codable, Sendable, CaseIterable {
    case submit
    case review
    case requestCorrection = "request_correction"
    case resubmit
    case approve
    case reject
    case note
}

/// Who is acting on one application.
public struct ApplicationActor: Sendable {
    public let isApplicant: Bool
    /// Staff of the agency (or desa office) that provides the service, or an administrator.
    public let handles: Bool

    public init(isApplicant: Bool, handles: Bool) {
        self.isApplicant = isApplicant
        self.handles = handles
    }
}

public enum ApplicationRuleError: String, Error, Sendable, Equatable {
    case notAllowed = "application.not_allowed"
    case wrongState = "application.wrong_state"
    case reasonRequired = "application.reason_required"
    case resultRequired = "application.result_required"
}

public enum ApplicationWorkflow {
    public static func mayAct(_ action: ApplicationAction, actor: ApplicationActor) -> Bool {
        switch action {
        case .submit, .resubmit: actor.isApplicant
        case .review, .requestCorrection, .approve, .reject, .note: actor.handles
        }
    }

    /// The status after `action`, or why not. `hasText`: a reason or note was given; `hasResult`: a result
    /// document was attached.
    public static func apply(
        _ action: ApplicationAction, from status: ApplicationStatus, by actor: ApplicationActor, hasText: Bool,
        hasResult: Bool = false
    ) -> Result<ApplicationStatus, ApplicationRuleError> {
        guard mayAct(action, actor: actor) else { return .failure(.notAllowed) }
        switch action {
        case .submit:
            return status == .draft ? .success(.submitted) : .failure(.wrongState)
        case .review:
            return status == .submitted ? .success(.inReview) : .failure(.wrongState)
        case .requestCorrection:
            guard status.agencyHolds else { return .failure(.wrongState) }
            return hasText ? .success(.correction) : .failure(.reasonRequired)
        case .resubmit:
            return status == .correction ? .success(.submitted) : .failure(.wrongState)
        case .approve:
            guard status.agencyHolds else { return .failure(.wrongState) }
            return hasResult ? .success(.approved) : .failure(.resultRequired)
        case .reject:
            guard status.agencyHolds else { return .failure(.wrongState) }
            return hasText ? .success(.rejected) : .failure(.reasonRequired)
        case .note:
            return hasText ? .success(status) : .failure(.reasonRequired)
        }
    }
}

/// The promised completion time stops while the applicant holds the application (a correction asked) and
/// resumes, with what was left, when they send it back.
public enum ApplicationClock {
    /// Working time left until `due` at `now` (negative when already late), to keep while paused.
    public static func pause(due: Date, at now: Date, calendar: WorkCalendar) -> TimeInterval {
        now <= due ? calendar.workingSeconds(from: now, to: due) : -calendar.workingSeconds(from: due, to: now)
    }

    /// The new deadline when the applicant sends it back at `now` with `remaining` working time kept.
    public static func resume(remaining: TimeInterval, at now: Date, calendar: WorkCalendar) -> Date {
        remaining >= 0
            ? calendar.adding(workingSeconds: remaining, to: now)
            : now.addingTimeInterval(remaining)  // already late: it stays late by as much
    }

    /// Working days after the promised time before a late application goes up to the region's leadership.
    public static let daysToLeadership = 3

    /// What a late application calls for at `now`: the escalation level it reaches (1: the agency's heads are
    /// told; 2: the leadership) and when to look again (nil: nothing more to do).
    public static func escalation(due: Date, level: Int, now: Date, calendar: WorkCalendar) -> (level: Int, next: Date?)
    {
        let toLeadership = calendar.adding(workingDays: daysToLeadership, to: due)
        switch level {
        case 0:
            guard now >= due else { return (0, due) }
            return now >= toLeadership ? (2, nil) : (1, toLeadership)
        case 1:
            return now >= toLeadership ? (2, nil) : (1, toLeadership)
        default:
            return (level, nil)
        }
    }
}
