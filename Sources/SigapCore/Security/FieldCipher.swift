import Crypto
import Foundation

public enum FieldCipherError: Error, Equatable, Sendable {
    case badKey
    case undecryptable
}

/// Encrypts personal fields (NIK, phone numbers, TOTP secrets) at rest with AES-GCM. The key lives outside the
/// database, so a copy of the database alone reveals nothing. `lookupToken` gives an HMAC "blind index" so an
/// encrypted value can still be found by equality (log-in by phone, one account per NIK) without decrypting rows.
public struct FieldCipher: Sendable {
    private let encryptionKey: SymmetricKey
    private let indexKey: SymmetricKey

    /// - Parameter key: 32 bytes of secret material; the two working keys are derived from it with HKDF so the
    ///   encryption key is never used for indexing.
    public init(key: SymmetricKey) throws {
        guard key.bitCount == 256 else { throw FieldCipherError.badKey }
        encryptionKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: key, info: Data("sigap field encryption v1".utf8), outputByteCount: 32)
        indexKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: key, info: Data("sigap field lookup v1".utf8), outputByteCount: 32)
    }

    /// Base64 of nonce ‖ ciphertext ‖ tag; a fresh random nonce every time, so equal inputs look different.
    public func seal(_ plaintext: String) throws -> String {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: encryptionKey)
        return box.combined!.base64EncodedString()
    }

    public func open(_ sealed: String) throws -> String {
        guard let data = Data(base64Encoded: sealed),
            let box = try? AES.GCM.SealedBox(combined: data),
            let plain = try? AES.GCM.open(box, using: encryptionKey),
            let text = String(data: plain, encoding: .utf8)
        else { throw FieldCipherError.undecryptable }
        return text
    }

    /// Deterministic keyed hash (hex) for equality look-ups; `purpose` keeps tokens of different fields apart.
    public func lookupToken(_ value: String, purpose: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data((purpose + "\u{0}" + value).utf8), using: indexKey)
        return Data(mac).hexString
    }
}

extension Data {
    /// Lower-case hex, two digits a byte; by hand, because `String(format:)` per byte showed in the profile of
    /// every signed-in request (the session id's digest).
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes = [UInt8]()
        bytes.reserveCapacity(count * 2)
        for byte in self {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
