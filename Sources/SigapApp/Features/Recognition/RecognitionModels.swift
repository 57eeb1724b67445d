import Fluent
import Foundation
import SigapCore

/// One line of a citizen's points: what earned (or took back) how many, from which record.
final class PointsEntry: Model, @unchecked Sendable {
    static let schema = "points_entries"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "points") var points: Int
    @Field(key: "reason") var reason: PointsRules.Reason
    @Field(key: "source_kind") var sourceKind: PointsRules.Source
    @Field(key: "source_key") var sourceKey: String
    /// Where the source is, for the kecamatan leaderboards.
    @OptionalField(key: "kecamatan_id") var kecamatanID: UUID?
    @OptionalField(key: "once_key") var onceKey: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A "Warga Peduli" award for a period: its title and citation, given to one or more citizens.
final class Award: Model, @unchecked Sendable {
    static let schema = "awards"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "title") var title: String
    @Field(key: "citation") var citation: String
    /// The period it recognises, as civil days ("2026-11-01").
    @Field(key: "period_from") var periodFrom: String
    @Field(key: "period_to") var periodTo: String
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A certificate of an award to one citizen: the fields its credential states, and the credential's proof. The
/// credential is rebuilt from these fields whenever it is shown or downloaded, so a changed field shows as a
/// broken signature.
final class Certificate: Model, @unchecked Sendable {
    static let schema = "certificates"

    @ID(key: .id) var id: UUID?
    @Field(key: "number") var number: String
    @Field(key: "award_id") var awardID: Int
    @Field(key: "recipient_id") var recipientID: UUID
    @Field(key: "recipient_name") var recipientName: String
    @Field(key: "title") var title: String
    @Field(key: "citation") var citation: String
    @Field(key: "issuer_name") var issuerName: String
    /// The site's address when it was issued: the credential's ids and the key's address start with it.
    @Field(key: "issuer_url") var issuerURL: String
    @Field(key: "valid_from") var validFrom: String
    @Field(key: "key_id") var keyID: String
    @Field(key: "proof_created") var proofCreated: String
    @Field(key: "proof_value") var proofValue: String
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @OptionalField(key: "revoked_reason") var revokedReason: String?
    @OptionalField(key: "revoked_by") var revokedBy: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
