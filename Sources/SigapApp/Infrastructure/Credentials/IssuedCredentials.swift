import Crypto
import Foundation
import SigapCore

/// What every document Sigap issues shares: it is a W3C Verifiable Credential signed with `eddsa-jcs-2022` by
/// the region's key, whose public part is published in the issuer profile at `/penerbit`
/// (`verificationMethod` = `<site>/penerbit#<key id>`). Certificates use it today; service results will.
enum IssuedCredentials {
    static let contexts: [JSONValue] = [
        .string("https://www.w3.org/ns/credentials/v2"),
        .string("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
    ]

    static func issuerID(_ site: String) -> String { site + SiteURL.issuer }

    static func verificationMethod(_ site: String, keyID: String) -> String { issuerID(site) + "#" + keyID }

    /// The issuer as credentials name it (an Open Badges `Profile`).
    static func issuer(site: String, name: String) -> JSONValue {
        .object([
            "id": .string(issuerID(site)), "type": .array([.string("Profile")]), "name": .string(name),
            "url": .string(site),
        ])
    }

    /// Signs `document` now with the current key; returns the proof's parts to store beside the document's fields.
    static func sign(_ document: JSONValue, site: String, keys: SigningKeys, at now: Date) throws -> StoredProof {
        let options = EddsaJcs2022.Options(
            verificationMethod: verificationMethod(site, keyID: keys.signer.id), created: timestamp(now))
        let signed = try EddsaJcs2022.sign(document, options: options, key: keys.signer.key)
        guard let value = signed["proof"]?["proofValue"]?.stringValue else { throw EddsaJcs2022.Failure.noProof }
        return StoredProof(keyID: keys.signer.id, created: options.created, value: value)
    }

    /// A proof as a certificate row keeps it.
    struct StoredProof: Sendable, Equatable {
        let keyID: String
        let created: String
        let value: String

        func attach(to document: JSONValue, site: String) throws -> JSONValue {
            try EddsaJcs2022.attach(
                proofValue: value, to: document,
                options: .init(
                    verificationMethod: IssuedCredentials.verificationMethod(site, keyID: keyID), created: created))
        }
    }

    /// Checks a signed credential against the region's keys (current and retired), found by the key id after
    /// the verification method's '#'.
    static func verify(_ signed: JSONValue, keys: SigningKeys) -> Result<EddsaJcs2022.Verified, EddsaJcs2022.Failure> {
        EddsaJcs2022.verify(signed) { method in
            guard let hash = method.lastIndex(of: "#") else { return nil }
            return keys.verifying[String(method[method.index(after: hash)...])]
        }
    }

    /// "2026-11-30T09:12:00Z": credentials' dates, in UTC, to the second.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// The issuer profile published at `/penerbit`: the region and every key that verifies its credentials.
    static func issuerProfile(site: String, name: String, keys: SigningKeys) -> JSONValue {
        guard case .object(var profile) = issuer(site: site, name: name) else { return .null }
        profile["@context"] = .array(contexts + [.string("https://w3id.org/security/multikey/v1")])
        profile["verificationMethod"] = .array(
            keys.ids.map { id in
                .object([
                    "id": .string(verificationMethod(site, keyID: id)), "type": .string("Multikey"),
                    "controller": .string(issuerID(site)),
                    "publicKeyMultibase": .string(Multikey.encode(keys.verifying[id]!)),
                ])
            })
        profile["assertionMethod"] = .array(keys.ids.map { .string(verificationMethod(site, keyID: $0)) })
        return .object(profile)
    }
}
