import Foundation

/// Where a proposal comes from. Marked on every page and in every export (the national planning system asks
/// whether a line is from Musrenbang or pokir).
public enum ProposalSource: String, CaseIterable, Codable, Sendable {
    /// A citizen proposed it online.
    case citizen = "warga"
    /// A `petugas_desa` entered the result of the village meeting.
    case desaMeeting = "musdes"
    /// The kecamatan's own priority, added at its deliberation.
    case kecamatan = "kecamatan"
    /// A DPRD member's pokok-pokok pikiran from a reses (constituency visit).
    case pokir = "pokir"

    /// The stage a new proposal of this source starts in: pokir enter at the agency forum, the kecamatan's own
    /// priorities at the kecamatan, everything else at the desa.
    public var entryStage: ProposalStage {
        switch self {
        case .citizen, .desaMeeting: .atDesa
        case .kecamatan: .atKecamatan
        case .pokir: .atForum
        }
    }

    /// The phases in which a proposal of this source may be entered: until the deliberation it enters at ends.
    public var entryPhases: ClosedRange<MusrenbangCycle.Phase> {
        switch self {
        case .citizen: .proposals ... .proposals
        case .desaMeeting: .proposals ... .desa
        case .kecamatan: .proposals ... .kecamatan
        case .pokir: .proposals ... .agencyForum
        }
    }

    /// The source an account of `role` proposes as; nil for roles that do not propose. A pendamping enters a
    /// citizen's proposal for them (the citizen is the proposer).
    public static func of(_ role: Role) -> ProposalSource? {
        switch role {
        case .warga, .pendamping: .citizen
        case .petugasDesa: .desaMeeting
        case .petugasKecamatan: .kecamatan
        case .dprd: .pokir
        default: nil
        }
    }

    /// Who may enter a proposal of this source: a signed-in citizen; the officer of the desa, kecamatan or
    /// electoral district it concerns.
    public func mayEnter(_ actor: ProposalActor) -> Bool {
        switch self {
        case .citizen: actor.role == .warga
        case .desaMeeting: actor.role == .petugasDesa && actor.coversDesa
        case .kecamatan: actor.role == .petugasKecamatan && actor.coversKecamatan
        case .pokir: actor.role == .dprd && actor.coversDistrict
        }
    }
}

/// Groups of beneficiaries a proposal names (Permendagri 86/2017 asks the deliberations to weigh them).
public enum BeneficiaryGroup: String, CaseIterable, Codable, Sendable {
    case women = "perempuan"
    case children = "anak"
    case disabled = "disabilitas"
    case poor = "miskin"
    case elderly = "lansia"
}

/// What someone typed to propose a programme, before checks.
public struct ProposalDraft: Sendable, Equatable {
    public var catalogueCode: String?
    /// With a free-text proposal (no catalogue item).
    public var sector: String?
    public var title: String?
    public var problem: String?
    public var description: String?
    public var desaCode: String?
    public var rtRw: String?
    public var address: String?
    public var latitude: Double?
    public var longitude: Double?
    public var volume: String?
    public var unit: String?
    /// The estimated cost when it differs from unit cost × volume (or there is no unit cost).
    public var cost: String?
    public var costReason: String?
    public var beneficiaries: String?
    public var groups: [String]

    public init(
        catalogueCode: String? = nil, sector: String? = nil, title: String? = nil, problem: String? = nil,
        description: String? = nil, desaCode: String? = nil, rtRw: String? = nil, address: String? = nil,
        latitude: Double? = nil, longitude: Double? = nil, volume: String? = nil, unit: String? = nil,
        cost: String? = nil, costReason: String? = nil, beneficiaries: String? = nil, groups: [String] = []
    ) {
        self.catalogueCode = catalogueCode
        self.sector = sector
        self.title = title
        self.problem = problem
        self.description = description
        self.desaCode = desaCode
        self.rtRw = rtRw
        self.address = address
        self.latitude = latitude
        self.longitude = longitude
        self.volume = volume
        self.unit = unit
        self.cost = cost
        self.costReason = costReason
        self.beneficiaries = beneficiaries
        self.groups = groups
    }
}

/// A draft that passed every check that needs no database; `catalogue` is the item it picked, if any.
public struct CheckedProposal: Sendable, Equatable {
    public let catalogue: ProposalCatalogue.Item?
    public let sector: String
    public let title: String
    public let problem: String
    public let description: String
    public let desaCode: String?
    public let rtRw: String
    public let address: String
    public let location: GeoPoint?
    public let volume: Double
    public let unit: String
    public let cost: Int64
    /// Why the cost differs from unit cost × volume; nil when it does not.
    public let costReason: String?
    public let beneficiaries: Int
    public let groups: [BeneficiaryGroup]

    /// A free-text proposal: the kecamatan maps it to an agency.
    public var needsMapping: Bool { catalogue == nil }
}

public enum ProposalLimits {
    public static let title = 5...150
    public static let problem = 10...2000
    public static let description = 0...4000
    public static let address = 0...200
    public static let volume = 0.01...10_000_000.0
    public static let beneficiaries = 0...10_000_000
    public static let photos = 5
    /// Two proposals of the same item this close are likely the same (metres).
    public static let duplicateRadius = 300.0
    /// Duplicates are looked for in this cycle and the ones of the two plan years before.
    public static let duplicateYears = 2
}

