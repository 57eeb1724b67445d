import Foundation

/// Where a record sits in the region's organisation: the agency that handles it and the kecamatan and desa it
/// concerns. A scoped account acts only on records whose place its scope covers (`Actor.covers`).
public struct Place: Sendable, Equatable {
    public var agencyID: UUID?
    public var kecamatanID: UUID?
    public var desaID: UUID?
    /// The DPRD electoral district its kecamatan belongs to.
    public var electoralDistrictID: UUID?
    /// The DPRD commission an aspiration to the council is routed to.
    public var commissionID: UUID?

    public init(
        agencyID: UUID? = nil, kecamatanID: UUID? = nil, desaID: UUID? = nil, electoralDistrictID: UUID? = nil,
        commissionID: UUID? = nil
    ) {
        self.agencyID = agencyID
        self.kecamatanID = kecamatanID
        self.desaID = desaID
        self.electoralDistrictID = electoralDistrictID
        self.commissionID = commissionID
    }
}

/// The part of the region an account's work is limited to, derived from its role and scope.
public enum Area: Sendable, Equatable {
    /// Kabupaten-wide roles.
    case region
    case agency(UUID)
    case kecamatan(UUID)
    case desa(UUID)
    case electoralDistrict(UUID)
    /// A scoped role whose scope is missing: covers nothing (fail closed).
    case nothing
}

extension Actor {
    /// The area the account works in: an agency's staff their agency, a `petugas_kecamatan` its kecamatan, a
    /// `petugas_desa` its desa, everyone else the whole region.
    public var area: Area {
        switch role.scopeKind {
        case .agency: agencyID.map(Area.agency) ?? .nothing
        case .kecamatan: kecamatanID.map(Area.kecamatan) ?? .nothing
        case .desa: desaID.map(Area.desa) ?? .nothing
        case .electoralDistrict: electoralDistrictID.map(Area.electoralDistrict) ?? .nothing
        case nil: .region
        }
    }

    /// Whether the account's area contains `place`. A desa lies in its kecamatan, so a `petugas_kecamatan`
    /// covers every desa of it (the place carries both ids).
    public func covers(_ place: Place) -> Bool {
        switch area {
        case .region: true
        case .agency(let id): place.agencyID == id
        case .kecamatan(let id): place.kecamatanID == id
        case .desa(let id): place.desaID == id
        case .electoralDistrict(let id): place.electoralDistrictID == id
        case .nothing: false
        }
    }
}
