import Fluent
import Foundation
import SigapCore
import Vapor

/// Turns an outbox row into a chat message: the recipient's address on the row's channel and the text in their
/// language, from the catalog (`notify.<event>`).
enum NotificationText {
    static func outgoing(_ message: OutboxMessage, app: Application) async throws -> OutgoingMessage? {
        let payload = message.payloadFields
        var language = Language.id
        var address: String?
        if let userID = message.recipientUserID {
            let user = try await User.find(userID, on: app.db)
            language = user.flatMap { Language(rawValue: $0.locale) } ?? .id
            address = try await ChatLink.query(on: app.db).filter(\.$userID == userID)
                .filter(\.$channel == message.channel).first()?.chatID
        } else if let sealed = message.recipientContactCipher,
            let contact = (try? app.sigap.cipher.open(sealed)).flatMap(ContactIdentifier.init)
        {
            if case .phone(let phone) = contact, message.channel == .whatsapp { address = phone.digits }
        }
        guard let address else { return nil }
        return OutgoingMessage(
            outboxID: message.id!, channel: message.channel, address: address, event: message.event,
            text: text(message.event, payload, language: language, app: app), payload: payload, language: language)
    }

    /// The message text; unknown events fall back to a generic "your report changed".
    static func text(_ event: String, _ payload: [String: String], language: Language, app: Application) -> String {
        let catalog = app.catalog
        let number = payload["number"] ?? ""
        let link = app.sigap.config.baseURL + SiteURL.report(number)
        let status = payload["status"].map { catalog.text("status.\($0)", language) } ?? ""
        let arguments: [String]
        switch event {
        case "report.received": arguments = [number, payload["title"] ?? "", link]
        case "report.status_changed": arguments = [number, status, payload["text"] ?? "", link]
        case "report.reply", "report.merged": arguments = [number, payload["text"] ?? "", link]
        case "report.deadline_missed":
            arguments = [
                number, payload["title"] ?? "", payload["level"] ?? "",
                app.sigap.config.baseURL + SiteURL.staffReport(number),
            ]
        default: return catalog.text("notify.generic", language, [number, link])
        }
        return catalog.text("notify.\(event)", language, arguments)
            .replacingOccurrences(of: "\n\n\n", with: "\n\n")
    }
}
