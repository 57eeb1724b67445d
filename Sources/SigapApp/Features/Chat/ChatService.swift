import Fluent
import Foundation
import SigapCore
import Vapor

/// A chat channel as the conversation sees it: which one it is, and how to fetch a photo the person sent.
protocol ChatChannel: Sendable {
    var channel: OutboxMessage.Channel { get }
    func downloadPhoto(_ id: String) async -> Data?
}

/// Runs one incoming chat message through `ChatBot`: loads the conversation, carries out the effect (link an
/// account, look up a status, file a report through `ReportIntake`), then saves the new step and queues the
/// answers in one transaction. A failed effect leaves the conversation where it was. One chat's messages are
/// handled one at a time, in the order they arrived; the answers go out through the outbox, in order, retried,
/// never inside the webhook request.
enum ChatService {
    /// `context` acts as nobody: the chat's own account (linked, or the WhatsApp number's) is found here.
    static func handle(
        _ input: ChatBot.Input, from chatID: String, on chat: any ChatChannel, context: ServiceContext
    ) async throws {
        try await context.services.chatTurns.run(chat.channel.rawValue + ":" + chatID) {
            try await handleInTurn(input, from: chatID, on: chat, context: context)
        }
        context.services.outboxBell.ring()
    }

    private static func handleInTurn(
        _ input: ChatBot.Input, from chatID: String, on chat: any ChatChannel, context: ServiceContext
    ) async throws {
        let db = context.db
        let conversation =
            try await ChatConversation.query(on: db).filter(\.$channel == chat.channel)
            .filter(\.$chatID == chatID).first()
            ?? {
                let fresh = ChatConversation()
                fresh.channel = chat.channel
                fresh.chatID = chatID
                fresh.botState = ChatBot.State()
                return fresh
            }()
        let link = try await ChatLink.query(on: db).filter(\.$channel == chat.channel)
            .filter(\.$chatID == chatID).first()
        var user = try await link.asyncFlatMap { try await User.find($0.userID, on: db) }
        if user == nil, chat.channel == .whatsapp {
            // WhatsApp proves the sender's number: the account that proved the same number is the sender. A number
            // nobody proved identifies nobody, so its sender is a guest.
            let lookup = context.cipher.lookupToken(chatID, purpose: "phone")
            user = try await User.query(on: db).filter(\.$phoneLookup == lookup).filter(\.$phoneVerifiedAt != nil)
                .filter(\.$disabledAt == nil).first()
        }
        let language = user.flatMap { Language(rawValue: $0.locale) } ?? .id
        // A WhatsApp guest's number is their contact already; a Telegram guest is asked for one.
        let world = try await world(isGuest: user == nil && chat.channel != .whatsapp, context: context)

        let (state, replies, effect) = ChatBot.handle(input, state: conversation.botState, world: world)
        let catalog = context.catalog
        let acting = context.acting(as: user)
        // The effect first, then the new step: if filing fails, the conversation stays where it was and the
        // channel's retry (or the person's next message) takes the same step again.
        var answer: String?
        switch effect {
        case .link(let code):
            answer = catalog.text(
                try await linkAccount(code: code, chatID: chatID, chat: chat, acting)
                    ? "chat.linked" : "chat.link_invalid", language)
        case .status(let number):
            answer = try await status(of: number, language: language, acting)
        case .file(let draft):
            var draft = draft
            if user == nil, chat.channel == .whatsapp { draft.phone = chatID }
            answer = try await file(draft, chat: chat, chatID: chatID, language: language, acting)
        case nil: break
        }
        conversation.botState = state
        conversation.lastInboundAt = context.now
        conversation.updatedAt = context.now
        var messages = replies.map { (catalog.text($0.key, language, $0.arguments), $0.choices) }
        if let answer { messages.append((answer, [])) }
        let (cipher, now, channel) = (context.cipher, context.now, chat.channel)
        let queued = messages
        try await context.write { db in
            try await conversation.save(on: db)
            for (text, choices) in queued {
                try await Outbox.reply(
                    text, choices: choices, on: channel, chatID: chatID, cipher: cipher, on: db, now: now)
            }
        }
    }

