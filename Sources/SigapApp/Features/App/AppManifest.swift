import SigapCore
import Vapor

/// The web app manifest (W3C Web Application Manifest): what Android shows when Sigap is installed — the
/// region's name, the icons, the green bar, and shortcuts to what citizens do most.
struct AppManifest: Content {
    struct Icon: Content {
        let src: String
        let sizes: String
        let type: String
        let purpose: String
    }

    struct Shortcut: Content {
        let name: String
        let url: String
    }

    let name: String
    let short_name: String
    let description: String
    let lang: String
    let start_url: String
    let scope: String
    let id: String
    let display: String
    let background_color: String
    let theme_color: String
    let icons: [Icon]
    let shortcuts: [Shortcut]

    static func make(region: RegionIdentity, language: Language, catalog: Catalog) -> AppManifest {
        func t(_ key: String) -> String { catalog.text(key, language, []) }
        var icons = [Icon(src: SiteURL.favicon, sizes: "any", type: "image/svg+xml", purpose: "any")]
        for size in AppIcon.sizes {
            icons.append(Icon(src: "/icon-\(size).png", sizes: "\(size)x\(size)", type: "image/png", purpose: "any"))
            icons.append(
                Icon(
                    src: "/icon-maskable-\(size).png", sizes: "\(size)x\(size)", type: "image/png", purpose: "maskable")
            )
        }
        return AppManifest(
            name: "Sigap · " + region.name, short_name: "Sigap", description: t("home.intro"), lang: language.rawValue,
            start_url: "/?sumber=aplikasi", scope: "/", id: "/", display: "standalone", background_color: "#f7f9fa",
            theme_color: region.colour, icons: icons,
            shortcuts: [
                Shortcut(name: t("home.file_report"), url: SiteURL.fileReport),
                Shortcut(name: t("report.mine_title"), url: SiteURL.myReports),
                Shortcut(name: t("home.map"), url: SiteURL.map),
            ])
    }
}
