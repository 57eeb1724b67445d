import Foundation
import SigapCore
import Vapor

/// The conversation's view of Telegram: photos fetched with `getFile` and the file download URL. Replies go
/// through the outbox (`TelegramSender`).
struct TelegramChat: ChatChannel {
    let telegram: TelegramClient
    var channel: OutboxMessage.Channel { .telegram }

    struct FileRequest: Content {
        let fileId: String
        enum CodingKeys: String, CodingKey { case fileId = "file_id" }
    }
    struct File: Decodable {
        let filePath: String?
        enum CodingKeys: String, CodingKey { case filePath = "file_path" }
    }

    func downloadPhoto(_ id: String) async -> Data? {
        guard case .success(let file) = await telegram.call("getFile", FileRequest(fileId: id), expecting: File.self),
            let path = file.filePath
        else { return nil }
        let url = URI(string: "\(telegram.settings.apiURL)/file/bot\(telegram.settings.token)/\(path)")
        guard let response = try? await telegram.client.get(url), response.status == .ok,
            let body = response.body
        else { return nil }
        return Data(buffer: body)
    }
}

/// What Telegram posts to the webhook (and `getUpdates` returns): only the parts the conversation reads.
struct TelegramUpdate: Content {
    struct Chat: Content { let id: Int64 }
    struct Location: Content {
        let latitude: Double
        let longitude: Double
    }
    struct Photo: Content {
        let fileId: String
        enum CodingKeys: String, CodingKey { case fileId = "file_id" }
    }
    struct Message: Content {
        let chat: Chat
        let text: String?
        let location: Location?
        let photo: [Photo]?
    }

    let updateId: Int64
    let message: Message?

    enum CodingKeys: String, CodingKey {
        case updateId = "update_id", message
    }

    /// The conversation input, or nil for what the bot ignores (stickers, edits, …).
    var input: (chatID: String, input: ChatBot.Input)? {
        guard let message else { return nil }
        let chat = String(message.chat.id)
        if let location = message.location {
            return (chat, .location(latitude: location.latitude, longitude: location.longitude))
        }
        if let largest = message.photo?.last { return (chat, .photo(id: largest.fileId)) }
        if let text = message.text { return (chat, .text(text)) }
        return nil
    }
}

/// `POST /api/v1/webhooks/telegram`: updates from Telegram, accepted only with the secret token Sigap
/// registered (`X-Telegram-Bot-Api-Secret-Token`); anything else is 401 and ignored, also while the channel is
/// off.
struct TelegramWebhookController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("api", "v1", "webhooks").open("Telegram's webhook: the secret token header is checked")
            .post("telegram", use: receive)
    }

    func receive(req: Request) async throws -> HTTPStatus {
        guard let settings = req.sigap.config.telegram,
            let secret = req.headers.first(name: "X-Telegram-Bot-Api-Secret-Token"),
            SecretToken.constantTimeEquals(secret, settings.webhookSecret)
        else { throw AppError(status: .unauthorized, code: "unauthorized", messageKey: "error.401") }
        guard let update = try? req.content.decode(TelegramUpdate.self), let (chatID, input) = update.input else {
            return .ok  // not for the conversation; Telegram must not retry it
        }
        let chat = TelegramChat(telegram: TelegramClient(settings: settings, client: req.client))
        let context = req.context.acting(as: nil)
        try await ChatInbound.once(.telegram, id: String(update.updateId), context: context) {
            try await ChatService.handle(input, from: chatID, on: chat, context: context)
        }
        return .ok
    }
}