public enum ProposalChecks {
    /// Checks a draft; field name → catalog key of the problem. `item` is the catalogue item the draft's code
    /// names (nil when unknown or not given); `needsDesa`: every source but pokir names a desa.
    public static func check(
        _ draft: ProposalDraft, item: ProposalCatalogue.Item?, needsDesa: Bool, region: BoundingBox
    ) -> Result<CheckedProposal, FieldProblems> {
        var problems: [String: String] = [:]
        let code = draft.catalogueCode?.trimmedOrNil
        if code != nil, item == nil { problems["catalogue"] = "proposal.catalogue_unknown" }
        let sector = item?.sector ?? draft.sector?.trimmedOrNil?.lowercased() ?? ""
        if item == nil, code == nil, !ProposalCatalogue.sectors.contains(sector) {
            problems["sector"] = "proposal.sector_required"
        }
        let title = ReportChecks.clean(draft.title ?? "", keepNewlines: false)
        if !ProposalLimits.title.contains(title.count) { problems["title"] = "proposal.title_length" }
        let problem = ReportChecks.clean(draft.problem ?? "", keepNewlines: true)
        if !ProposalLimits.problem.contains(problem.count) { problems["problem"] = "proposal.problem_length" }
        let description = ReportChecks.clean(draft.description ?? "", keepNewlines: true)
        if !ProposalLimits.description.contains(description.count) {
            problems["description"] = "proposal.description_length"
        }
        let desaCode = draft.desaCode?.trimmedOrNil
        if needsDesa, desaCode == nil { problems["desa"] = "proposal.desa_required" }
        let rtRw = ReportChecks.clean(draft.rtRw ?? "", keepNewlines: false)
        if rtRw.count > 20 { problems["rt_rw"] = "proposal.rt_rw_invalid" }
        let address = ReportChecks.clean(draft.address ?? "", keepNewlines: false)
        if !ProposalLimits.address.contains(address.count) { problems["address"] = "proposal.address_length" }
        var location: GeoPoint?
        switch (draft.latitude, draft.longitude) {
        case (nil, nil): break
        case (let lat?, let lon?):
            if let point = GeoPoint(latitude: lat, longitude: lon), region.contains(point) {
                location = point
            } else {
                problems["location"] = "report.location_outside"
            }
        default: problems["location"] = "report.location_incomplete"
        }
        let volume = Double(
            (draft.volume ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(
                of: ",", with: "."))
        if volume.map({ !ProposalLimits.volume.contains($0) }) ?? true {
            problems["volume"] = "proposal.volume_invalid"
        }
        let unit = item?.unit ?? draft.unit?.trimmedOrNil ?? ""
        if !ProposalCatalogue.units.contains(unit) { problems["unit"] = "proposal.unit_invalid" }
        // The catalogue's unit cost × volume, unless the proposer states another cost and why.
        let computed = item.flatMap { item in volume.map { Int64((Double(item.unitCost) * $0).rounded()) } }
        let typed = draft.cost?.trimmedOrNil
        let stated = typed.flatMap(Rupiah.parse)
        if typed != nil, stated == nil { problems["cost"] = "proposal.cost_invalid" }
        let reason = ReportChecks.clean(draft.costReason ?? "", keepNewlines: false)
        var cost = computed ?? 0
        var costReason: String?
        if let stated, stated != computed {
            if computed != nil, reason.count < 5 { problems["cost_reason"] = "proposal.cost_reason_required" }
            cost = stated
            costReason = computed == nil ? nil : String(reason.prefix(300))
        }
        if cost <= 0, problems["cost"] == nil, problems["volume"] == nil { problems["cost"] = "proposal.cost_required" }
        let beneficiaries = Int(
            (draft.beneficiaries?.trimmedOrNil ?? "0").replacingOccurrences(of: ".", with: ""))
        if beneficiaries.map({ !ProposalLimits.beneficiaries.contains($0) }) ?? true {
            problems["beneficiaries"] = "proposal.beneficiaries_invalid"
        }
        let groups = draft.groups.compactMap(BeneficiaryGroup.init(rawValue:))
        if groups.count != draft.groups.count { problems["groups"] = "proposal.groups_invalid" }
        guard problems.isEmpty, let volume, let beneficiaries else { return .failure(FieldProblems(fields: problems)) }
        return .success(
            CheckedProposal(
                catalogue: item, sector: sector, title: title, problem: problem, description: description,
                desaCode: desaCode, rtRw: rtRw, address: address, location: location, volume: volume, unit: unit,
                cost: cost, costReason: costReason, beneficiaries: beneficiaries,
                groups: BeneficiaryGroup.allCases.filter(groups.contains)))
    }
}

/// Likely duplicates: the same catalogue item in the same desa, or within `ProposalLimits.duplicateRadius`.
public enum ProposalDuplicates {
    public struct Candidate: Sendable, Equatable {
        public let catalogueCode: String?
        public let desaCode: String?
        public let location: GeoPoint?

        public init(catalogueCode: String?, desaCode: String?, location: GeoPoint?) {
            self.catalogueCode = catalogueCode
            self.desaCode = desaCode
            self.location = location
        }
    }

    /// Free-text proposals have no item to compare and are never called duplicates here (the kecamatan merges
    /// them by reading).
    public static func isLikelyDuplicate(_ new: Candidate, of existing: Candidate) -> Bool {
        guard let code = new.catalogueCode, code == existing.catalogueCode else { return false }
        if let desa = new.desaCode, desa == existing.desaCode { return true }
        if let a = new.location, let b = existing.location {
            return a.distance(to: b) <= ProposalLimits.duplicateRadius
        }
        return false
    }
}

extension String {
    fileprivate var trimmedOrNil: String? {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
