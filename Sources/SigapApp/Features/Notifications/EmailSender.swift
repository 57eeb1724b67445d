import Foundation
import SigapCore

/// Sends outbox messages by e-mail through `SMTPClient`: a guest's receipt with their private follow-up link,
/// one-time codes, the notice to an address someone tried to register with.
struct EmailSender: ChannelSender {
    let smtp: SMTPClient
    var channel: OutboxMessage.Channel { .email }

    func send(_ message: OutgoingMessage) async -> DeliveryOutcome {
        guard let address = message.address, let to = EmailAddress(address) else {
            return .failed(reason: "no e-mail address")
        }
        let settings = smtp.settings
        let mail = MailMessage(
            fromAddress: settings.from, fromName: settings.fromName, to: to.value, subject: message.headline,
            text: message.text,
            // The outbox id makes a retried message the same message to the recipient's mail program.
            messageID: "<sigap.\(message.outboxID)@\(SMTPClient.helloName(from: settings.from))>", date: Date())
        do {
            try await smtp.send(mail)
            return .sent(externalID: nil)
        } catch let failure as SMTPClient.Failure where !failure.isTransient {
            return .failed(reason: failure.description)
        } catch {
            return .retry(after: nil, reason: String(describing: error))
        }
    }
}
