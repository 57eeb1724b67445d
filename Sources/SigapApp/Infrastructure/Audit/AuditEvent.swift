import Fluent
import Foundation

/// One line of the audit trail: who did what to which record, when. Never a password, NIK or phone number.
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "occurred_at") var occurredAt: Date
    @OptionalField(key: "actor_id") var actorID: UUID?
    @OptionalField(key: "actor_role") var actorRole: String?
    @Field(key: "action") var action: String
    @OptionalField(key: "subject_type") var subjectType: String?
    @OptionalField(key: "subject_id") var subjectID: String?
    /// Short, non-personal detail such as "opd_staf → opd_admin".
    @Field(key: "detail") var detail: String

    init() {}

    init(
        occurredAt: Date, actorID: UUID?, actorRole: String?, action: String, subjectType: String?,
        subjectID: String?, detail: String
    ) {
        self.occurredAt = occurredAt
        self.actorID = actorID
        self.actorRole = actorRole
        self.action = action
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.detail = detail
    }
}
