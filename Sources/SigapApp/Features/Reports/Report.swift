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
    /// An aspiration addressed to the DPRD: the commission it was routed to (`DPRDRouting`); its agency is the
    /// DPRD secretariat, which answers it under the category's promise.
    @OptionalField(key: "dprd_commission_id") var dprdCommissionID: UUID?
    @Field(key: "status") var status: ReportStatus
    @Field(key: "supporters_count") var supportersCount: Int
    @OptionalField(key: "rating") var rating: Int?
    @OptionalField(key: "rating_comment") var ratingComment: String?

    // reporter: an account, or a guest's contact (encrypted) and a private follow-up token (hashed)
    @OptionalField(key: "reporter_id") var reporterID: UUID?
    @OptionalField(key: "guest_contact_cipher") var guestContactCipher: String?
    @OptionalField(key: "follow_token_hash") var followTokenHash: String?
    /// The pendamping who filed it for the reporter (a citizen without a smartphone, who consented aloud).
    @OptionalField(key: "assisted_by_id") var assistedByID: UUID?

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

    // service level (see `ServiceLevel`); the sweep keeps `late`, the levels and `slaCheckAt` current
    @OptionalField(key: "clock_started_at") var clockStartedAt: Date?
    @OptionalField(key: "response_due_at") var responseDueAt: Date?
    @OptionalField(key: "resolution_due_at") var resolutionDueAt: Date?
    @OptionalField(key: "responded_at") var respondedAt: Date?
    @Field(key: "late") var late: Bool
    /// Shown to the public (lists, map, its page, the API) — with `privacy` allowing it. Set at filing or when
    /// staff first act on it, by `PublicationRule`; the reporter and staff see it either way.
    @Field(key: "published") var published: Bool
    @Field(key: "escalation_level") var escalationLevel: Int
    @Field(key: "resolution_late") var resolutionLate: Bool
    @OptionalField(key: "sla_check_at") var slaCheckAt: Date?

    init() {}

    /// Starts the current agency's clock: at filing and at each reassignment.
    func startClock(at now: Date, deadlines: ServiceLevel.Deadlines) {
        clockStartedAt = now
        responseDueAt = deadlines.response
        resolutionDueAt = deadlines.resolution
        respondedAt = nil
        late = false
        escalationLevel = 0
        resolutionLate = false
        slaCheckAt = deadlines.response
    }

    /// The agency answered (a public reply or a status change): the response deadline is met, or its lateness
    /// ends; only the resolution deadline is left to watch.
    func recordResponse(at now: Date) {
        guard respondedAt == nil else { return }
        respondedAt = now
        late = resolutionLate
        slaCheckAt = resolutionLate ? nil : resolutionDueAt
    }

    /// Where the report sits: its agency, kecamatan and desa (what scoped accounts are checked against).
    var place: Place {
        Place(agencyID: agencyID, kecamatanID: kecamatanID, desaID: desaID, commissionID: dprdCommissionID)
    }

    var subject: Subject { .report(id!) }

    var facts: ReportWorkflow.Facts {
        ReportWorkflow.Facts(status: status, agencyID: agencyID, resolvedAt: resolvedAt, rated: rating != nil)
    }
}
