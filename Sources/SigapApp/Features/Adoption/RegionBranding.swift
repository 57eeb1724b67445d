import Crypto
import Foundation
import Vapor

/// The region's colour and emblem on every page: `/tema.css` sets the accent colour (CSP allows no inline
/// style), `/lambang` serves the emblem `sigap init` stored. Both are versioned by their content, so a change
/// reaches browsers at once while the files stay cacheable.
struct RegionBranding: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.open("the region's colours and emblem, as public as the pages they brand")
        open.get("tema.css", use: theme)
        open.get("lambang", use: emblem)
    }

    static func css(_ region: RegionIdentity) -> String {
        ":root { --accent: \(region.colour); }\n"
    }

    /// The `<head>` lines: theme colour for the phone's bar, the region's colours when not Sigap's own.
    static func headLinks(_ region: RegionIdentity) -> HTML {
        let meta: HTML = "<meta name=\"theme-color\" content=\"\(region.colour)\">"
        guard region.colour != RegionIdentity.defaultColour else { return meta }
        return "\(meta)\n<link rel=\"stylesheet\" href=\"\(SiteURL.theme)?v=\(version(css(region)))\">"
    }

    /// The emblem beside the name in the header; nothing without one (the name says enough).
    static func headerEmblem(_ region: RegionIdentity) -> HTML {
        region.logoFile == nil ? "" : "<img src=\"\(SiteURL.emblem)\" alt=\"\" height=\"40\">"
    }

    /// The emblem (or Sigap's mark) at `height` px, for the front page, guides and certificates.
    static func emblem(_ region: RegionIdentity, height: Int) -> HTML {
        let source = region.logoFile == nil ? SiteURL.favicon : SiteURL.emblem
        return "<img src=\"\(source)\" height=\"\(height)\" alt=\"\" class=\"emblem\">"
    }

    static func version(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
    }

    func theme(req: Request) -> Response {
        let response = Response(status: .ok, body: .init(string: Self.css(req.sigap.config.region)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=86400")
        return response
    }

    func emblem(req: Request) async throws -> Response {
        guard let file = req.sigap.config.region.logoFile, let type = RegionIdentity.logoType(of: file),
            let data = FileManager.default.contents(atPath: file)
        else { throw Abort(.notFound) }
        let response = Response(status: .ok, body: .init(data: data))
        let parts = type.split(separator: "/")
        response.headers.contentType = HTTPMediaType(type: String(parts[0]), subType: String(parts[1]))
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        // An SVG is a document: it may show itself, never run a script or load anything.
        response.headers.replaceOrAdd(
            name: "Content-Security-Policy", value: "default-src 'none'; style-src 'unsafe-inline'")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }
}
