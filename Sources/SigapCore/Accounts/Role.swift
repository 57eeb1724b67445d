/// The roles of DESIGN.md. A staff account carries exactly one role and, for some roles, a scope.
public enum Role: String, CaseIterable, Codable, Sendable {
    case warga
    case petugasDesa = "petugas_desa"
    case petugasKecamatan = "petugas_kecamatan"
    case opdStaf = "opd_staf"
    case opdAdmin = "opd_admin"
    case bappeda
    case inspektorat
    case pimpinan
    case moderator
    /// A member of the regional council (DPRD), scoped to an electoral district: records pokir from reses.
    case dprd
    /// A village facilitator, RT/RW head or PKK cadre, scoped to a desa: files for citizens without a
    /// smartphone (with their consent) and runs practice sessions.
    case pendamping
    case admin

    /// Every role but `warga` is staff and must use two-factor login.
    public var isStaff: Bool { self != .warga }

    /// What a staff account of this role is scoped to; `nil` means the whole kabupaten.
    public var scopeKind: ScopeKind? {
        switch self {
        case .petugasDesa, .pendamping: .desa
        case .petugasKecamatan: .kecamatan
        case .opdStaf, .opdAdmin: .agency
        case .dprd: .electoralDistrict
        case .warga, .bappeda, .inspektorat, .pimpinan, .moderator, .admin: nil
        }
    }

    public static var staffRoles: [Role] { allCases.filter(\.isStaff) }
}

public enum ScopeKind: String, Codable, Sendable {
    case agency, kecamatan, desa
    /// A DPRD electoral district (daerah pemilihan): a set of kecamatan.
    case electoralDistrict = "dapil"
}
