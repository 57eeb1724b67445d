import Foundation
import SigapCore

/// Whose platform a citizen is on: the government's name in the header and the page titles, and the office
/// that runs it in the footer (`SIGAP_REGION_NAME`, `SIGAP_OPERATOR_NAME`, `SIGAP_OPERATOR_CONTACT`), with
/// its kind, code, colour and emblem (`SIGAP_REGION_KIND`, `_CODE`, `_COLOUR`, `_LOGO`; `sigap init` writes
/// them). The defaults name the demo kabupaten, so a fresh start never claims to be a real government.
public struct RegionIdentity: Sendable, Equatable {
    public static let defaultColour = "#0b6e4f"

    public var name = "Pemerintah Kabupaten Tanjung Mulia (demo)"
    public var operatorName = "Dinas Komunikasi dan Informatika (demo)"
    public var operatorContact = "pengaduan@demo.sigap.local · 0800-000-000"
    public var kind = RegionKind.kabupaten
    /// The kabupaten/kota's Kemendagri code (`12.07`): imported kecamatan and desa must lie in it.
    public var code: KemendagriCode?
    /// The header's, buttons' and app icon's colour (white text must stay readable on it).
    public var colour = RegionIdentity.defaultColour
    /// A PNG, JPEG or SVG file with the region's emblem, shown in the header, on the front page, on printed
    /// guides and on certificates; nil: Sigap's own mark.
    public var logoFile: String?
    /// The WhatsApp number citizens write to, as printed on posters (`SIGAP_WHATSAPP_PUBLIC_NUMBER`).
    public var whatsappNumber: String?

    public init() {}

    public init(name: String, operatorName: String, operatorContact: String) {
        self.name = name
        self.operatorName = operatorName
        self.operatorContact = operatorContact
    }
}

extension RegionIdentity {
    /// The logo's media type by its file name; nil when the file is not a kind pages can show.
    static func logoType(of path: String) -> String? {
        switch (path as NSString).pathExtension.lowercased() {
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "svg": "image/svg+xml"
        default: nil
        }
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
