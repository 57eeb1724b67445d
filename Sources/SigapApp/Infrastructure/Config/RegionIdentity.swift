/// Whose platform a citizen is on: the government's name in the header and the page titles, and the office
/// that runs it in the footer (`SIGAP_REGION_NAME`, `SIGAP_OPERATOR_NAME`, `SIGAP_OPERATOR_CONTACT`). The
/// defaults name the demo kabupaten, so a fresh start never claims to be a real government.
public struct RegionIdentity: Sendable, Equatable {
    public var name = "Pemerintah Kabupaten Tanjung Mulia (demo)"
    public var operatorName = "Dinas Komunikasi dan Informatika (demo)"
    public var operatorContact = "pengaduan@demo.sigap.local · 0800-000-000"

    public init() {}

    public init(name: String, operatorName: String, operatorContact: String) {
        self.name = name
        self.operatorName = operatorName
        self.operatorContact = operatorContact
    }
}

/// When a new report appears publicly (`SIGAP_PUBLISH_REPORTS`).
public enum PublicationRule: String, Sendable {
    /// Once staff have verified it, or acted on it (assigned, started, answered, resolved): free text naming
    /// people is read by someone first. A report rejected unverified never appears.
    case afterVerification = "after_verification"
    /// As soon as it is filed.
    case onFiling = "on_filing"
}
