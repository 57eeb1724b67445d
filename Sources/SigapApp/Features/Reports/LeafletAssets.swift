import Foundation
import Vapor

/// Leaflet for the maps: Debian's `libjs-leaflet` files, served from this site under `/vendor/leaflet/`, when
/// they are installed; otherwise the pinned release from unpkg with its Subresource Integrity hashes (the
/// browser refuses a changed file). Either way the pages load it only to enhance the server-drawn map.
enum LeafletAssets {
    static let cdnOrigin = "https://unpkg.com"
    static let cdnScript = "https://unpkg.com/leaflet@1.9.4/dist/leaflet.js"
    static let cdnStyle = "https://unpkg.com/leaflet@1.9.4/dist/leaflet.css"
    // From leafletjs.com/download for 1.9.4.
    static let cdnScriptIntegrity = "sha256-20nQCchB9co0qIjJZRGuk2/Z9VM+kNiyxNV1lvTlZBo="
    static let cdnStyleIntegrity = "sha256-p4NxAoJBhIIN+hmNHrzRCf9tD/miZyoHS5obTRR9BMY="
    static let localPrefix = "/vendor/leaflet/"

    static func installed(in directory: String) -> Bool {
        FileManager.default.fileExists(atPath: directory + "/leaflet.js")
    }

    /// The map's settings for `peta.js`, as data attributes of its container: tiles, their credit, and where
    /// Leaflet comes from. The script loads Leaflet only once the page is shown, so the page itself stays light.
    static func attributes(_ page: Page) -> HTML {
        let config = page.request.sigap.config.map
        let source: HTML =
            installed(in: config.leafletDirectory)
            ? "data-leaflet-js=\"\(localPrefix)leaflet.js\" data-leaflet-css=\"\(localPrefix)leaflet.css\""
            : "data-leaflet-js=\"\(cdnScript)\" data-leaflet-js-integrity=\"\(cdnScriptIntegrity)\" data-leaflet-css=\"\(cdnStyle)\" data-leaflet-css-integrity=\"\(cdnStyleIntegrity)\""
        return "data-tiles=\"\(config.tileURL)\" data-attribution=\"\(config.attribution)\" \(source)"
    }
}

/// `/vendor/leaflet/…`: Debian's Leaflet files (script, style, marker images), when installed.
struct LeafletController: RouteCollection {
    static let files: [String: HTTPMediaType] = [
        "leaflet.js": .init(type: "text", subType: "javascript"), "leaflet.css": .css,
        "images/marker-icon.png": .png, "images/marker-icon-2x.png": .png, "images/marker-shadow.png": .png,
        "images/layers.png": .png, "images/layers-2x.png": .png,
    ]

    func boot(routes: any RoutesBuilder) throws {
        let open = routes.open("Leaflet's files from Debian's libjs-leaflet")
        open.get("vendor", "leaflet", "**", use: file)
    }

    func file(req: Request) async throws -> Response {
        let name = req.parameters.getCatchall().joined(separator: "/")
        guard let type = Self.files[name] else { throw AppError.notFound() }
        let directory = req.sigap.config.map.leafletDirectory
        // Debian ships the readable source as leaflet.js and the minified one beside it: send the small one.
        let minified = directory + "/leaflet.min.js"
        let path =
            name == "leaflet.js" && FileManager.default.fileExists(atPath: minified) ? minified : directory + "/" + name
        guard FileManager.default.fileExists(atPath: path) else { throw AppError.notFound() }
        let response = try await req.fileio.asyncStreamFile(at: path)
        response.headers.contentType = type
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=86400")
        return response
    }
}
