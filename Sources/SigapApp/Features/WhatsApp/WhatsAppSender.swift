import Fluent
import Foundation
import Vapor

/// Sends outbox messages on WhatsApp: free text while the person's 24-hour window is open (they wrote to us in
/// the last 24 hours), the approved template otherwise.
struct WhatsAppSender: ChannelSender {
    static let window: TimeInterval = 24 * 3600

    let whatsapp: WhatsAppClient
    let app: Application
    var channel: OutboxMessage.Channel { .whatsapp }

    func send(_ message: OutgoingMessage) async -> DeliveryOutcome {
        guard let number = message.address else { return .failed(reason: "no whatsapp number") }
        let lastInbound = try? await ChatConversation.query(on: app.db).filter(\.$channel == .whatsapp)
            .filter(\.$chatID == number).first()?.lastInboundAt
        if let lastInbound, app.sigap.clock.now().timeIntervalSince(lastInbound) < Self.window {
            // A chat reply's choices are listed as lines to type back.
            let body =
                message.choices.isEmpty
                ? message.text : message.text + "\n" + message.choices.map { "• \($0)" }.joined(separator: "\n")
            return await whatsapp.send(WhatsAppMessage.Text(to: number, body: body))
        }
        // Template parameters may not contain line breaks.
        let news = message.text.replacingOccurrences(of: "\n", with: " · ")
        return await whatsapp.send(
            WhatsAppMessage.Template(
                to: number, name: whatsapp.settings.templateName, language: message.language.rawValue,
                parameters: [message.reference, news]))
    }
}

/// The conversation's view of WhatsApp: photos fetched through the media endpoint. Replies go through the
/// outbox (`WhatsAppSender`).
struct WhatsAppChat: ChatChannel {
    let whatsapp: WhatsAppClient
    var channel: OutboxMessage.Channel { .whatsapp }

    func downloadPhoto(_ id: String) async -> Data? { await whatsapp.downloadMedia(id) }
}
