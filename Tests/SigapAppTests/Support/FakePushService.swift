import Crypto
import Foundation
import NIOConcurrencyHelpers
import Vapor

@testable import SigapApp
@testable import SigapCore

/// A push service on a loopback port (what FCM or Mozilla's autopush are to a browser): records what Sigap posts
/// and answers with the scripted statuses first, then 201 Created. Holds the browser's side of a subscription
/// (its P-256 key and auth secret) so a test can open what arrived, as the browser would.
final class FakePushService: Sendable {
    struct Delivery: Sendable {
        let path: String
        let headers: HTTPHeaders
        let body: Data
    }

    let app: Application
    let browserKey = P256.KeyAgreement.PrivateKey()
    let authSecret = Data((0..<16).map { _ in UInt8.random(in: 0...255) })
    private let log = NIOLockedValueBox<[Delivery]>([])
    private let script = NIOLockedValueBox<[HTTPResponseStatus]>([])

    var deliveries: [Delivery] { log.withLockedValue { $0 } }
    var origin: String { "http://127.0.0.1:\(app.http.server.shared.localAddress!.port!)" }

    /// What `PushSubscription.toJSON()` would give for a subscription at `/push/<id>`.
    func subscriptionJSON(_ id: String) -> String {
        #"{"endpoint":"\#(origin)/push/\#(id)","keys":{"p256dh":"\#(browserKey.publicKey.x963Representation.base64URLEncoded)","auth":"\#(authSecret.base64URLEncoded)"}}"#
    }

    private init(app: Application) { self.app = app }

    static func start() async throws -> FakePushService {
        let app = try await Application.make(.testing)
        let fake = FakePushService(app: app)
        app.on(.POST, "push", ":id", body: .collect(maxSize: "64kb")) { req async throws -> Response in
            let body = req.body.data.map { Data(buffer: $0) } ?? Data()
            fake.log.withLockedValue { $0.append(Delivery(path: req.url.path, headers: req.headers, body: body)) }
            let status = fake.script.withLockedValue { $0.isEmpty ? HTTPResponseStatus.created : $0.removeFirst() }
            return Response(status: status, headers: ["Location": "\(fake.origin)/message/\(UUID().uuidString)"])
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        return fake
    }

    func reply(_ statuses: HTTPResponseStatus...) { script.withLockedValue { $0.append(contentsOf: statuses) } }

    func stop() async throws { try await app.stopLoopback() }

    /// Opens an `aes128gcm` body as the subscribed browser does (RFC 8291 §3.4, RFC 8188): independent of
    /// `WebPushEncryption`, which only encrypts.
    func open(_ body: Data) throws -> Data {
        let salt = body.prefix(16)
        let keyLength = Int(body[body.startIndex + 20])
        let senderPublic = body.subdata(in: (body.startIndex + 21)..<(body.startIndex + 21 + keyLength))
        let sealed = body.suffix(from: body.startIndex + 21 + keyLength)
        let shared = try browserKey.sharedSecretFromKeyAgreement(
            with: P256.KeyAgreement.PublicKey(x963Representation: senderPublic))
        let info = Data("WebPush: info".utf8) + [0] + browserKey.publicKey.x963Representation + senderPublic
        let ikm = shared.hkdfDerivedSymmetricKey(
            using: SHA256.self, salt: authSecret, sharedInfo: info, outputByteCount: 32)
        let key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: ikm, salt: salt, info: Data("Content-Encoding: aes128gcm".utf8) + [0], outputByteCount: 16
        )
        let nonce = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: ikm, salt: salt, info: Data("Content-Encoding: nonce".utf8) + [0], outputByteCount: 12)
        let box = try AES.GCM.SealedBox(
            nonce: AES.GCM.Nonce(data: nonce.withUnsafeBytes { Data($0) }), ciphertext: sealed.dropLast(16),
            tag: sealed.suffix(16))
        var plain = try AES.GCM.open(box, using: key)
        guard plain.last == 2 else { throw TestFailure("no last-record delimiter") }
        plain.removeLast()
        return plain
    }
}

/// Runs `test` with a fake push service that Sigap's push channel may send to.
func withPushService<T>(_ test: (TestContext, FakePushService) async throws -> T) async throws -> T {
    try await withFake(
        try await FakePushService.start(), stop: { try await $0.stop() },
        configure: { config, fake in config.push.services = [fake.origin] }, test)
}
