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
            return await whatsapp.send(WhatsAppMessage.Text(to: number, body: message.text))
        }
        // Template parameters may not contain line breaks.
        let news = message.text.replacingOccurrences(of: "\n", with: " · ")
        return await whatsapp.send(
            WhatsAppMessage.Template(
                to: number, name: whatsapp.settings.templateName, language: message.language.rawValue,
                parameters: [message.reference, news]))
    }
}

/// The conversation's view of WhatsApp: plain text replies (choices listed as lines to type back), photos
/// fetched through the media endpoint.
struct WhatsAppChat: ChatChannel {
    let whatsapp: WhatsAppClient
    var channel: OutboxMessage.Channel { .whatsapp }

    func send(_ text: String, choices: [String], to chatID: String) async {
        let body = choices.isEmpty ? text : text + "\n" + choices.map { "• \($0)" }.joined(separator: "\n")
        _ = await whatsapp.send(WhatsAppMessage.Text(to: chatID, body: body))
    }

    func downloadPhoto(_ id: String) async -> Data? { await whatsapp.downloadMedia(id) }
}
