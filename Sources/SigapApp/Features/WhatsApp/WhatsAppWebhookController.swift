import Crypto
import Fluent
import Foundation
import SigapCore
import Vapor

/// `/api/v1/webhooks/whatsapp`: Meta's verification handshake (`GET`, `hub.verify_token`) and events (`POST`,
/// signed with the app secret in `X-Hub-Signature-256`). Messages drive the same conversation as Telegram;
/// status events (sent, delivered, read, failed) update the outbox row of the message they concern. Anything
/// that cannot be verified, or arrives while the channel is off, is refused.
struct WhatsAppWebhookController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let webhook = routes.grouped("api", "v1", "webhooks", "whatsapp")
            .open("Meta's webhook: the verify token and the X-Hub-Signature-256 of the body are checked")
        webhook.get(use: verify)
        webhook.on(.POST, body: .collect(maxSize: "1mb"), use: receive)
    }

    func verify(req: Request) async throws -> Response {
        guard let settings = req.sigap.config.whatsapp, req.query[String.self, at: "hub.mode"] == "subscribe",
            let token = req.query[String.self, at: "hub.verify_token"],
            SecretToken.constantTimeEquals(token, settings.verifyToken),
            let challenge = req.query[String.self, at: "hub.challenge"]
        else { throw AppError(status: .forbidden, code: "forbidden", messageKey: "error.403") }
        return Response(status: .ok, headers: ["Content-Type": "text/plain"], body: .init(string: challenge))
    }

    /// HMAC-SHA256 of the raw body with the app secret, as `sha256=<hex>`.
    static func signature(of body: Data, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    func receive(req: Request) async throws -> HTTPStatus {
        let body = req.body.data.map { Data(buffer: $0) } ?? Data()
        guard let settings = req.sigap.config.whatsapp,
            let signature = req.headers.first(name: "X-Hub-Signature-256"),
            SecretToken.constantTimeEquals(signature, Self.signature(of: body, secret: settings.appSecret))
        else { throw AppError(status: .unauthorized, code: "unauthorized", messageKey: "error.401") }
        guard let event = try? JSONDecoder().decode(WhatsAppEvent.self, from: body) else { return .ok }
        let chat = WhatsAppChat(whatsapp: WhatsAppClient(settings: settings, client: req.client))
        for value in event.entry.flatMap(\.changes).map(\.value) {
            for status in value.statuses ?? [] { try await record(status, req) }
            for message in value.messages ?? [] {
                guard let input = message.input, let number = PhoneNumber(message.from)?.digits else { continue }
                let context = req.context.acting(as: nil)
                try await ChatInbound.once(.whatsapp, id: message.id, context: context) {
                    try await ChatService.handle(input, from: number, on: chat, context: context)
                }
            }
        }
        return .ok
    }

    /// sent → delivered → read, or failed with Meta's reason; never moves a row backwards.
    private func record(_ status: WhatsAppEvent.Status, _ req: Request) async throws {
        guard let message = try await OutboxMessage.query(on: req.db).filter(\.$externalID == status.id).first()
        else { return }
        let order = ["sent": 1, "delivered": 2, "read": 3, "failed": 4]
        guard let new = order[status.status], new > (message.deliveryStatus.flatMap { order[$0] } ?? 0) else {
            return
        }
        message.deliveryStatus = status.status
        if status.status == "failed" {
            message.failedAt = req.now
            message.lastError = "whatsapp: " + (status.errors?.first?.title ?? "failed")
        }
        try await message.save(on: req.writeDB)
    }
}

/// The webhook payload, only what Sigap reads.
struct WhatsAppEvent: Decodable {
    struct Entry: Decodable { let changes: [Change] }
    struct Change: Decodable { let value: Value }
    struct Value: Decodable {
        let messages: [Message]?
        let statuses: [Status]?
    }
    struct Message: Decodable {
        struct Text: Decodable { let body: String }
        struct Location: Decodable {
            let latitude: Double
            let longitude: Double
        }
        struct Media: Decodable { let id: String }
        /// Meta's message id (`wamid…`): the same message delivered twice is handled once.
        let id: String?
        let from: String
        let type: String
        let text: Text?
        let location: Location?
        let image: Media?

        var input: ChatBot.Input? {
            switch type {
            case "text": text.map { .text($0.body) }
            case "location": location.map { .location(latitude: $0.latitude, longitude: $0.longitude) }
            case "image": image.map { .photo(id: $0.id) }
            default: nil
            }
        }
    }
    struct Status: Decodable {
        struct Failure: Decodable { let title: String? }
        let id: String
        let status: String
        let errors: [Failure]?
    }
    let entry: [Entry]
}
