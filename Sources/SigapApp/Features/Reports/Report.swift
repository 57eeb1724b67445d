import Fluent
import Foundation
import SigapCore

/// A complaint or aspiration. Integer ids keep the hot indexes small; people only ever see `number`.
final class Report: Model, @unchecked Sendable {
    static let schema = "reports"

    // identity
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "number") var number: String

    // data
    @Field(key: "kind") var kind: ReportKind
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    @Field(key: "address") var address: String
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?
    @Field(key: "privacy") var privacy: ReportPrivacy
    @Field(key: "status") var status: ReportStatus
    @Field(key: "supporters_count") var supportersCount: Int
    @OptionalField(key: "rating") var rating: Int?
    @OptionalField(key: "rating_comment") var ratingComment: String?

    // reporter: an account, or a guest's contact (encrypted) and a private follow-up token (hashed)
    @OptionalField(key: "reporter_id") var reporterID: UUID?
    @OptionalField(key: "guest_contact_cipher") var guestContactCipher: String?
    @OptionalField(key: "follow_token_hash") var followTokenHash: String?

    // relations (ids only: the hot paths read them without joins)
    @Field(key: "category_id") var categoryID: UUID
    @Field(key: "agency_id") var agencyID: UUID
    @Field(key: "desa_id") var desaID: UUID
    @Field(key: "kecamatan_id") var kecamatanID: UUID
    @OptionalField(key: "merged_into_id") var mergedIntoID: Int?

    // time
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "resolved_at") var resolvedAt: Date?

    init() {}

    var facts: ReportWorkflow.Facts {
        ReportWorkflow.Facts(status: status, agencyID: agencyID, resolvedAt: resolvedAt, rated: rating != nil)
    }
}
