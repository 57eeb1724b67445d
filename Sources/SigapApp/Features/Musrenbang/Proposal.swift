import Fluent
import Foundation
import SigapCore

/// A development proposal of a Musrenbang cycle, from its entry to the plan and the work on the ground. Its
/// stage moves only through `ProposalDecisions` (the stage machine is `ProposalWorkflow` in SigapCore); every
/// step is a `HistoryEvent` of `Subject.proposal`.
final class Proposal: Model, @unchecked Sendable {
    static let schema = "proposals"

    // identity
    @ID(key: .id) var id: UUID?
    /// "MR-2027-00042": the plan year and the cycle's running number.
    @Field(key: "number") var number: String
    @Field(key: "cycle_id") var cycleID: UUID
    @Field(key: "sequence") var sequence: Int
    @Field(key: "source") var source: ProposalSource

    // where it stands
    @Field(key: "stage") var stage: ProposalStage
    @OptionalField(key: "returned_at") var returnedAt: ProposalLevel?
    @Field(key: "version") var version: Int
    @Field(key: "supporters_count") var supportersCount: Int
    @OptionalField(key: "desa_rank") var desaRank: Int?
    @OptionalField(key: "kecamatan_rank") var kecamatanRank: Int?
    @OptionalField(key: "feasible_amount") var feasibleAmount: Int64?
    @OptionalField(key: "plan_amount") var planAmount: Int64?
    @OptionalField(key: "programme_code") var programmeCode: String?
    @OptionalField(key: "merged_into_id") var mergedIntoID: UUID?
    @OptionalField(key: "carried_from_id") var carriedFromID: UUID?
    @OptionalField(key: "carried_into_id") var carriedIntoID: UUID?

    // what is proposed
    @OptionalField(key: "catalogue_code") var catalogueCode: String?
    @Field(key: "sector") var sector: String
    @OptionalField(key: "agency_id") var agencyID: UUID?
    /// A free-text proposal the kecamatan has not mapped to an agency yet.
    @Field(key: "needs_mapping") var needsMapping: Bool
    @Field(key: "title") var title: String
    @Field(key: "problem") var problem: String
    @Field(key: "description") var description: String
    @Field(key: "kecamatan_id") var kecamatanID: UUID
    @OptionalField(key: "desa_id") var desaID: UUID?
    @Field(key: "rt_rw") var rtRw: String
    @Field(key: "address") var address: String
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?
    @Field(key: "volume") var volume: Double
    @Field(key: "unit") var unit: String
    @Field(key: "estimated_cost") var estimatedCost: Int64
    @OptionalField(key: "cost_reason") var costReason: String?
    @Field(key: "beneficiaries") var beneficiaries: Int
    @Field(key: "beneficiary_groups") var beneficiaryGroups: String

    // who
    @OptionalField(key: "proposer_id") var proposerID: UUID?
    /// The pendamping who entered it for the citizen proposer (`proposals_assisted_by_idx`).
    @OptionalField(key: "assisted_by_id") var assistedByID: UUID?
    @OptionalField(key: "reses_date") var resesDate: String?
    @OptionalField(key: "reses_place") var resesPlace: String?

    // after the plan
    @OptionalField(key: "realisation_status") var realisationStatus: RealisationStatus?
    @OptionalField(key: "realisation_progress") var realisationProgress: Int?
    @OptionalField(key: "realisation_started") var realisationStarted: String?
    @OptionalField(key: "realisation_finished") var realisationFinished: String?

    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var subject: Subject { Subject(.proposal, number) }

    /// Acts as the proposer — revises or withdraws: the proposer, or the pendamping who entered it for them.
    func isProposer(_ userID: UUID?) -> Bool {
        guard let userID else { return false }
        return proposerID == userID || assistedByID == userID
    }

    var location: GeoPoint? {
        guard let latitude, let longitude else { return nil }
        return GeoPoint(latitude: latitude, longitude: longitude)
    }

    var groups: [BeneficiaryGroup] {
        beneficiaryGroups.split(separator: ",").compactMap { BeneficiaryGroup(rawValue: String($0)) }
    }

    /// The proposal's place for `Policy`: its agency, kecamatan, desa and the kecamatan's electoral district.
    func place(_ reference: ReferenceCache.Snapshot) -> Place {
        Place(
            agencyID: agencyID, kecamatanID: kecamatanID, desaID: desaID,
            electoralDistrictID: reference.electoralDistricts[kecamatanID])
    }

