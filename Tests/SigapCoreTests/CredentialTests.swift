import Crypto
import Foundation
import Testing

@testable import SigapCore

/// Issue 17: the signing of certificates — JCS (RFC 8785) and the `eddsa-jcs-2022` Data Integrity cryptosuite —
/// against the W3C vc-di-eddsa test vectors (Tests/Fixtures/test-vectors/eddsa-jcs-2022).
@Suite struct CredentialTests {
    static let vectors = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/test-vectors/eddsa-jcs-2022")

    func text(_ name: String) throws -> String {
        try String(contentsOf: Self.vectors.appendingPathComponent(name), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func json(_ name: String) throws -> JSONValue { try JSONValue.parse(try text(name)) }

    func hex(_ data: some Sequence<UInt8>) -> String { data.map { String(format: "%02x", $0) }.joined() }

    var keys: (Curve25519.Signing.PrivateKey, Curve25519.Signing.PublicKey) {
        get throws {
            let pair = try json("keyPair.json")
            let secretText = try #require(pair["privateKeyMultibase"]?.stringValue)
            let publicText = try #require(pair["publicKeyMultibase"]?.stringValue)
            let secret = try #require(Multikey.privateKey(secretText))
            let known = try #require(Multikey.publicKey(publicText))
            return (secret, known)
        }
    }

    @Test func theVectorsCanonicalFormsAndHashesAreReproduced() throws {
        let unsigned = try json("unsigned.json")
        #expect(JCS.canonical(unsigned) == (try text("canonDocJCS.txt")))
        #expect(hex(SHA256.hash(data: JCS.canonicalData(unsigned))) == (try text("docHashJCS.txt")))
        let config = try json("proofConfigJCS.json")
        #expect(JCS.canonical(config) == (try text("proofCanonJCS.txt")))
        #expect(hex(SHA256.hash(data: JCS.canonicalData(config))) == (try text("proofHashJCS.txt")))
        #expect(
            hex(EddsaJcs2022.hashData(proofConfig: config, document: unsigned)) == (try text("combinedHashJCS.txt")))
    }

    @Test func theKeyPairDecodesAndMatches() throws {
        let (secret, known) = try keys
        #expect(secret.publicKey.rawRepresentation == known.rawRepresentation)
        let pair = try json("keyPair.json")
        #expect(Multikey.encode(known) == pair["publicKeyMultibase"]?.stringValue)
        #expect(Multikey.encode(secret) == pair["privateKeyMultibase"]?.stringValue)
    }

    @Test func signingTheVectorProducesExactlyTheSignedCredential() throws {
        let (secret, _) = try keys
        let config = try json("proofConfigJCS.json")
        let method = try #require(config["verificationMethod"]?.stringValue)
        let created = try #require(config["created"]?.stringValue)
        let signed = try EddsaJcs2022.sign(
            try json("unsigned.json"), options: .init(verificationMethod: method, created: created), key: secret)
        #expect(signed == (try json("signedJCS.json")))
        let proofValue = try #require(signed["proof"]?["proofValue"]?.stringValue)
        #expect(proofValue == (try text("sigBTC58JCS.txt")))
        let signature = try #require(Base58.fromMultibase(proofValue))
        #expect(hex(signature) == (try text("sigHexJCS.txt")))
    }

    @Test func theSignedCredentialVerifiesAndAnyChangeBreaksIt() throws {
        let (_, known) = try keys
        let signed = try json("signedJCS.json")
        let method = try #require(signed["proof"]?["verificationMethod"]?.stringValue)
        let resolve: (String) -> Curve25519.Signing.PublicKey? = { $0 == method ? known : nil }
        let verified = try EddsaJcs2022.verify(signed, resolve: resolve).get()
        #expect(verified.verificationMethod == method)

        guard case .object(var changed) = signed, case .object(var subject) = changed["credentialSubject"] else {
            Issue.record("not an object")
            return
        }
        subject["alumniOf"] = .string("The School of Examples.")
        changed["credentialSubject"] = .object(subject)
        #expect(EddsaJcs2022.verify(.object(changed), resolve: resolve) == .failure(.badSignature))
        #expect(EddsaJcs2022.verify(signed, resolve: { _ in nil }) == .failure(.unknownKey))
        // Another key's signature over the same document is refused.
        let stranger = Curve25519.Signing.PrivateKey()
        #expect(EddsaJcs2022.verify(signed, resolve: { _ in stranger.publicKey }) == .failure(.badSignature))
        // One character of the proof value changed.
        guard case .object(var proof) = signed["proof"], var value = proof["proofValue"]?.stringValue else { return }
        value = String(value.dropLast()) + (value.hasSuffix("X") ? "Y" : "X")
        proof["proofValue"] = .string(value)
        var tampered = signed.objectValue!
        tampered["proof"] = .object(proof)
        #expect(EddsaJcs2022.verify(.object(tampered), resolve: resolve) == .failure(.badSignature))
    }

    @Test func jcsWritesStringsAndNumbersAsRFC8785Does() throws {
        // RFC 8785 §3.2.2.2 and Appendix B examples.
        #expect(JCS.canonical(.string("\u{20ac}$\u{0f}\nA'B\"\\\\\"/")) == "\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"")
        let numbers: [(Double, String)] = [
            (0, "0"), (-0.0, "0"), (1, "1"), (-1.5, "-1.5"), (1e21, "1e+21"), (1e20, "100000000000000000000"),
            (333_333_333.333_333_3, "333333333.3333333"), (1e-7, "1e-7"), (0.000001, "0.000001"),
            (4.5, "4.5"), (2e-3, "0.002"), (9_007_199_254_740_992, "9007199254740992"),
            (1.7976931348623157e308, "1.7976931348623157e+308"), (5e-324, "5e-324"),
        ]
        for (number, written) in numbers { #expect(JCS.serialize(number) == written, "\(number)") }
        // Members sort by UTF-16 code units: "\u{e000}" (0xE000) after "\u{1f600}" (0xD83D …).
        let sorted = JCS.canonical(.object(["\u{e000}": .number(1), "\u{1f600}": .number(2), "a": .number(3)]))
        #expect(sorted == "{\"a\":3,\"\u{1f600}\":2,\"\u{e000}\":1}")
        let spaced = try JSONValue.parse(" [ true , null , {\"b\":[],\"a\":{}} ] ")
        #expect(JCS.canonical(spaced) == "[true,null,{\"a\":{},\"b\":[]}]")
    }

    @Test func theParserRefusesWhatCannotBeSignedReproducibly() {
        for bad in ["{\"a\":1,\"a\":2}", "[1,]", "\"\\ud800\"", "01", "[" + String(repeating: "[", count: 100) + "]"] {
            #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(bad) }
        }
        #expect((try? JSONValue.parse("\"\\ud83d\\ude00\"")) == .string("😀"))
    }

    @Test func base58RoundTripsWithLeadingZeros() {
        for bytes: [UInt8] in [[], [0], [0, 0, 1], [0xFF, 0xFE], Array(0..<64)] {
            #expect(Base58.decode(Base58.encode(bytes)) == bytes)
        }
        #expect(Base58.encode(Array("Hello World!".utf8)) == "2NEpo7TZRRrLZSi2U")
        #expect(Base58.decode("0OIl") == nil)
    }
}
