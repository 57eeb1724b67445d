import Foundation
import Vapor

/// The few Bot API methods Sigap uses, over Vapor's HTTP client: `POST {base}/bot{token}/{method}` with JSON.
struct TelegramClient: Sendable {
    let settings: AppConfig.TelegramSettings
    let client: any Client

    /// Telegram's answer envelope: `{"ok":true,"result":…}` or `{"ok":false,"error_code":…,"description":…,
    /// "parameters":{"retry_after":…}}`.
    struct Envelope<Result: Decodable>: Decodable {
        struct Parameters: Decodable {
            let retryAfter: Int?
            enum CodingKeys: String, CodingKey { case retryAfter = "retry_after" }
        }
        let ok: Bool
        let result: Result?
        let errorCode: Int?
        let description: String?
        let parameters: Parameters?

        enum CodingKeys: String, CodingKey {
            case ok, result, description, parameters
            case errorCode = "error_code"
        }
    }

    struct SentMessage: Decodable {
        let messageId: Int
        enum CodingKeys: String, CodingKey { case messageId = "message_id" }
    }

    func url(_ method: String) -> URI {
        URI(string: "\(settings.apiURL)/bot\(settings.token)/\(method)")
    }

    /// Calls `method` with `body`; transport failures and unreadable answers become `DeliveryOutcome.retry`.
    func call<Body: Encodable & Sendable, Result: Decodable>(
        _ method: String, _ body: Body, expecting: Result.Type
    ) async -> Swift.Result<Result, TelegramFailure> {
        do {
            let response = try await client.post(url(method)) { request in
                try request.content.encode(body, as: .json)
                request.timeout = .seconds(20)
            }
            let envelope = try response.content.decode(Envelope<Result>.self)
            if envelope.ok, let result = envelope.result { return .success(result) }
            return .failure(
                TelegramFailure(
                    status: envelope.errorCode ?? Int(response.status.code), description: envelope.description ?? "",
                    retryAfter: envelope.parameters?.retryAfter))
        } catch {
            return .failure(
                TelegramFailure(status: 0, description: String(describing: type(of: error)), retryAfter: nil))
        }
    }
}

/// A refused or failed Bot API call. The token is never part of the description (it is in the URL only).
struct TelegramFailure: Error, Sendable {
    let status: Int
    let description: String
    let retryAfter: Int?

    /// 429 (flood control), 5xx and transport failures are worth retrying; 400/403 (unknown chat, blocked bot)
    /// are not.
    var outcome: DeliveryOutcome {
        let reason = "telegram \(status): \(description)"
        if status == 429 || status >= 500 || status == 0 {
            return .retry(after: retryAfter.map(TimeInterval.init), reason: reason)
        }
        return .failed(reason: reason)
    }
}

/// Sends outbox messages as Telegram chat messages.
struct TelegramSender: ChannelSender {
    let telegram: TelegramClient
    var channel: OutboxMessage.Channel { .telegram }

    struct Button: Content { let text: String }
    /// A reply keyboard for a chat reply's choices, or its removal once there are none.
    struct Keyboard: Content {
        let keyboard: [[Button]]?
        let oneTimeKeyboard: Bool?
        let resizeKeyboard: Bool?
        let removeKeyboard: Bool?
        enum CodingKeys: String, CodingKey {
            case keyboard
            case oneTimeKeyboard = "one_time_keyboard", resizeKeyboard = "resize_keyboard"
            case removeKeyboard = "remove_keyboard"
        }

        init(choices: [String]) {
            keyboard = choices.isEmpty ? nil : choices.map { [Button(text: $0)] }
            oneTimeKeyboard = choices.isEmpty ? nil : true
            resizeKeyboard = choices.isEmpty ? nil : true
            removeKeyboard = choices.isEmpty ? true : nil
        }
    }

    struct SendMessage: Content {
        let chatId: String
        let text: String
        let disableWebPagePreview = true
        /// Only on chat replies: notifications leave the person's keyboard alone.
        let replyMarkup: Keyboard?
        enum CodingKeys: String, CodingKey {
            case chatId = "chat_id", text
            case disableWebPagePreview = "disable_web_page_preview"
            case replyMarkup = "reply_markup"
        }
    }

    func send(_ message: OutgoingMessage) async -> DeliveryOutcome {
        guard let chat = message.address else { return .failed(reason: "no telegram chat") }
        let markup = message.event == .chatReply ? Keyboard(choices: message.choices) : nil
        switch await telegram.call(
            "sendMessage", SendMessage(chatId: chat, text: message.text, replyMarkup: markup),
            expecting: SentMessage.self)
        {
        case .success(let sent): return .sent(externalID: String(sent.messageId))
        case .failure(let failure): return failure.outcome
        }
    }

    typealias SentMessage = TelegramClient.SentMessage
}
