/// Every event someone can be notified of, one typed list. The raw value is what the outbox row and the
/// account's preferences store; `SigapApp`'s `EventMessage` gives each kind its text (Indonesian and English,
/// from the catalog key `notify.<raw value>`) and its link, so the in-app page and every chat channel say the
/// same thing.
public enum EventKind: String, Codable, Sendable, CaseIterable {
    /// A report was filed: to its reporter.
    case reportReceived = "report.received"
    /// A report's status changed: to its reporter and supporters.
    case reportStatusChanged = "report.status_changed"
    /// The agency replied publicly.
    case reportReply = "report.reply"
    /// The report was closed as a duplicate of another.
    case reportMerged = "report.merged"
    /// A deadline passed without an answer: to the agency's heads.
    case reportDeadlineMissed = "report.deadline_missed"
    /// A whistleblowing case came in: to the inspectorate (no content, only that there is one).
    case wbsCaseFiled = "wbs.case_filed"
    /// The anonymous reporter wrote on a case: to the inspectorate.
    case wbsReporterMessage = "wbs.reporter_message"

    /// The subject kind the event is about.
    public var subjectKind: SubjectKind {
        switch self {
        case .reportReceived, .reportStatusChanged, .reportReply, .reportMerged, .reportDeadlineMissed: .report
        case .wbsCaseFiled, .wbsReporterMessage: .wbsCase
        }
    }

    /// The events an account may choose for its chat channels: citizens the news of their own reports, staff
    /// also the staff area's events.
    public static func choosable(byStaff isStaff: Bool) -> [EventKind] {
        allCases.filter { isStaff || !$0.isForStaff }
    }

    /// Events whose link leads into the staff area (their recipients are staff).
    public var isForStaff: Bool {
        switch self {
        case .reportDeadlineMissed, .wbsCaseFiled, .wbsReporterMessage: true
        case .reportReceived, .reportStatusChanged, .reportReply, .reportMerged: false
        }
    }
}
