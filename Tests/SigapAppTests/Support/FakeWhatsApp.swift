import Foundation
import NIOConcurrencyHelpers
import Vapor

@testable import SigapApp

/// A Graph API stand-in on a loopback port: records every message Sigap sends (the JSON body) and answers with
/// the scripted replies first (Graph error bodies, 5xx), then with success. Serves media for photo downloads.
final class FakeWhatsApp: Sendable {
    struct Reply: Sendable {
        let status: HTTPResponseStatus
        let body: String

        static let rateLimited = Reply(
            status: .badRequest,
            body:
                #"{"error":{"message":"(#130429) Rate limit hit","type":"OAuthException","code":130429,"fbtrace_id":"A1"}}"#
        )
        static let undeliverable = Reply(
            status: .badRequest,
            body:
                #"{"error":{"message":"(#131026) Message undeliverable","type":"OAuthException","code":131026,"fbtrace_id":"A2"}}"#
        )
    }

    let app: Application
    private let log = NIOLockedValueBox<[Data]>([])
    private let script = NIOLockedValueBox<[Reply]>([])
    private let tokens = NIOLockedValueBox<[String]>([])
    private let nextID = NIOLockedValueBox(1)

    /// Every message body received, decoded.
    var received: [[String: Any]] {
        log.withLockedValue { $0 }.map { (try? JSONSerialization.jsonObject(with: $0)) as? [String: Any] ?? [:] }
    }
    var authorizations: [String] { tokens.withLockedValue { $0 } }
    var baseURL: String { "http://127.0.0.1:\(app.http.server.shared.localAddress!.port!)" }

    private init(app: Application) { self.app = app }

    static func start() async throws -> FakeWhatsApp {
        let app = try await Application.make(.testing)
        let fake = FakeWhatsApp(app: app)
        app.post(":version", ":phone", "messages") { req async throws -> Response in
            let raw = req.body.data.map { Data(buffer: $0) } ?? Data()
            let json = (try? JSONSerialization.jsonObject(with: raw)) as? [String: Any] ?? [:]
            fake.log.withLockedValue { $0.append(raw) }
            fake.tokens.withLockedValue { $0.append(req.headers.first(name: .authorization) ?? "") }
            if let reply = fake.script.withLockedValue({ $0.isEmpty ? nil : $0.removeFirst() }) {
                return Response(
                    status: reply.status, headers: ["Content-Type": "application/json"], body: .init(string: reply.body)
                )
            }
            let id = fake.nextID.withLockedValue { id in
                defer { id += 1 }
                return id
            }
            let to = json["to"] as? String ?? ""
            return Response(
                status: .ok, headers: ["Content-Type": "application/json"],
                body: .init(
                    string:
                        #"{"messaging_product":"whatsapp","contacts":[{"input":"\#(to)","wa_id":"\#(to)"}],"messages":[{"id":"wamid.\#(id)"}]}"#
                ))
        }
        app.get(":version", ":media") { req async throws -> Response in
            Response(
                status: .ok, headers: ["Content-Type": "application/json"],
                body: .init(string: #"{"url":"\#(fake.baseURL)/media/photo.jpg","mime_type":"image/jpeg"}"#))
        }
        app.get("media", "photo.jpg") { _ async throws -> Response in
            try Response.gpsTaggedPhoto()
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        return fake
    }

    func reply(_ replies: Reply...) { script.withLockedValue { $0.append(contentsOf: replies) } }

    func stop() async throws { try await app.stopLoopback() }
}

/// Runs `test` with a fake Graph API and Sigap's WhatsApp channel pointed at it.
func withWhatsApp<T>(
    adjust: @escaping (inout AppConfig) -> Void = { _ in }, _ test: (TestContext, FakeWhatsApp) async throws -> T
) async throws -> T {
    try await withFake(
        try await FakeWhatsApp.start(), stop: { try await $0.stop() },
        configure: { config, fake in
            adjust(&config)
            config.whatsapp = .init(
                token: "EAAG-test-token", phoneNumberID: "1055", appSecret: "app-secret", verifyToken: "verif",
                apiURL: fake.baseURL, apiVersion: "v21.0", templateName: "sigap_kabar_laporan")
        }, test)
}
