import Crypto
import Foundation

/// Random secrets handed to people or browsers (session ids, CSRF tokens, one-time passwords, recovery codes).
public enum SecretToken {
    /// URL-safe base64 of `bytes` random bytes (32 bytes = 256 bits by default).
    public static func urlSafe(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let raw = Data((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        return raw.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Letters and digits that cannot be confused when read aloud or copied from paper (no 0/O, 1/I/L).
    public static let unambiguousAlphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    /// `count` characters from the unambiguous alphabet, grouped by `groupSize` with dashes for readability.
    public static func readable(count: Int, groupSize: Int = 4) -> String {
        var generator = SystemRandomNumberGenerator()
        let chars = (0..<count).map { _ in unambiguousAlphabet.randomElement(using: &generator)! }
        return stride(from: 0, to: count, by: groupSize)
            .map { String(chars[$0..<min($0 + groupSize, count)]) }
            .joined(separator: "-")
    }

    /// SHA-256 hex, for high-entropy secrets stored only as hashes (session ids, recovery codes).
    public static func digest(_ secret: String) -> String {
        Data(SHA256.hash(data: Data(secret.utf8))).hexString
    }

    /// Compares two secrets without leaking where they differ through timing.
    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) {
            difference |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return difference == 0
    }
}
