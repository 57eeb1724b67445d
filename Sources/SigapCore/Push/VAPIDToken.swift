import Crypto
import Foundation

/// Voluntary Application Server Identification (RFC 8292): a short-lived ES256 JWT naming the push service's
/// origin and a contact, signed with the server's key, so a push service knows who sends and accepts only
/// subscriptions made with this key.
public enum VAPIDToken {
    /// How long a token is good for; push services refuse more than 24 hours.
    public static let lifetime: TimeInterval = 12 * 3600

    /// The `Authorization` header's value for a message to `endpoint`.
    public static func authorization(
        endpoint: URL, subject: String, key: P256.Signing.PrivateKey, now: Date
    ) throws -> String {
        let token = try jwt(audience: origin(of: endpoint), subject: subject, key: key, now: now)
        return "vapid t=\(token), k=\(key.publicKey.x963Representation.base64URLEncoded)"
    }

    /// `scheme://host[:port]` of a URL: the JWT's audience.
    public static func origin(of url: URL) -> String {
        var origin = (url.scheme ?? "https") + "://" + (url.host ?? "")
        if let port = url.port { origin += ":\(port)" }
        return origin
    }

    static func jwt(audience: String, subject: String, key: P256.Signing.PrivateKey, now: Date) throws -> String {
        let header = #"{"typ":"JWT","alg":"ES256"}"#
        let claims: [String: String] = ["aud": audience, "sub": subject]
        let expiry = Int(now.addingTimeInterval(lifetime).timeIntervalSince1970)
        let claimsJSON = try JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys])
        // `exp` is a number; added by hand so the encoder's key order stays fixed.
        let body = String(decoding: claimsJSON.dropLast(), as: UTF8.self) + ",\"exp\":\(expiry)}"
        let signingInput = Data(header.utf8).base64URLEncoded + "." + Data(body.utf8).base64URLEncoded
        let signature = try key.signature(for: Data(signingInput.utf8))
        return signingInput + "." + signature.rawRepresentation.base64URLEncoded
    }
}
