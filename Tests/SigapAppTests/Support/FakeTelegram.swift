import Foundation
import NIOConcurrencyHelpers
import Vapor

@testable import SigapApp

/// A Bot API stand-in on a loopback port: records every `sendMessage` it receives and answers with the
/// scripted replies first (e.g. a 429 with `retry_after`, a 500), then with success.
final class FakeTelegram: Sendable {
    struct Received: Sendable {
        let token: String
        let chatID: String
        let text: String
    }

    struct Reply: Sendable {
        let status: HTTPResponseStatus
        let body: String

        static func floodWait(_ seconds: Int) -> Reply {
            Reply(
                status: .tooManyRequests,
                body:
                    #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after \#(seconds)","parameters":{"retry_after":\#(seconds)}}"#
            )
        }
        static let serverError = Reply(
            status: .internalServerError, body: #"{"ok":false,"error_code":500,"description":"Internal Server Error"}"#)
        static let chatNotFound = Reply(
            status: .badRequest, body: #"{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}"#)
    }

    let app: Application
    private let log = NIOLockedValueBox<[Received]>([])
    private let script = NIOLockedValueBox<[Reply]>([])
    private let nextID = NIOLockedValueBox(1)
    private let updates = NIOLockedValueBox<[(Int64, String)]>([])
    private let webhooks = NIOLockedValueBox<[String]>([])

    /// `setWebhook` bodies received.
    var webhookCalls: [String] { webhooks.withLockedValue { $0 } }
    /// Queues an update for `getUpdates` (JSON of one Update).
    func queue(update id: Int64, _ json: String) { updates.withLockedValue { $0.append((id, json)) } }

    var received: [Received] { log.withLockedValue { $0 } }
    var port: Int { app.http.server.shared.localAddress!.port! }
    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(app: Application) { self.app = app }

    static func start() async throws -> FakeTelegram {
        let app = try await Application.make(.testing)
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = 0
        let fake = FakeTelegram(app: app)
        app.post(":bot", "sendMessage") { req async throws -> Response in
            struct Body: Content {
                let chat_id: String
                let text: String
            }
            let body = try req.content.decode(Body.self)
            fake.log.withLockedValue {
                $0.append(Received(token: req.parameters.get("bot") ?? "", chatID: body.chat_id, text: body.text))
            }
            let reply = fake.script.withLockedValue { $0.isEmpty ? nil : $0.removeFirst() }
            if let reply {
                return Response(
                    status: reply.status, headers: ["Content-Type": "application/json"], body: .init(string: reply.body)
                )
            }
            let id = fake.nextID.withLockedValue { id in
                defer { id += 1 }
                return id
            }
            return Response(
                status: .ok, headers: ["Content-Type": "application/json"],
                body: .init(
                    string: #"{"ok":true,"result":{"message_id":\#(id),"chat":{"id":\#(body.chat_id)},"text":"…"}}"#))
        }
        app.post(":bot", "getUpdates") { req async throws -> Response in
            struct Body: Content { let offset: Int64 }
            let offset = (try? req.content.decode(Body.self).offset) ?? 0
            let pending = fake.updates.withLockedValue { queued in
                queued.removeAll { $0.0 < offset }
                return queued.map(\.1)
            }
            return Response(
                status: .ok, headers: ["Content-Type": "application/json"],
                body: .init(string: #"{"ok":true,"result":[\#(pending.joined(separator: ","))]}"#))
        }
        app.post(":bot", "setWebhook") { req async throws -> Response in
            fake.webhooks.withLockedValue { $0.append(req.body.string ?? "") }
            return Response(
                status: .ok, headers: ["Content-Type": "application/json"],
                body: .init(string: #"{"ok":true,"result":true}"#))
        }
        // photos: getFile, then the download URL
        app.post(":bot", "getFile") { req async throws -> Response in
            struct Body: Content { let file_id: String }
            let id = try req.content.decode(Body.self).file_id
            return Response(
                status: .ok, headers: ["Content-Type": "application/json"],
                body: .init(string: #"{"ok":true,"result":{"file_id":"\#(id)","file_path":"photos/\#(id).jpg"}}"#))
        }
        app.get("file", ":bot", "photos", ":name") { _ async throws -> Response in
            try Response.gpsTaggedPhoto()
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        return fake
    }

    func reply(_ replies: Reply...) { script.withLockedValue { $0.append(contentsOf: replies) } }

    func stop() async throws { try await app.stopLoopback() }
}

/// Runs `test` with a fake Bot API and Sigap configured to use it.
func withTelegram<T>(_ test: (TestContext, FakeTelegram) async throws -> T) async throws -> T {
    try await withFake(
        try await FakeTelegram.start(), stop: { try await $0.stop() },
        configure: { config, fake in
            config.telegram = .init(token: "12345:TEST-token", webhookSecret: "rahasia-webhook", apiURL: fake.baseURL)
        }, test)
}

/// Starts Sigap configured for a fake service on loopback, runs `test`, and stops the fake whatever happens.
func withFake<Fake: Sendable, T>(
    _ fake: Fake, stop: (Fake) async throws -> Void, configure: (inout AppConfig, Fake) -> Void,
    _ test: (TestContext, Fake) async throws -> T
) async throws -> T {
    do {
        let result = try await withSigap(adjust: { configure(&$0, fake) }) { context in try await test(context, fake) }
        try await stop(fake)
        return result
    } catch {
        try? await stop(fake)
        throw error
    }
}

extension Response {
    /// The GPS-tagged JPEG fixture, as a fake service serves a photo someone sent.
    static func gpsTaggedPhoto() throws -> Response {
        let photo = try Data(contentsOf: ReportPhotoTests.fixtures.appendingPathComponent("gps-tagged.jpg"))
        return Response(status: .ok, headers: ["Content-Type": "image/jpeg"], body: .init(data: photo))
    }
}

extension Application {
    /// Stops a fake service started with `server.start` on a loopback port.
    func stopLoopback() async throws {
        await server.shutdown()
        try await asyncShutdown()
    }
}
