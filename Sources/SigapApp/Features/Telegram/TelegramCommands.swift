import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Long polling (`getUpdates`) for servers Telegram cannot reach: each round asks for the updates after the
/// last one handled and runs them through the same conversation as the webhook. Telegram forgets an update once
/// a later offset is asked for, so an update is handled again only if the node stops mid-round.
final class TelegramPoller: Sendable {
    static let waitSeconds = 25

    let telegram: TelegramClient
    private let offset = NIOLockedValueBox<Int64>(0)

    init(telegram: TelegramClient) { self.telegram = telegram }

    struct GetUpdates: Content {
        let offset: Int64
        let timeout: Int
        let allowedUpdates = ["message"]
        enum CodingKeys: String, CodingKey {
            case offset, timeout
            case allowedUpdates = "allowed_updates"
        }
    }

    /// One `getUpdates` call (waiting up to `wait` seconds for news); returns how many updates were handled.
    @discardableResult
    func pollOnce(_ context: ServiceContext, wait: Int = TelegramPoller.waitSeconds) async throws -> Int {
        let from = offset.withLockedValue { $0 }
        let answer = await telegram.call(
            "getUpdates", GetUpdates(offset: from, timeout: wait), expecting: [TelegramUpdate].self)
        guard case .success(let updates) = answer else {
            if case .failure(let failure) = answer { throw failure }
            return 0
        }
        let chat = TelegramChat(telegram: telegram)
        for update in updates {
            if let (chatID, input) = update.input {
                do {
                    try await ChatInbound.once(.telegram, id: String(update.updateId), context: context) {
                        try await ChatService.handle(input, from: chatID, on: chat, context: context)
                    }
                } catch {
                    // One update that cannot be handled must not stop every later one: it is logged and passed.
                    context.logger.error("telegram: update \(update.updateId) failed: \(String(reflecting: error))")
                }
            }
            offset.withLockedValue { $0 = max($0, update.updateId + 1) }
        }
        return updates.count
    }
}

/// `sigap telegram set-webhook` registers `<base URL>/api/v1/webhooks/telegram` with the secret token;
/// `sigap telegram poll` removes the webhook and long-polls until stopped.
struct TelegramCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "set-webhook or poll") var action: String
        init() {}
    }

    var help: String { "Telegram bot: `set-webhook` (public servers) or `poll` (servers Telegram cannot reach)." }

    struct SetWebhook: Content {
        let url: String
        let secretToken: String
        let allowedUpdates = ["message"]
        enum CodingKeys: String, CodingKey {
            case url
            case secretToken = "secret_token", allowedUpdates = "allowed_updates"
        }
    }

    struct DeleteWebhook: Content {}

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let settings = app.sigap.config.telegram else {
            context.console.error("Telegram is off: set SIGAP_TELEGRAM_TOKEN and SIGAP_TELEGRAM_WEBHOOK_SECRET.")
            throw ExitCode(1)
        }
        let telegram = TelegramClient(settings: settings, client: app.client)
        switch signature.action {
        case "set-webhook":
            let url = app.sigap.config.baseURL + "/api/v1/webhooks/telegram"
            switch await telegram.call(
                "setWebhook", SetWebhook(url: url, secretToken: settings.webhookSecret), expecting: Bool.self)
            {
            case .success: context.console.output("Webhook set to \(url).".consoleText())
            case .failure(let failure):
                context.console.error("Telegram refused: \(failure.status) \(failure.description)")
                throw ExitCode(1)
            }
        case "poll":
            try await Bootstrap.prepareDatabase(app)
            _ = await telegram.call("deleteWebhook", DeleteWebhook(), expecting: Bool.self)
            context.console.output("Polling Telegram; stop with Ctrl-C.".consoleText())
            let poller = TelegramPoller(telegram: telegram)
            while !Task.isCancelled {
                do {
                    try await poller.pollOnce(app.context())
                } catch {
                    app.logger.warning("telegram poll: \(String(describing: error))")
                    try? await Task.sleep(nanoseconds: 5_000_000_000)
                }
            }
        default:
            context.console.error("Unknown action \"\(signature.action)\": use set-webhook or poll.")
            throw ExitCode(1)
        }
    }
}
