import Vapor

extension Request {
    /// The client's address for throttling. Behind a reverse proxy (`SIGAP_TRUST_PROXY=true`) it is the first
    /// `X-Forwarded-For` entry; otherwise the socket peer, so a client cannot pick its own address.
    var clientAddress: String {
        if sigap.config.trustProxy,
            let forwarded = headers.first(name: .xForwardedFor)?.split(separator: ",").first
        {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}
