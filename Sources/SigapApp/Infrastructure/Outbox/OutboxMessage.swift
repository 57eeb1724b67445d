import Fluent
import Foundation
import SigapCore

/// A message someone should receive, written in the same transaction as the change that caused it.
/// `OutboxDelivery` claims due rows with a lease and records the outcome on the row.
final class OutboxMessage: Model, @unchecked Sendable {
    static let schema = "outbox_messages"

    enum Channel: String, Codable, Sendable, CaseIterable {
        case inApp = "in_app", email, whatsapp, telegram, push

        /// A guest's contact is reached on WhatsApp (a phone number) or by e-mail.
        static func reaching(_ contact: ContactIdentifier) -> Channel {
            switch contact {
            case .phone: .whatsapp
            case .email: .email
            }
        }
    }

    @ID(custom: "id", generatedBy: .database) var id: Int?
    // recipient: an account, or a guest's contact (encrypted like every phone number)
    @OptionalField(key: "recipient_user_id") var recipientUserID: UUID?
    @OptionalField(key: "recipient_contact_cipher") var recipientContactCipher: String?
    /// Who the row goes to, comparable across rows (`Outbox.Keys`): a guest contact's keyed look-up token, a
    /// chat's, or `user:<id>`. Counts messages per unverified contact and keeps one chat's replies in order.
    @OptionalField(key: "recipient_key") var recipientKey: String?
    @Field(key: "channel") var channel: Channel
    /// What happened (`EventKind`: its text and link come from `EventMessage`).
    @Field(key: "event") var event: EventKind
    /// What it happened to.
    @OptionalField(key: "subject_kind") var subjectKind: SubjectKind?
    @OptionalField(key: "subject_id") var subjectID: String?
    /// JSON with what the message template needs (number, status, short text).
    @Field(key: "payload") var payload: String
    @Field(key: "created_at") var createdAt: Date
    // delivery state
    @Field(key: "available_at") var availableAt: Date
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "lease_until") var leaseUntil: Date?
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "failed_at") var failedAt: Date?
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "read_at") var readAt: Date?
    @OptionalField(key: "lease_owner") var leaseOwner: String?
    @OptionalField(key: "external_id") var externalID: String?
    @OptionalField(key: "delivery_status") var deliveryStatus: String?

    init() {}

    /// The messages about `subject`, oldest first.
    static func about(_ subject: Subject, on db: any Database) -> QueryBuilder<OutboxMessage> {
        query(on: db).filter(\.$subjectKind == subject.kind).filter(\.$subjectID == subject.id).sort(\.$id)
    }

    var subject: Subject? { subjectKind.flatMap { kind in subjectID.map { Subject(kind, $0) } } }

    /// The columns a multi-row insert (`ReportBatchWriter`) writes, in order.
    static let insertColumns = [
        "recipient_user_id", "recipient_contact_cipher", "recipient_key", "channel", "event", "subject_kind",
        "subject_id", "payload",
        "created_at", "available_at", "attempts",
    ]

    /// The payload's fields (number, status, text, …); empty if it cannot be read.
    var payloadFields: [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(payload.utf8))) ?? [:]
    }
}
