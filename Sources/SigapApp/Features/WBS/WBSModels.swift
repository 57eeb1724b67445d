import Fluent
import Foundation
import SigapCore

/// A whistleblowing case. Readable only with the inspectorate key: `wrapped_key` opens the case key, which
/// opens the content, messages and files.
final class WBSCase: Model, @unchecked Sendable {
    static let schema = "wbs_cases"

    @ID(key: .id) var id: UUID?
    @Field(key: "receipt_hash") var receiptHash: String
    @Field(key: "wrapped_key") var wrappedKey: String
    @Field(key: "type") var type: WBSType
    @Field(key: "status") var status: WBSStatus
    @Field(key: "content_cipher") var contentCipher: String
    @OptionalField(key: "identity_cipher") var identityCipher: String?
    @OptionalField(key: "decline_reason_cipher") var declineReasonCipher: String?
    @OptionalField(key: "assigned_to") var assignedTo: UUID?
    /// Dates only (`yyyy-mm-dd`): no time of anything the reporter did is kept.
    @Field(key: "filed_on") var filedOn: String
    @Field(key: "updated_on") var updatedOn: String
    @OptionalField(key: "closed_on") var closedOn: String?

    init() {}
}

/// What the reporter filed, sealed as one JSON document.
struct WBSContent: Codable {
    var official: String
    var when: String
    var place: String
    var what: String
    var contact: String
}

final class WBSMessage: Model, @unchecked Sendable {
    static let schema = "wbs_messages"

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "from_reporter") var fromReporter: Bool
    @OptionalField(key: "author_id") var authorID: UUID?
    @Field(key: "body_cipher") var bodyCipher: String
    @Field(key: "sent_on") var sentOn: String
    /// Order within the case (dates alone cannot order two messages of one day).
    @Field(key: "serial") var serial: Int

    init() {}
}

final class WBSFile: Model, @unchecked Sendable {
    static let schema = "wbs_files"

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "from_reporter") var fromReporter: Bool
    @Field(key: "name_cipher") var nameCipher: String
    @Field(key: "content_type") var contentType: String
    /// Random file name under `DATA_DIR/uploads/wbs/`; the file holds the sealed bytes.
    @Field(key: "stored_name") var storedName: String
    @Field(key: "added_on") var addedOn: String

    init() {}
}
