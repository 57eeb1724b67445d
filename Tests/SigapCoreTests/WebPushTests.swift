import Crypto
import Foundation
import Testing

@testable import SigapCore

/// RFC 8291 Appendix A: fixed keys, salt and the expected body byte for byte. A round trip alone would pass with
/// the same wrong derivation on both sides; the published vector does not.
@Suite struct WebPushTests {
    static let uaPublic = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"
    static let uaPrivate = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94"
    static let asPrivate = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw"
    static let auth = "BTBZMqHH6r4Tts7J_aSIgg"
    static let salt = "DGv6ra1nlYgDCS1FRnbzlw"
    static let body =
        "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN"

    @Test func reproducesTheRFC8291Vector() throws {
        let keys = try #require(PushSubscriptionKeys(p256dh: Self.uaPublic, auth: Self.auth))
        let senderKey = try #require(Data(base64URLEncoded: Self.asPrivate))
        let salt = try #require(Data(base64URLEncoded: Self.salt))
        let sender = try P256.KeyAgreement.PrivateKey(rawRepresentation: senderKey)
        let encrypted = try WebPushEncryption.encrypt(
            Data("When I grow up, I want to be a watermelon".utf8), for: keys, sender: sender, salt: salt)
        #expect(encrypted.base64URLEncoded == Self.body)
    }

    @Test func freshMessagesDifferAndFitTheRecord() throws {
        let keys = try #require(PushSubscriptionKeys(p256dh: Self.uaPublic, auth: Self.auth))
        let first = try WebPushEncryption.encrypt(Data("halo".utf8), for: keys)
        let second = try WebPushEncryption.encrypt(Data("halo".utf8), for: keys)
        #expect(first != second)
        #expect(first.count == 86 + 4 + 1 + 16)
        #expect(throws: WebPushEncryption.Failure.tooLong) {
            try WebPushEncryption.encrypt(Data(count: WebPushEncryption.maxPlaintext + 1), for: keys)
        }
    }

    @Test func refusesKeysOfTheWrongShape() {
        #expect(PushSubscriptionKeys(p256dh: Self.uaPublic, auth: "AAAA") == nil)
        #expect(PushSubscriptionKeys(p256dh: "BCVx", auth: Self.auth) == nil)
        #expect(PushSubscriptionKeys(p256dh: Self.uaPublic + "==", auth: Self.auth) == nil)
        // 65 bytes starting 0x04 but not a point on the curve.
        let notAPoint = Data([4] + [UInt8](repeating: 1, count: 64)).base64URLEncoded
        #expect(PushSubscriptionKeys(p256dh: notAPoint, auth: Self.auth) == nil)
    }

    @Test func vapidTokenIsAnES256JWTForThePushServiceOrigin() throws {
        let key = P256.Signing.PrivateKey()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let endpoint = try #require(URL(string: "https://fcm.googleapis.com:443/fcm/send/abc"))
        let header = try VAPIDToken.authorization(endpoint: endpoint, subject: "mailto:a@b.id", key: key, now: now)
        let parts = header.split(separator: " ")
        #expect(parts.first == "vapid")
        let token = try #require(header.split(separator: "t=").last?.split(separator: ",").first.map(String.init))
        #expect(header.hasSuffix("k=" + key.publicKey.x963Representation.base64URLEncoded))
        let pieces = token.split(separator: ".").map(String.init)
        try #require(pieces.count == 3)
        let claimsJSON = try #require(Data(base64URLEncoded: pieces[1]))
        let claims = try #require(JSONSerialization.jsonObject(with: claimsJSON) as? [String: Any])
        #expect(claims["aud"] as? String == "https://fcm.googleapis.com:443")
        #expect(claims["sub"] as? String == "mailto:a@b.id")
        #expect(claims["exp"] as? Int == 1_800_000_000 + 12 * 3600)
        let rawSignature = try #require(Data(base64URLEncoded: pieces[2]))
        let signature = try P256.Signing.ECDSASignature(rawRepresentation: rawSignature)
        #expect(key.publicKey.isValidSignature(signature, for: Data((pieces[0] + "." + pieces[1]).utf8)))
        #expect(
            !P256.Signing.PrivateKey().publicKey.isValidSignature(
                signature, for: Data((pieces[0] + "." + pieces[1]).utf8)))
    }
}
