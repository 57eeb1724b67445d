import Crypto
import Foundation
import SigapCore

/// The Ed25519 keys Sigap signs what it issues with (certificates now, service results later). They live
/// outside the database: `SIGAP_SIGNING_KEY` ("id:private multikey"), or files `DATA_DIR/signing-keys/<id>.key`
/// (mode 0600) generated on first start and by `sigap signing-key rotate`. The newest is the one that signs;
/// every one stays usable for verification, and so do retired public keys named in
/// `SIGAP_SIGNING_RETIRED_KEYS` ("id:public multikey,…") — a rotation never invalidates an old certificate.
struct SigningKeys: Sendable {
    struct Signer: Sendable {
        let id: String
        let key: Curve25519.Signing.PrivateKey
    }

    let signer: Signer
    /// Every key that may verify, by id (the signer's included), oldest first in `ids`.
    let verifying: [String: Curve25519.Signing.PublicKey]
    var ids: [String] { verifying.keys.sorted() }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func folder(_ dataDirectory: String) -> String { dataDirectory + "/signing-keys" }

    static func load(dataDirectory: String, fromEnvironment: String?, retired: String?) throws -> SigningKeys {
        var verifying: [String: Curve25519.Signing.PublicKey] = [:]
        for entry in (retired ?? "").split(separator: ",") {
            let parts = entry.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1)
            guard parts.count == 2, validID(String(parts[0])), let key = Multikey.publicKey(String(parts[1])) else {
                throw Failure(description: "SIGAP_SIGNING_RETIRED_KEYS: expected id:z6Mk… entries, got \(entry)")
            }
            verifying[String(parts[0])] = key
        }
        var files = try readFolder(dataDirectory)
        if files.isEmpty && fromEnvironment == nil {
            files = [try generate(in: dataDirectory)]
        }
        for file in files { verifying[file.id] = file.key.publicKey }
        var signer = files.max { $0.id < $1.id }
        if let text = fromEnvironment {
            let parts = text.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, validID(String(parts[0])), let key = Multikey.privateKey(String(parts[1])) else {
                throw Failure(description: "SIGAP_SIGNING_KEY: expected id:z3u2… (an Ed25519 private Multikey)")
            }
            signer = Signer(id: String(parts[0]), key: key)
            verifying[String(parts[0])] = key.publicKey
        }
        return SigningKeys(signer: signer!, verifying: verifying)
    }

    /// A new key named by the moment (so the newest sorts last), written 0600; returns it.
    @discardableResult
    static func generate(in dataDirectory: String, now: Date = Date()) throws -> Signer {
        let manager = FileManager.default
        let folder = folder(dataDirectory)
        try manager.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss"
        var id = "k" + formatter.string(from: now)
        while manager.fileExists(atPath: folder + "/\(id).key") { id += "b" }
        let key = Curve25519.Signing.PrivateKey()
        guard
            manager.createFile(
                atPath: folder + "/\(id).key", contents: Data((Multikey.encode(key) + "\n").utf8),
                attributes: [.posixPermissions: 0o600])
        else { throw Failure(description: "\(folder): cannot write a new signing key") }
        return Signer(id: id, key: key)
    }

    static func readFolder(_ dataDirectory: String) throws -> [Signer] {
        let folder = folder(dataDirectory)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return try names.filter { $0.hasSuffix(".key") }.sorted().map { name in
            let id = String(name.dropLast(4))
            guard validID(id), let data = FileManager.default.contents(atPath: folder + "/" + name),
                let key = Multikey.privateKey(
                    String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            else {
                throw Failure(description: "\(folder)/\(name): not an Ed25519 private Multikey; restore it from backup")
            }
            return Signer(id: id, key: key)
        }
    }

    /// Ids go into URLs (`/penerbit#<id>`): letters, digits, '-' and '_' only.
    static func validID(_ id: String) -> Bool {
        (1...64).contains(id.count)
            && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
