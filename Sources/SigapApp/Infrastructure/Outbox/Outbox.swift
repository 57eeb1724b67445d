import Fluent
import Foundation
import SigapCore

/// Writes outbox rows. Always called inside the transaction of the change it reports, so a message exists
/// if and only if the change does.
enum Outbox {
    struct Recipient {
        var userID: UUID?
        var contact: ContactIdentifier?
    }

    struct NoRecipient: Error {}

    /// Accounts hear in the app (a later issue adds their chosen channels); guests on the contact they gave.
    static func channel(for recipient: Recipient) throws -> OutboxMessage.Channel {
        if recipient.userID != nil { return .inApp }
        switch recipient.contact {
        case .phone: return .whatsapp
        case .email: return .email
        case nil: throw NoRecipient()
        }
    }

    static func enqueue(
        _ event: String, reportID: Int?, payload: [String: String], to recipients: [Recipient], cipher: FieldCipher,
        on db: any Database, now: Date
    ) async throws {
        let json = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        var seenUsers = Set<UUID>()
        for recipient in recipients {
            let message = OutboxMessage()
            guard let channel = try? channel(for: recipient) else { continue }
            message.channel = channel
            if let userID = recipient.userID {
                guard seenUsers.insert(userID).inserted else { continue }
                message.recipientUserID = userID
            } else if let contact = recipient.contact {
                message.recipientContactCipher = try cipher.seal(contact.canonical)
            }
            message.event = event
            message.reportID = reportID
            message.payload = json
            message.createdAt = now
            message.availableAt = now
            message.attempts = 0
            try await message.create(on: db)
        }
    }
}
