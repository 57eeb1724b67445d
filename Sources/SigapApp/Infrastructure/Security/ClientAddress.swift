import SigapCore
import Vapor

extension Request {
    /// The client's address for throttles: the socket's peer, or — when the peer is a trusted proxy — the
    /// right-most `X-Forwarded-For` entry that is not a trusted proxy (`TrustedProxies`). A request that came over
    /// no socket (the in-memory test client) counts as coming from loopback.
    var clientAddress: String {
        let peer = remoteAddress?.ipAddress ?? "127.0.0.1"
        return sigap.config.trustedProxies.clientAddress(
            peer: peer, forwardedFor: headers[.xForwardedFor].joined(separator: ","))
    }
}
