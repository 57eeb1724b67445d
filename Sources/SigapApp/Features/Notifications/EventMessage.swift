import Fluent
import Foundation
import SigapCore
import Vapor

/// What a notification says and where it leads: the one place each `EventKind` gets its text (Indonesian and
/// English, catalog key `notify.<event>`) and its link. The in-app page, Telegram, WhatsApp and later e-mail all
/// read it from here, so they say the same thing.
struct EventMessage: Sendable, Equatable {
    let text: String
    /// A path on this site (`SiteURL`); chat messages carry it as an absolute address inside `text`.
    let path: String?
    /// What the message is about in a few characters (a report's number): the first parameter of the WhatsApp
    /// template, which cannot be empty.
    let reference: String

    static func make(
        _ event: EventKind, subject: Subject?, payload: [String: String], language: Language, catalog: Catalog,
        baseURL: String
    ) -> EventMessage {
        let number = payload["number"] ?? ""
        var reference = number
        let path: String?
        let arguments: [String]
        switch event {
        case .reportReceived:
            path = SiteURL.report(number)
            // A guest's copy carries their private follow-up link (opened from the sealed payload by the sender).
            let link = baseURL + SiteURL.report(number) + (payload["follow"].map { "?kunci=" + $0 } ?? "")
            arguments = [number, payload["title"] ?? "", link]
        case .reportStatusChanged:
            path = SiteURL.report(number)
            let status = payload["status"].map { catalog.text("status.\($0)", language) } ?? ""
            arguments = [number, status, payload["text"] ?? "", baseURL + SiteURL.report(number)]
        case .reportReply, .reportMerged:
            path = SiteURL.report(number)
            arguments = [number, payload["text"] ?? "", baseURL + SiteURL.report(number)]
        case .reportDeadlineMissed:
            path = SiteURL.staffReport(number)
            arguments = [number, payload["title"] ?? "", payload["level"] ?? "", baseURL + SiteURL.staffReport(number)]
        case .wbsCaseFiled, .wbsReporterMessage:
            // Nothing of the case itself leaves the sealed pages: only that there is something to read.
            path = subject.map { SiteURL.wbsCase($0.id) }
            reference = "WBS"
            arguments = [
                payload["type"].map { catalog.text("wbs.type.\($0)", language) } ?? "", baseURL + (path ?? ""),
            ]
        case .proposalReceived, .proposalDecided, .proposalRealisation:
            path = SiteURL.proposal(number)
            let stage = payload["stage"].map { catalog.text("proposal.stage.\($0)", language) } ?? ""
            arguments = [
                number, payload["title"] ?? "", stage, payload["text"] ?? "", baseURL + SiteURL.proposal(number),
            ]
        case .forumReply:
            path = SiteURL.forumThread(number)
            reference = "Forum"
            arguments = [payload["title"] ?? "", baseURL + SiteURL.forumThread(number)]
        case .forumModerated:
            path = number.isEmpty ? SiteURL.forum : SiteURL.forumThread(number)
            reference = "Forum"
            arguments = [
                payload["title"] ?? "", payload["text"].map { catalog.text($0, language) } ?? "",
                baseURL + (path ?? ""),
            ]
        case .applicationUpdated:
            path = SiteURL.application(number)
            let status = payload["status"].map { catalog.text("application.status.\($0)", language) } ?? ""
            arguments = [
                number, payload["title"] ?? "", status, payload["text"] ?? "", baseURL + SiteURL.application(number),
            ]
        case .applicationLate:
            path = SiteURL.application(number)
            arguments = [number, payload["title"] ?? "", payload["level"] ?? "", baseURL + SiteURL.application(number)]
        case .awardGranted:
            path = SiteURL.certificate(number)
            arguments = [payload["title"] ?? "", baseURL + SiteURL.certificate(number)]
        case .chatReply:
            // The bot's words, already in the chat's language.
            return EventMessage(text: payload["text"] ?? "", path: nil, reference: "Sigap")
        case .contactCode:
            path = nil
            reference = "Sigap"
            arguments = [payload["code"] ?? "", String(Int(ContactCode.lifetime / 60))]
        case .registrationAttempt:
            path = SiteURL.login
            reference = "Sigap"
            arguments = [baseURL + SiteURL.login]
        }
        let text = catalog.text("notify.\(event.rawValue)", language, arguments)
            .replacingOccurrences(of: "\n\n\n", with: "\n\n")
        return EventMessage(text: text, path: path, reference: reference)
    }

    /// The message of an outbox row in `language`; sealed payload fields are opened with `cipher` when given
    /// (senders), and left out otherwise (pages).
    static func of(
        _ message: OutboxMessage, language: Language, catalog: Catalog, baseURL: String, cipher: FieldCipher? = nil
    ) -> EventMessage {
        var payload: [String: String] = [:]
        for (name, value) in message.payloadFields {
            if name.hasSuffix(Outbox.sealedSuffix) {
                if let opened = try? cipher?.open(value) {
                    payload[String(name.dropLast(Outbox.sealedSuffix.count))] = opened
                }
            } else {
                payload[name] = value
            }
        }
        return make(
            message.event, subject: message.subject, payload: payload, language: language, catalog: catalog,
            baseURL: baseURL)
    }

    /// Turns an outbox row into a message for its channel: the recipient's address on the row's channel (an
    /// account's linked chat; a guest's WhatsApp number or e-mail address; the chat a reply answers) and the text
    /// in their language; nil when the row has no address on its channel.
    static func outgoing(_ message: OutboxMessage, app: Application) async throws -> OutgoingMessage? {
        let cipher = app.sigap.cipher
        var language = message.payloadFields["language"].flatMap(Language.init) ?? .id
        var address: String?
        if let userID = message.recipientUserID {
            let user = try await User.find(userID, on: app.db)
            language = user.flatMap { Language(rawValue: $0.locale) } ?? .id
            address = try await ChatLink.query(on: app.db).filter(\.$userID == userID)
                .filter(\.$channel == message.channel).first()?.chatID
        }
        // A guest's contact — or the phone a citizen gave the pendamping who filed for them.
        if address == nil, message.channel != .inApp, let sealed = message.recipientContactCipher,
            let opened = try? cipher.open(sealed)
        {
            if message.event == .chatReply {
                address = opened  // the chat that wrote
            } else {
                switch (ContactIdentifier(opened), message.channel) {
                case (.phone(let phone), .whatsapp): address = phone.digits
                case (.email(let email), .email): address = email.value
                default: address = nil
                }
            }
        }
        guard let address else { return nil }
        let content = of(
            message, language: language, catalog: app.catalog, baseURL: app.sigap.config.baseURL, cipher: cipher)
        return OutgoingMessage(
            outboxID: message.id!, channel: message.channel, address: address, event: message.event,
            text: content.text, reference: content.reference, path: content.path, language: language,
            choices: message.event == .chatReply
                ? (message.payloadFields["choices"]?.split(separator: "\n").map(String.init) ?? []) : [])
    }
}
