import Crypto
import Foundation

/// Ed25519 keys as Multikey writes them: multibase base58btc of a two-byte multicodec prefix and the key
/// (0xed01 for a public key, 0x8026 for a private seed).
public enum Multikey {
    static let publicPrefix: [UInt8] = [0xED, 0x01]
    static let privatePrefix: [UInt8] = [0x80, 0x26]

    public static func encode(_ key: Curve25519.Signing.PublicKey) -> String {
        Base58.multibase(publicPrefix + [UInt8](key.rawRepresentation))
    }

    public static func encode(_ key: Curve25519.Signing.PrivateKey) -> String {
        Base58.multibase(privatePrefix + [UInt8](key.rawRepresentation))
    }

    public static func publicKey(_ text: String) -> Curve25519.Signing.PublicKey? {
        guard let bytes = Base58.fromMultibase(text), bytes.count == 34, Array(bytes.prefix(2)) == publicPrefix
        else { return nil }
        return try? Curve25519.Signing.PublicKey(rawRepresentation: bytes.dropFirst(2))
    }

    public static func privateKey(_ text: String) -> Curve25519.Signing.PrivateKey? {
        guard let bytes = Base58.fromMultibase(text), bytes.count == 34, Array(bytes.prefix(2)) == privatePrefix
        else { return nil }
        return try? Curve25519.Signing.PrivateKey(rawRepresentation: bytes.dropFirst(2))
    }
}

/// Data Integrity proofs of the `eddsa-jcs-2022` cryptosuite (W3C vc-di-eddsa §3.3): the proof options and the
/// document are each canonicalised with JCS and hashed with SHA-256; Ed25519 signs the two hashes, options
/// first; the signature is the proof's `proofValue` in multibase base58btc.
public enum EddsaJcs2022 {
    public static let cryptosuite = "eddsa-jcs-2022"

    /// The proof's options before signing: the verification method (the key's address) and when.
    public struct Options: Sendable {
        public var verificationMethod: String
        public var created: String
        public var proofPurpose: String

        public init(verificationMethod: String, created: String, proofPurpose: String = "assertionMethod") {
            self.verificationMethod = verificationMethod
            self.created = created
            self.proofPurpose = proofPurpose
        }
    }

    public enum Failure: String, Error, Sendable, Equatable {
        case notAnObject = "not_an_object"
        case noProof = "no_proof"
        case wrongCryptosuite = "wrong_cryptosuite"
        case contextMismatch = "context_mismatch"
        case badProofValue = "bad_proof_value"
        case unknownKey = "unknown_key"
        case badSignature = "bad_signature"
    }

    /// `document` (an object without `proof`) with its proof added.
    public static func sign(
        _ document: JSONValue, options: Options, key: Curve25519.Signing.PrivateKey
    ) throws -> JSONValue {
        guard case .object(var members) = document else { throw Failure.notAnObject }
        members["proof"] = nil
        let config = proofConfig(options, context: members["@context"])
        let signature = try key.signature(for: hashData(proofConfig: config, document: .object(members)))
        return try attach(proofValue: Base58.multibase([UInt8](signature)), to: .object(members), options: options)
    }

    /// `document` with the proof whose value was computed earlier (a stored certificate's), exactly as `sign`
    /// writes it.
    public static func attach(proofValue: String, to document: JSONValue, options: Options) throws -> JSONValue {
        guard case .object(var members) = document,
            case .object(var proof) = proofConfig(options, context: members["@context"])
        else { throw Failure.notAnObject }
        proof["proofValue"] = .string(proofValue)
        members["proof"] = .object(proof)
        return .object(members)
    }

    /// The proof's options as hashed: the document's context travels with them (vc-di-eddsa §3.3.1).
    static func proofConfig(_ options: Options, context: JSONValue?) -> JSONValue {
        var proof: [String: JSONValue] = [
            "type": .string("DataIntegrityProof"), "cryptosuite": .string(cryptosuite),
            "created": .string(options.created), "verificationMethod": .string(options.verificationMethod),
            "proofPurpose": .string(options.proofPurpose),
        ]
        if let context { proof["@context"] = context }
        return .object(proof)
    }

    /// What a valid proof says: which key signed, and when.
    public struct Verified: Sendable, Equatable {
        public let verificationMethod: String
        public let created: String?
    }

    /// Checks `secured`'s proof with the key `resolve` finds for its verification method.
    public static func verify(
        _ secured: JSONValue, resolve: (String) -> Curve25519.Signing.PublicKey?
    ) -> Result<Verified, Failure> {
        guard case .object(var members) = secured else { return .failure(.notAnObject) }
        guard case .object(var proof) = members["proof"] else { return .failure(.noProof) }
        members["proof"] = nil
        guard proof["type"] == .string("DataIntegrityProof"), proof["cryptosuite"] == .string(cryptosuite) else {
            return .failure(.wrongCryptosuite)
        }
        guard let value = proof["proofValue"]?.stringValue, let signature = Base58.fromMultibase(value),
            signature.count == 64
        else { return .failure(.badProofValue) }
        proof["proofValue"] = nil
        if let context = proof["@context"] {
            // The document's context must begin with the proof's, in order; the proof's is what is hashed.
            guard case .array(let expected) = context, case .array(let actual) = members["@context"] ?? .null,
                actual.starts(with: expected)
            else { return .failure(.contextMismatch) }
            members["@context"] = context
        }
        guard let method = proof["verificationMethod"]?.stringValue, let key = resolve(method) else {
            return .failure(.unknownKey)
        }
        let data = hashData(proofConfig: .object(proof), document: .object(members))
        guard key.isValidSignature(signature, for: data) else { return .failure(.badSignature) }
        return .success(Verified(verificationMethod: method, created: proof["created"]?.stringValue))
    }

    /// SHA-256(JCS(proof options)) followed by SHA-256(JCS(document)).
    public static func hashData(proofConfig: JSONValue, document: JSONValue) -> Data {
        Data(SHA256.hash(data: JCS.canonicalData(proofConfig))) + Data(SHA256.hash(data: JCS.canonicalData(document)))
    }
}
