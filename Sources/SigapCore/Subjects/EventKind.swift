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
    /// The bot's answer to someone writing in a chat.
    case chatReply = "chat.reply"
    /// A one-time code proving an e-mail address or phone number (registration, the account page).
    case contactCode = "contact.code"
    /// Someone tried to register with a contact that already has an account: told to its owner only, so the
    /// registration page can answer the same either way.
    case registrationAttempt = "account.registration_attempt"
    /// A proposal was entered: to its proposer.
    case proposalReceived = "proposal.received"
    /// A deliberation decided on a proposal (or it was carried into a new cycle): to its proposer and supporters.
    case proposalDecided = "proposal.decided"
    /// The agency reported work on a proposal in the plan: to its proposer and supporters.
    case proposalRealisation = "proposal.realisation"
    /// Someone replied in a thread: to the thread's author.
    case forumReply = "forum.reply"
    /// A post was hidden (by flags or a moderator), restored, or its author silenced: to the author.
    case forumModerated = "forum.moderated"
    /// A "Warga Peduli" award was given: to its recipient, with their certificate's address.
    case awardGranted = "award.granted"
    /// An application moved (submitted, a correction asked, approved, rejected): to its applicant.
    case applicationUpdated = "application.updated"
    /// An application passed its promised time: to the agency's heads, and three working days later to the
    /// region's leadership.
    case applicationLate = "application.late"

    /// The subject kind the event is about; nil for personal messages about no record.
    public var subjectKind: SubjectKind? {
        switch self {
        case .reportReceived, .reportStatusChanged, .reportReply, .reportMerged, .reportDeadlineMissed: .report
        case .wbsCaseFiled, .wbsReporterMessage: .wbsCase
        case .proposalReceived, .proposalDecided, .proposalRealisation: .proposal
        case .forumReply, .forumModerated: .thread
        case .awardGranted: .certificate
        case .applicationUpdated, .applicationLate: .application
        case .chatReply, .contactCode, .registrationAttempt: nil
        }
    }

    /// Messages meant for one person at one address, sent whatever their settings say: nobody chooses them.
    public var isPersonal: Bool { subjectKind == nil }

    /// The events an account may choose for its chat channels: citizens the news of their own reports, staff
    /// also the staff area's events.
    public static func choosable(byStaff isStaff: Bool) -> [EventKind] {
        allCases.filter { !$0.isPersonal && (isStaff || !$0.isForStaff) }
    }

    /// Events whose link leads into the staff area (their recipients are staff).
    public var isForStaff: Bool {
        switch self {
        case .reportDeadlineMissed, .wbsCaseFiled, .wbsReporterMessage, .applicationLate: true
        case .reportReceived, .reportStatusChanged, .reportReply, .reportMerged, .chatReply, .contactCode,
            .registrationAttempt, .proposalReceived, .proposalDecided, .proposalRealisation, .forumReply,
            .forumModerated, .awardGranted, .applicationUpdated:
            false
        }
    }
}
