import Fluent
import Foundation
import SigapCore

/// Writes outbox rows. Always called inside the transaction of the change it reports, so a message exists
/// if and only if the change does: one row per recipient and channel.
enum Outbox {
    struct Recipient {
        var userID: UUID?
        var contact: ContactIdentifier?
    }

    /// Where one row goes.
    struct Address: Sendable {
        let userID: UUID?
        let contactCipher: String?
        let channel: OutboxMessage.Channel
    }

    /// Accounts get the in-app row and one per linked chat channel their settings allow for `event`; guests get
    /// one on the contact they gave (WhatsApp for a phone number, e-mail otherwise).
    static func addresses(
        for recipients: [Recipient], event: String, cipher: FieldCipher, on db: any Database
    ) async throws -> [Address] {
        let userIDs = Array(Set(recipients.compactMap(\.userID)))
        var chats: [UUID: Set<OutboxMessage.Channel>] = [:]
        var settings: [UUID: NotificationSettings] = [:]
        if !userIDs.isEmpty {
            for link in try await ChatLink.query(on: db).filter(\.$userID ~~ userIDs).all() {
                chats[link.userID, default: []].insert(link.channel)
            }
            for row in try await NotificationSettings.query(on: db).filter(\.$id ~~ userIDs).all() {
                settings[row.id!] = row
            }
        }
        var addresses: [Address] = []
        var seenUsers = Set<UUID>()
        for recipient in recipients {
            if let userID = recipient.userID {
                guard seenUsers.insert(userID).inserted else { continue }
                addresses.append(Address(userID: userID, contactCipher: nil, channel: .inApp))
                let wanted = settings[userID]
                for channel in (chats[userID] ?? []).sorted(by: { $0.rawValue < $1.rawValue })
                where wanted.map({ $0.channelSet.contains(channel) && $0.eventSet.contains(event) }) ?? true {
                    addresses.append(Address(userID: userID, contactCipher: nil, channel: channel))
                }
            } else if let contact = recipient.contact {
                let channel: OutboxMessage.Channel
                switch contact {
                case .phone: channel = .whatsapp
                case .email: channel = .email
                }
                addresses.append(
                    Address(userID: nil, contactCipher: try cipher.seal(contact.canonical), channel: channel))
            }
        }
        return addresses
    }

    static func enqueue(
        _ event: String, reportID: Int?, payload: [String: String], to recipients: [Recipient], cipher: FieldCipher,
        on db: any Database, now: Date
    ) async throws {
        let json = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        for address in try await addresses(for: recipients, event: event, cipher: cipher, on: db) {
            let message = OutboxMessage()
            message.channel = address.channel
            message.recipientUserID = address.userID
            message.recipientContactCipher = address.contactCipher
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
