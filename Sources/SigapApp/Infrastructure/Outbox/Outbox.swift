import Fluent
import Foundation
import SQLKit
import SigapCore

/// Writes outbox rows. Always called inside the transaction of the change it reports, so a message exists
/// if and only if the change does: one row per recipient and channel. Who hears on which channel is read in
/// that same transaction, so a channel linked or a preference changed just before is honoured.
enum Outbox {
    struct Recipient: Sendable {
        var userID: UUID?
        var contact: ContactIdentifier?
    }

    /// Where one row goes.
    struct Address: Sendable {
        let userID: UUID?
        let contactCipher: String?
        let channel: OutboxMessage.Channel
        /// `OutboxMessage.recipientKey`.
        let key: String
    }

    /// Recipient keys: equal for the same recipient, and revealing no contact (keyed look-up tokens).
    enum Keys {
        static func user(_ id: UUID) -> String { "user:" + id.uuidString }
        static func contact(_ contact: ContactIdentifier, cipher: FieldCipher) -> String {
            "contact:" + lookup(contact, cipher: cipher)
        }
        /// A contact's keyed look-up token (also how `verification_codes` find one contact's codes).
        static func lookup(_ contact: ContactIdentifier, cipher: FieldCipher) -> String {
            cipher.lookupToken(contact.canonical, purpose: "contact")
        }
        static func chat(_ channel: OutboxMessage.Channel, _ chatID: String, cipher: FieldCipher) -> String {
            "chat:" + cipher.lookupToken(channel.rawValue + ":" + chatID, purpose: "chat")
        }
    }

    /// Payload fields whose name ends in this are sealed in the row (a verification code, a guest's follow-up
    /// secret) and opened only by the sender (`EventMessage.outgoing`).
    static let sealedSuffix = "_sealed"

    /// `payload` with the secrets in `secrets` added sealed.
    static func payload(_ payload: [String: String], sealing secrets: [String: String], cipher: FieldCipher) throws
        -> [String: String]
    {
        var payload = payload
        for (name, value) in secrets { payload[name + sealedSuffix] = try cipher.seal(value) }
        return payload
    }

    /// The chat links and preferences of a set of accounts, read once for many recipients (a batch of filings).
    struct Directory: Sendable {
        var chats: [UUID: Set<OutboxMessage.Channel>] = [:]
        var settings: [UUID: NotificationSettings.Choice] = [:]

        static func load(for userIDs: Set<UUID>, on db: any Database) async throws -> Directory {
            var directory = Directory()
            guard !userIDs.isEmpty else { return directory }
            let ids = Array(userIDs)
            for link in try await ChatLink.query(on: db).filter(\.$userID ~~ ids).all() {
                directory.chats[link.userID, default: []].insert(link.channel)
            }
            for row in try await NotificationSettings.query(on: db).filter(\.$id ~~ ids).all() {
                directory.settings[row.id!] = row.choice
            }
            return directory
        }

        /// Accounts get the in-app row and one per linked chat channel their settings allow for `event`; guests
        /// get one on the contact they gave (WhatsApp for a phone number, e-mail otherwise).
        func addresses(for recipients: [Recipient], event: EventKind, cipher: FieldCipher) throws -> [Address] {
            var addresses: [Address] = []
            var seenUsers = Set<UUID>()
            for recipient in recipients {
                if let userID = recipient.userID {
                    guard seenUsers.insert(userID).inserted else { continue }
                    let key = Keys.user(userID)
                    addresses.append(Address(userID: userID, contactCipher: nil, channel: .inApp, key: key))
                    let wanted = settings[userID]
                    for channel in (chats[userID] ?? []).sorted(by: { $0.rawValue < $1.rawValue })
                    where wanted.map({ $0.channels.contains(channel) && $0.events.contains(event) }) ?? true {
                        addresses.append(Address(userID: userID, contactCipher: nil, channel: channel, key: key))
                    }
                    // A citizen a pendamping filed for has no chat linked yet: the phone they gave hears the news.
                    if let contact = recipient.contact, (chats[userID] ?? []).isEmpty {
                        addresses.append(
                            Address(
                                userID: userID, contactCipher: try cipher.seal(contact.canonical),
                                channel: .reaching(contact), key: key))
                    }
                } else if let contact = recipient.contact {
                    addresses.append(
                        Address(
                            userID: nil, contactCipher: try cipher.seal(contact.canonical),
                            channel: .reaching(contact), key: Keys.contact(contact, cipher: cipher)))
                }
            }
            return addresses
        }
    }

    /// Queues `event` about `subject` for `recipients`, on `db` — the transaction of the change. Chat channels
    /// send it from `availableAt` (default: at once). `guestSecrets` go sealed to guest contacts only (their
    /// private follow-up link).
    static func enqueue(
        _ event: EventKind, about subject: Subject?, payload: [String: String], guestSecrets: [String: String] = [:],
        to recipients: [Recipient], cipher: FieldCipher, on db: any Database, now: Date, availableAt: Date? = nil
    ) async throws {
        let directory = try await Directory.load(for: Set(recipients.compactMap(\.userID)), on: db)
        let json = try encode(payload)
        let guestJSON =
            guestSecrets.isEmpty ? json : try encode(Self.payload(payload, sealing: guestSecrets, cipher: cipher))
        for address in try directory.addresses(for: recipients, event: event, cipher: cipher) {
            try await row(
                address, event: event, subject: subject, payload: address.userID == nil ? guestJSON : json, now: now,
                availableAt: availableAt
            ).create(on: db)
        }
    }

    /// Queues the bot's answer to a chat: sent in order with the chat's other answers, retried like every row,
    /// and never inside the webhook request that caused it.
    static func reply(
        _ text: String, choices: [String], on channel: OutboxMessage.Channel, chatID: String, cipher: FieldCipher,
        on db: any Database, now: Date
    ) async throws {
        var payload = ["text": text]
        if !choices.isEmpty { payload["choices"] = choices.joined(separator: "\n") }
        let address = Address(
            userID: nil, contactCipher: try cipher.seal(chatID), channel: channel,
            key: Keys.chat(channel, chatID, cipher: cipher))
        try await row(address, event: .chatReply, subject: nil, payload: try encode(payload), now: now).create(on: db)
    }

    private static func row(
        _ address: Address, event: EventKind, subject: Subject?, payload: String, now: Date, availableAt: Date? = nil
    ) -> OutboxMessage {
        let message = OutboxMessage()
        message.channel = address.channel
        message.recipientUserID = address.userID
        message.recipientContactCipher = address.contactCipher
        message.recipientKey = address.key
        message.event = event
        message.subjectKind = subject?.kind
        message.subjectID = subject?.id
        message.payload = payload
        message.createdAt = now
        message.availableAt = availableAt ?? now
        message.attempts = 0
        return message
    }

    static func encode(_ payload: [String: String]) throws -> String {
        String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
    }

    /// One row's values for a multi-row insert, in `OutboxMessage.insertColumns` order.
    static func values(
        _ address: Address, event: EventKind, subject: Subject, payload: String, now: Date
    ) -> [any SQLExpression] {
        [
            SQLBind(address.userID), SQLBind(address.contactCipher), SQLBind(address.key),
            SQLBind(address.channel.rawValue),
            SQLBind(event.rawValue), SQLBind(subject.kind.rawValue), SQLBind(subject.id), SQLBind(payload),
            SQLBind(now), SQLBind(now), SQLBind(0),
        ]
    }
}
