import Crypto
import Foundation

/// A browser's push subscription: where its push service takes messages, and the keys only that browser can
/// open them with (`PushSubscription.toJSON()`).
public struct PushSubscriptionKeys: Sendable, Equatable {
    /// The browser's P-256 public key, uncompressed (65 bytes, `keys.p256dh`).
    public let p256dh: Data
    /// The 16-byte authentication secret (`keys.auth`).
    public let auth: Data

    /// From the base64url text a browser gives; nil when either key has the wrong shape.
    public init?(p256dh: String, auth: String) {
        guard let key = Data(base64URLEncoded: p256dh), key.count == 65, key.first == 0x04,
            (try? P256.KeyAgreement.PublicKey(x963Representation: key)) != nil,
            let secret = Data(base64URLEncoded: auth), secret.count == 16
        else { return nil }
        self.p256dh = key
        self.auth = secret
    }
}

/// Message encryption for Web Push (RFC 8291) in the `aes128gcm` content coding (RFC 8188), one record: the push
/// service relays bytes it cannot read, and only the subscribed browser opens them.
public enum WebPushEncryption {
    /// Push services accept at least 4096 bytes of body; the header (86) and tag (16) and delimiter come out of it.
    public static let maxPlaintext = 3993
    static let recordSize: UInt32 = 4096

    public enum Failure: Error, Equatable {
        case tooLong
    }

    /// Encrypts `plaintext` for `keys` with a fresh ephemeral key and salt (never reuse either).
    public static func encrypt(_ plaintext: Data, for keys: PushSubscriptionKeys) throws -> Data {
        var salt = Data(count: 16)
        for index in salt.indices { salt[index] = UInt8.random(in: 0...255) }
        return try encrypt(plaintext, for: keys, sender: P256.KeyAgreement.PrivateKey(), salt: salt)
    }

    /// The same with the sender's key and salt given: for the RFC's test vector.
    public static func encrypt(
        _ plaintext: Data, for keys: PushSubscriptionKeys, sender: P256.KeyAgreement.PrivateKey, salt: Data
    ) throws -> Data {
        guard plaintext.count <= maxPlaintext else { throw Failure.tooLong }
        let browserKey = try P256.KeyAgreement.PublicKey(x963Representation: keys.p256dh)
        let senderPublic = sender.publicKey.x963Representation
        let shared = try sender.sharedSecretFromKeyAgreement(with: browserKey)
        // RFC 8291 §3.4: the auth secret and both public keys go into the input keying material.
        let keyInfo = Data("WebPush: info".utf8) + [0] + keys.p256dh + senderPublic
        let ikm = shared.hkdfDerivedSymmetricKey(
            using: SHA256.self, salt: keys.auth, sharedInfo: keyInfo, outputByteCount: 32)
        let cek = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: ikm, salt: salt, info: Data("Content-Encoding: aes128gcm".utf8) + [0],
            outputByteCount: 16)
        let nonce = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: ikm, salt: salt, info: Data("Content-Encoding: nonce".utf8) + [0], outputByteCount: 12)
        // One record, so the padding delimiter is 0x02 (last record) and no padding follows.
        let sealed = try AES.GCM.seal(
            plaintext + [2], using: cek, nonce: AES.GCM.Nonce(data: nonce.withUnsafeBytes { Data($0) }))
        var header = salt
        withUnsafeBytes(of: recordSize.bigEndian) { header.append(contentsOf: $0) }
        header.append(UInt8(senderPublic.count))
        header.append(senderPublic)
        return header + sealed.ciphertext + sealed.tag
    }
}
