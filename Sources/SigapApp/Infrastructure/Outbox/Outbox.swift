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

    static func enqueue(
        _ event: String, reportID: Int?, payload: [String: String], to recipients: [Recipient], cipher: FieldCipher,
        on db: any Database, now: Date
    ) async throws {
        let json = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        var seenUsers = Set<UUID>()
        for recipient in recipients {
            let message = OutboxMessage()
            if let userID = recipient.userID {
                guard seenUsers.insert(userID).inserted else { continue }
                message.recipientUserID = userID
                message.channel = .inApp
            } else if let contact = recipient.contact {
                message.recipientContactCipher = try cipher.seal(contact.canonical)
                if case .phone = contact { message.channel = .whatsapp } else { message.channel = .email }
            } else {
                continue
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
