import Fluent
import Foundation
import SigapCore

/// One line of a subject's history: a report's timeline today, a proposal's, an application's or a thread's
/// next. Written in the transaction of the change it records; never edited.
final class HistoryEvent: Model, @unchecked Sendable {
    static let schema = "history_events"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "subject_kind") var subjectKind: SubjectKind
    @Field(key: "subject_id") var subjectID: String
    @Field(key: "occurred_at") var occurredAt: Date
    @Field(key: "kind") var kind: HistoryKind
    @Field(key: "visibility") var visibility: HistoryVisibility
    @OptionalField(key: "actor_id") var actorID: UUID?
    @OptionalField(key: "actor_role") var actorRole: String?
    /// The subject's state before and after, as its own type spells it (a report's `ReportStatus`).
    @OptionalField(key: "from_state") var fromState: String?
    @OptionalField(key: "to_state") var toState: String?
    @Field(key: "body") var body: String

    init() {}

    init(
        _ subject: Subject, at: Date, kind: HistoryKind, visibility: HistoryVisibility, actor: User?,
        from: String? = nil, to: String? = nil, body: String = ""
    ) {
        self.subjectKind = subject.kind
        self.subjectID = subject.id
        self.occurredAt = at
        self.kind = kind
        self.visibility = visibility
        self.actorID = actor?.id
        self.actorRole = actor?.role.rawValue
        self.fromState = from
        self.toState = to
        self.body = body
    }

    var subject: Subject { Subject(subjectKind, subjectID) }

    /// The history of `subject`, oldest first (`history_subject_idx`).
    static func of(_ subject: Subject, on db: any Database) -> QueryBuilder<HistoryEvent> {
        query(on: db).filter(\.$subjectKind == subject.kind).filter(\.$subjectID == subject.id).sort(\.$id)
    }

    /// The columns a multi-row insert (`ReportBatchWriter`) writes, in order.
    static let insertColumns = [
        "subject_kind", "subject_id", "occurred_at", "kind", "visibility", "actor_id", "actor_role", "from_state",
        "to_state", "body",
    ]
}

extension HistoryEvent {
    /// A line of a report's timeline.
    convenience init(
        report: Report, at: Date, kind: HistoryKind, visibility: HistoryVisibility, actor: User?,
        from: ReportStatus? = nil, to: ReportStatus? = nil, body: String = ""
    ) {
        self.init(
            .report(report.id!), at: at, kind: kind, visibility: visibility, actor: actor, from: from?.rawValue,
            to: to?.rawValue, body: body)
    }

    var toStatus: ReportStatus? { toState.flatMap(ReportStatus.init(rawValue:)) }
}
