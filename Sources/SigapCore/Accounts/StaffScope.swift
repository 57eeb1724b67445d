import Foundation

/// The scope a staff account is given, checked against its role before the account is saved.
public struct StaffScope: Equatable, Sendable {
    public var agencyID: UUID?
    public var kecamatanID: UUID?
    public var desaID: UUID?

    public init(agencyID: UUID? = nil, kecamatanID: UUID? = nil, desaID: UUID? = nil) {
        self.agencyID = agencyID
        self.kecamatanID = kecamatanID
        self.desaID = desaID
    }

    public enum Problem: String, Error, Sendable {
        case agencyRequired = "staff.scope.agency_required"
        case kecamatanRequired = "staff.scope.kecamatan_required"
        case desaRequired = "staff.scope.desa_required"
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
        case nil:
            // bappeda and inspektorat belong to an agency for display, but act kabupaten-wide.
            return .success(StaffScope(agencyID: role == .bappeda || role == .inspektorat ? agencyID : nil))
        }
    }
}
