/// What a history line, a notification, a file or a deadline is about: a kind of record and its id.
/// Reports are the first kind; proposals, applications, threads and certificates plug in the same way.
public struct Subject: Hashable, Sendable, Codable, CustomStringConvertible {
    public let kind: SubjectKind
    /// The record's id as text (reports have integer ids, most others UUIDs).
    public let id: String

    public init(_ kind: SubjectKind, _ id: String) {
        self.kind = kind
        self.id = id
    }

    public static func report(_ id: Int) -> Subject { Subject(.report, String(id)) }

    public var description: String { "\(kind.rawValue):\(id)" }
}

/// Every kind of record that has a history, notifications, files or deadlines. Stored as the raw value.
public enum SubjectKind: String, Codable, Sendable, CaseIterable {
    case report
    case wbsCase = "wbs_case"
    case account
    case proposal
    case application
    case thread
    case certificate
}

extension SubjectKind {
    /// How command output counts them ("3 reports").
    public var plural: String {
        switch self {
        case .report: "reports"
        case .wbsCase: "whistleblowing cases"
        case .account: "accounts"
        case .proposal: "proposals"
        case .application: "applications"
        case .thread: "threads"
        case .certificate: "certificates"
        }
    }
}