    /// Writes the checked fields (a new proposal, or a revision).
    func fill(from checked: CheckedProposal, agencyID: UUID?, kecamatanID: UUID, desaID: UUID?) {
        catalogueCode = checked.catalogue?.code
        sector = checked.sector
        self.agencyID = agencyID
        needsMapping = agencyID == nil
        title = checked.title
        problem = checked.problem
        description = checked.description
        self.kecamatanID = kecamatanID
        self.desaID = desaID
        rtRw = checked.rtRw
        address = checked.address
        latitude = checked.location?.latitude
        longitude = checked.location?.longitude
        volume = checked.volume
        unit = checked.unit
        estimatedCost = checked.cost
        costReason = checked.costReason
        beneficiaries = checked.beneficiaries
        beneficiaryGroups = checked.groups.map(\.rawValue).joined(separator: ",")
    }

    static func number(planYear: Int, sequence: Int) -> String {
        "MR-\(planYear)-" + String(repeating: "0", count: max(0, 5 - String(sequence).count)) + String(sequence)
    }
}

/// Every version of a proposal's content, kept when it is revised (the first is the entry).
final class ProposalVersion: Model, @unchecked Sendable {
    static let schema = "proposal_versions"

    struct Content: Codable, Equatable {
        let title: String
        let problem: String
        let description: String
        let volume: Double
        let unit: String
        let estimatedCost: Int64
        let costReason: String?
        let address: String
        let rtRw: String
        let beneficiaries: Int

        init(_ p: Proposal) {
            title = p.title
            problem = p.problem
            description = p.description
            volume = p.volume
            unit = p.unit
            estimatedCost = p.estimatedCost
            costReason = p.costReason
            address = p.address
            rtRw = p.rtRw
            beneficiaries = p.beneficiaries
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "proposal_id") var proposalID: UUID
    @Field(key: "version") var version: Int
    @OptionalField(key: "author_id") var authorID: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "content") var content: String

    init() {}

    init(of proposal: Proposal, author: UUID?, at: Date) throws {
        proposalID = proposal.id!
        version = proposal.version
        authorID = author
        createdAt = at
        content = String(decoding: try JSONEncoder().encode(Content(proposal)), as: UTF8.self)
    }

    var decoded: Content? { try? JSONDecoder().decode(Content.self, from: Data(content.utf8)) }
}

/// A citizen's support of a proposal: one per account and proposal (unique index).
final class ProposalSupport: Model, @unchecked Sendable {
    static let schema = "proposal_supports"

    @ID(key: .id) var id: UUID?
    @Field(key: "proposal_id") var proposalID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(proposalID: UUID, userID: UUID, at: Date) {
        self.proposalID = proposalID
        self.userID = userID
        createdAt = at
    }
}

/// A file of a proposal: a photo of the place, the village meeting's minutes or attendance list, or a photo of
/// the work done. Stored through the file store (`FilePurpose.proposalFile`).
final class ProposalFile: Model, @unchecked Sendable {
    static let schema = "proposal_files"

    enum Kind: String, Codable, CaseIterable {
        case photo = "foto"
        case minutes = "berita_acara"
        case attendance = "daftar_hadir"
        case realisation = "realisasi"

        /// Minutes and attendance lists are documents; the others pictures.
        var acceptsPDF: Bool { self == .minutes || self == .attendance }
        /// Everything but the attendance list is public (`Action.readAttendanceList`).
        var isPublic: Bool { self != .attendance }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "proposal_id") var proposalID: UUID
    @Field(key: "kind") var kind: Kind
    @Field(key: "stored_name") var storedName: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "byte_count") var byteCount: Int
    @OptionalField(key: "uploaded_by") var uploadedBy: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// The delegates a desa sends to the kecamatan deliberation, recorded by its officer.
final class MusrenbangDelegates: Model, @unchecked Sendable {
    static let schema = "musrenbang_delegates"

    @ID(key: .id) var id: UUID?
    @Field(key: "cycle_id") var cycleID: UUID
    @Field(key: "desa_id") var desaID: UUID
    @Field(key: "names") var names: String
    @OptionalField(key: "recorded_by") var recordedBy: UUID?
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}

/// A DPRD electoral district (daerah pemilihan): the kecamatan a council member represents.
final class ElectoralDistrict: Model, @unchecked Sendable {
    static let schema = "electoral_districts"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String

    init() {}

    init(id: UUID? = nil, code: String, name: String) {
        self.id = id
        self.code = code
        self.name = name
    }
}
