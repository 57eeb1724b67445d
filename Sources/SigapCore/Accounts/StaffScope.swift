import Foundation

/// The scope a staff account is given: the agency, kecamatan or desa its work is limited to — a `Place`, so a
/// scope and a record's place compare directly (`Actor.covers`). Checked against the role before saving.
public typealias StaffScope = Place

extension Place {
    public enum Problem: String, Error, Sendable {
        case agencyRequired = "staff.scope.agency_required"
        case kecamatanRequired = "staff.scope.kecamatan_required"
        case desaRequired = "staff.scope.desa_required"
        case electoralDistrictRequired = "staff.scope.district_required"
    }

    /// Keeps only the part of the scope the role uses, and says what is missing.
    public func normalised(for role: Role) -> Result<StaffScope, Problem> {
        switch role.scopeKind {
        case .agency:
            guard let agencyID else { return .failure(.agencyRequired) }
            return .success(StaffScope(agencyID: agencyID))
        case .kecamatan:
            guard let kecamatanID else { return .failure(.kecamatanRequired) }
            return .success(StaffScope(kecamatanID: kecamatanID))
        case .desa:
            guard let desaID else { return .failure(.desaRequired) }
            return .success(StaffScope(desaID: desaID))
        case .electoralDistrict:
            guard let electoralDistrictID else { return .failure(.electoralDistrictRequired) }
            return .success(StaffScope(electoralDistrictID: electoralDistrictID))
        case nil:
            // bappeda and inspektorat belong to an agency for display, but act kabupaten-wide.
            return .success(StaffScope(agencyID: role == .bappeda || role == .inspektorat ? agencyID : nil))
        }
    }
}
