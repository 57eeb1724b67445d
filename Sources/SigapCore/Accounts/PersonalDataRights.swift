import Foundation

/// A data subject's request under UU No. 27/2022 (Pelindungan Data Pribadi): to see their data, correct it,
/// erase it, or object to its processing.
public enum DataRequestKind: String, Codable, CaseIterable, Sendable {
    case access
    case correction
    case deletion
    case objection

    /// What a person may ask an administrator for on the form (deleting has its own confirmed page).
    public static let askable: [DataRequestKind] = [.objection, .correction, .access]
}

/// What the law asks of the controller's answers, and how long personal data is kept.
public enum PersonalDataRights {
    /// The controller answers a request within 3 × 24 hours (UU PDP arts. 32–42: access, correction, erasure
    /// and objection are each to be met "paling lambat 3 × 24 jam").
    public static let answerWithin: TimeInterval = 3 * 24 * 3600

    public static func answerDue(receivedAt: Date) -> Date { receivedAt.addingTimeInterval(answerWithin) }

    /// Open and past its due moment, or answered after it.
    public static func isLate(receivedAt: Date, answeredAt: Date?, now: Date) -> Bool {
        (answeredAt ?? now) > answerDue(receivedAt: receivedAt)
    }

    /// Seeing one's data is recorded as one access request per this long, so reloading the page is not many.
    public static let accessRecordedEvery: TimeInterval = 3600

    /// The word a person types to confirm deleting their account (a slip of the finger cannot delete it).
    public static let erasureWord = "HAPUS"

    public static func confirmsErasure(_ typed: String?) -> Bool {
        typed?.trimmingCharacters(in: .whitespaces).uppercased() == erasureWord
    }

    /// Whole hours since the request arrived (the admin page's age column).
    public static func ageHours(receivedAt: Date, now: Date) -> Int {
        max(0, Int(now.timeIntervalSince(receivedAt) / 3600))
    }
}

/// How long personal data outlives its purpose, in days (`SIGAP_RETENTION_*`). The sweep erases or anonymises
/// what is older.
public struct RetentionPeriods: Sendable, Equatable {
    /// A guest reporter's contact, counted from the report's resolution or closing: the report stays, the
    /// address to reach its reporter goes.
    public var closedReportContactDays = 365
    /// The address (sealed contact) and payload of a message sent or given up this long ago.
    public var deliveredMessageDays = 90
    /// Audit entries older than this are deleted (five years, the archive period of staff actions).
    public var auditDays = 1826

    public init() {}

    public static func cutoff(days: Int, before now: Date) -> Date { now.addingTimeInterval(-Double(days) * 86_400) }
}
