/// The life of a report (DESIGN.md, capability 1).
public enum ReportStatus: String, CaseIterable, Codable, Sendable {
    case diterima
    case diverifikasi
    case didisposisikan
    case diproses
    case selesai
    case ditutup
    case ditolak
    case dibukaKembali = "dibuka_kembali"

    /// States in which the agency still owes the reporter something.
    public var isOpen: Bool {
        switch self {
        case .diterima, .diverifikasi, .didisposisikan, .diproses, .dibukaKembali: true
        case .selesai, .ditutup, .ditolak: false
        }
    }

    public static var openStatuses: [ReportStatus] { allCases.filter(\.isOpen) }
}

public enum ReportKind: String, CaseIterable, Codable, Sendable {
    case pengaduan, aspirasi
}

/// Who may see what of a report.
public enum ReportPrivacy: String, CaseIterable, Codable, Sendable {
    /// The default: the report is public, the reporter's name is shown only to staff.
    case publik
    /// The reporter's identity is hidden from staff and the public.
    case anonim
    /// The report never appears on public pages, lists, maps or APIs.
    case rahasia

    public var isPublic: Bool { self != .rahasia }
    public var staffSeeReporter: Bool { self != .anonim }
}
