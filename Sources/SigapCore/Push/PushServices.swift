import Foundation

/// Which push services Sigap posts to: a subscription's endpoint is an address a signed-in person hands the
/// server, so only the configured origins are accepted (`https://*.host` for any subdomain of host), never one
/// with a user part.
public enum PushServices {
    public static func allow(_ endpoint: String, _ services: [String]) -> Bool {
        guard let url = URL(string: endpoint), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(),
            url.user == nil
        else { return false }
        let origin = VAPIDToken.origin(of: url).lowercased()
        return services.contains { service in
            let service = service.lowercased()
            if let range = service.range(of: "://*.") {
                let suffix = "." + service[range.upperBound...]
                return service.hasPrefix(scheme + "://") && host.hasSuffix(suffix) && url.port == nil
            }
            return origin == service
        }
    }
}
