import Foundation
import SigapCore

/// One message ready for a channel: where to, and the text in the recipient's language.
struct OutgoingMessage: Sendable {
    let outboxID: Int
    let channel: OutboxMessage.Channel
    /// Telegram chat id, WhatsApp number (62…) or e-mail address; nil for in-app.
    let address: String?
    let event: EventKind
    let text: String
    /// What it is about in a few characters (`EventMessage.reference`).
    let reference: String
    /// The page it is about (`EventMessage.path`), for a push notification to open.
    var path: String?
    let language: Language
    /// Answers a chat reply offers (a keyboard on Telegram, lines to type back on WhatsApp).
    var choices: [String] = []

    /// The first line, for an e-mail's subject.
    var headline: String {
        let first = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        return first.count <= 90 ? first : String(first.prefix(89)) + "…"
    }
}

/// What a channel made of a message.
enum DeliveryOutcome: Sendable, Equatable {
    case sent(externalID: String?)
    /// Try again later, not before `after` seconds when the channel said so.
    case retry(after: TimeInterval?, reason: String)
    /// The channel refused the message for good (blocked bot, unknown chat).
    case failed(reason: String)
}

/// A way out: Telegram, WhatsApp. In-app messages need no sender (the notifications page reads them).
protocol ChannelSender: Sendable {
    var channel: OutboxMessage.Channel { get }
    func send(_ message: OutgoingMessage) async -> DeliveryOutcome
}