    static func world(isGuest: Bool, context: ServiceContext) async throws -> ChatBot.World {
        let reference = try await context.reference()
        let categories = reference.categories.values.filter { $0.active && $0.kind != .aspirasi }
            .sorted { $0.name < $1.name }.map { (code: $0.code, name: $0.name) }
        let desa = reference.desa.values.sorted { $0.name < $1.name }
        let bounds = reference.bounds
        let places = desa.compactMap { d in d.latitude.flatMap { lat in d.longitude.map { (d.code, lat, $0) } } }
        return ChatBot.World(
            categories: categories, desa: desa.map { (code: $0.code, name: $0.name) },
            desaAt: { latitude, longitude in
                guard let here = GeoPoint(latitude: latitude, longitude: longitude), bounds.contains(here) else {
                    return nil
                }
                return places.min {
                    here.distance(to: GeoPoint(latitude: $0.1, longitude: $0.2)!)
                        < here.distance(to: GeoPoint(latitude: $1.1, longitude: $1.2)!)
                }?.0
            }, isGuest: isGuest)
    }

    /// `/start <code>` from the account page: the code is single-use and expires.
    static func linkAccount(code: String, chatID: String, chat: any ChatChannel, _ context: ServiceContext)
        async throws -> Bool
    {
        let digest = SecretToken.digest(code)
        let now = context.now
        guard let row = try await ChatLinkCode.find(digest, on: context.db), row.expiresAt > now else { return false }
        let channel = chat.channel
        try await context.write { db in
            try await row.delete(on: db)
            try await ChatLink.query(on: db).filter(\.$channel == channel)
                .group(.or) { $0.filter(\.$userID == row.userID).filter(\.$chatID == chatID) }.delete()
            try await ChatLink(userID: row.userID, channel: channel, chatID: chatID, at: now).create(on: db)
        }
        return true
    }

    static func status(of number: String, language: Language, _ context: ServiceContext) async throws -> String {
        let catalog = context.catalog
        let viewer = ReportViewer(user: context.actor, followToken: nil)
        guard let report = try? await ReportPresenter.find(number, viewer: viewer, on: context.db) else {
            return catalog.text("chat.status_unknown", language, [number])
        }
        return catalog.text(
            "chat.status", language,
            [
                report.number, report.title, catalog.text("status.\(report.status.rawValue)", language),
                context.config.baseURL + SiteURL.report(report.number),
            ])
    }

    static func file(
        _ draft: ChatBot.Draft, chat: any ChatChannel, chatID: String, language: Language, _ context: ServiceContext
    ) async throws -> String {
        let catalog = context.catalog
        let text = draft.text ?? ""
        let title = text.count <= 80 ? text : String(text.prefix(77)) + "…"
        let reportDraft = ReportDraft(
            kind: "pengaduan", categoryCode: draft.categoryCode, title: title, description: text,
            desaCode: draft.desaCode, address: "", latitude: draft.latitude, longitude: draft.longitude,
            privacy: "publik", contact: draft.phone)
        // A photo the channel cannot give, or that is no JPEG/PNG, is left out rather than losing the report.
        var photos: [ReportPhotos.Checked] = []
        if let photoID = draft.photoID, let data = await chat.downloadPhoto(photoID),
            let photo = try? await context.threadPool.runIfActive({ [files = context.files] in
                try files.stage(data, for: .reportPhoto)
            })
        {
            photos.append(photo)
        }
        let filed: ReportIntake.Filed
        do {
            filed = try await ReportIntake.file(
                reportDraft, photos: photos, origin: .init(chat: chat.channel.rawValue + ":" + chatID), context: context
            )
        } catch let error as AppError where error.status == .unprocessableEntity {
            let problems = error.fields.values.map { catalog.text($0, language) }.joined(separator: " ")
            return catalog.text("chat.filing_failed", language, [problems])
        } catch let error as AppError where error.status == .tooManyRequests {
            return catalog.text("chat.too_many_reports", language)
        }
        var link = context.config.baseURL + SiteURL.report(filed.report.number)
        if let token = filed.followToken { link += "?kunci=" + token }
        return catalog.text("chat.filed", language, [filed.report.number, link])
    }
}
