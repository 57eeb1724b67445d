import Crypto
import Foundation
import SigapCore

/// The server's VAPID key (RFC 8292): `SIGAP_VAPID_KEY`, or `vapid.key` in the data folder, made on first start.
/// Losing it costs little: each device turns notifications on again (its subscription names the old key).
enum PushKey {
    static func load(_ config: AppConfig) throws -> P256.Signing.PrivateKey {
        let secret = try SecretStore.key(
            named: "vapid.key", fromEnvironment: config.push.key, dataDirectory: config.dataDirectory)
        do {
            return try secret.withUnsafeBytes { try P256.Signing.PrivateKey(rawRepresentation: Data($0)) }
        } catch {
            // 32 random bytes are a valid P-256 key but for a chance of about 2^-32.
            throw SecretStore.Failure(description: "vapid.key: not a P-256 private key; delete it to make a new one")
        }
    }
}
