import Vapor

/// Headers every response carries. Pages load scripts, styles and images only from this site (and map tiles,
/// and Leaflet from its pinned CDN address when Debian's copy is not installed), may not be framed, and leak no
/// path to other sites.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    let https: Bool
    let contentSecurityPolicy: String

    init(https: Bool, map: AppConfig.MapSettings, leafletFromCDN: Bool) {
        self.https = https
        let cdn = leafletFromCDN ? " " + LeafletAssets.cdnOrigin : ""
        contentSecurityPolicy = [
            "default-src 'self'",
            "img-src 'self' data: \(Self.tileSource(map.tileURL))\(cdn)",
            "script-src 'self'\(cdn)",
            "style-src 'self'\(cdn)",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "manifest-src 'self'",
            "worker-src 'self'",
        ].joined(separator: "; ")
    }

    /// The tile server as a CSP source: `https://{s}.tile.example.org/…` → `https://*.tile.example.org`.
    static func tileSource(_ template: String) -> String {
        let host = template.replacingOccurrences(of: "{s}.", with: "*.")
        guard let scheme = host.range(of: "://") else { return "" }
        let rest = host[scheme.upperBound...]
        let authority = rest.prefix { $0 != "/" }
        return String(host[..<scheme.upperBound]) + authority
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers = [
            ("Content-Security-Policy", contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)"),
        ]
        for (name, value) in headers where !response.headers.contains(name: name) {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        if https {
            response.headers.replaceOrAdd(
                name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains")
        }
        return response
    }
}
