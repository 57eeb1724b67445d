import Fluent
import SigapCore
import Vapor

/// `/notifikasi`: every account's in-app notifications; `/akun/notifikasi`: which chat channels and events the
/// person wants, and linking a Telegram chat with a one-time code.
struct NotificationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let own = routes.requiring(.useOwnAccount)
        own.get("notifikasi", use: list)
        own.post("notifikasi", "dibaca", use: markRead)
        own.get("akun", "notifikasi", use: settings)
        own.post("akun", "notifikasi", use: saveSettings)
        own.post("akun", "telegram", use: linkTelegram)
        own.post("akun", "telegram", "lepas", use: unlinkTelegram)
    }

    static let shown = 50

    struct Item {
        let at: String
        let text: String
        let url: String?
        let unread: Bool
    }

    struct ListPage {
        let page: PageContext
        let items: [Item]?
        let unread: Int
    }

    func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let rows = try await OutboxMessage.query(on: req.db).filter(\.$recipientUserID == user.id!)
            .filter(\.$channel == .inApp).sort(\.$id, .descending).limit(Self.shown).all()
        let items = rows.map { row in
            let message = EventMessage.of(
                row, language: req.language, catalog: req.application.catalog, baseURL: req.sigap.config.baseURL)
            return Item(
                at: req.localDateTime(row.createdAt), text: message.text, url: message.path, unread: row.readAt == nil)
        }
        return req.page(
            ListPage(
                page: PageContext(req, title: req.t("notifications.title")), items: items.nilIfEmpty,
                unread: items.count { $0.unread }))
    }

    func markRead(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await OutboxMessage.query(on: req.writeDB).filter(\.$recipientUserID == user.id!)
            .filter(\.$channel == .inApp).filter(\.$readAt == nil).set(\.$readAt, to: req.now).update()
        return req.redirect(to: SiteURL.notifications, redirectType: .normal)
    }

    struct Toggle {
        let value: String
        let label: String
        let on: Bool
    }

    struct SettingsPage {
        let page: PageContext
        let telegramOn: Bool
        let telegramLinked: Bool
        let linkCode: String?
        let deepLink: String?
        /// Devices of this account subscribed to push notifications.
        let pushDevices: Int
        /// The server's VAPID public key, for the browser's `pushManager.subscribe`.
        let pushKey: String
        let channels: [Toggle]
        let events: [Toggle]
    }

    func settings(req: Request) async throws -> Response {
        try await renderSettings(req, code: nil)
    }

    struct SettingsInput: Content {
        var channels: [String]?
        var events: [String]?
    }

    func saveSettings(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = try req.content.decode(SettingsInput.self)
        let channels = (input.channels ?? []).compactMap(OutboxMessage.Channel.init(rawValue:)).filter {
            $0 == .telegram || $0 == .whatsapp || $0 == .push
        }
        let events = (input.events ?? []).compactMap(EventKind.init(rawValue:)).filter(
            EventKind.choosable(byStaff: user.role.isStaff).contains)
        let existing = try await NotificationSettings.find(user.id, on: req.db)
        let row = existing ?? NotificationSettings(userID: user.id!, channels: [], events: [])
        row.channels = channels.map(\.rawValue).joined(separator: ",")
        row.events = events.map(\.rawValue).joined(separator: ",")
        // WhatsApp goes to the account's own number (the only one it has proved by signing up with it).
        let phone =
            channels.contains(.whatsapp) && req.sigap.config.whatsapp != nil
            ? user.phoneCipher.flatMap({ try? req.sigap.cipher.open($0) }) : nil
        let (userID, now) = (user.id!, req.now)
        try await req.context.write { db in
            try await row.save(on: db)
            try await ChatLink.query(on: db).filter(\.$userID == userID).filter(\.$channel == .whatsapp).delete()
            if let phone {
                try await ChatLink(userID: userID, channel: .whatsapp, chatID: phone, at: now).create(on: db)
            }
        }
        req.setNotice("admin.saved")
        return req.redirect(to: SiteURL.notificationSettings, redirectType: .normal)
    }

    func linkTelegram(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard req.sigap.config.telegram != nil else { throw AppError.notFound() }
        let code = try await ChatLinkCode.issue(for: user.id!, on: req.writeDB, now: req.now)
        return try await renderSettings(req, code: code)
    }

    func unlinkTelegram(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await ChatLink.query(on: req.writeDB).filter(\.$userID == user.id!).filter(\.$channel == .telegram).delete()
        req.setNotice("admin.saved")
        return req.redirect(to: SiteURL.notificationSettings, redirectType: .normal)
    }

    private func renderSettings(_ req: Request, code: String?) async throws -> Response {
        let user = try req.requireUser()
        let linked = try await ChatLink.query(on: req.db).filter(\.$userID == user.id!).all()
        let saved = try await NotificationSettings.find(user.id, on: req.db)
        let offered: [OutboxMessage.Channel] =
            (req.sigap.config.telegram == nil ? [] : [.telegram])
            + (req.sigap.config.whatsapp == nil || user.phoneCipher == nil ? [] : [.whatsapp])
            + (linked.contains { $0.channel == .push } ? [.push] : [])
        let channels = offered.map { channel in
            Toggle(
                value: channel.rawValue, label: req.t("notifications.channel.\(channel.rawValue)"),
                on: saved.map { $0.choice.channels.contains(channel) } ?? true)
        }
        let events = EventKind.choosable(byStaff: user.role.isStaff).map { event in
            Toggle(
                value: event.rawValue, label: req.t("notifications.event.\(event.rawValue)"),
                on: saved.map { $0.choice.events.contains(event) } ?? true)
        }
        let bot = req.sigap.config.telegram?.botUsername
        return req.page(
            SettingsPage(
                page: PageContext(req, title: req.t("notifications.settings_title")),
                telegramOn: req.sigap.config.telegram != nil,
                telegramLinked: linked.contains { $0.channel == .telegram }, linkCode: code,
                deepLink: code.flatMap { code in bot.map { "https://t.me/\($0)?start=\(code)" } },
                pushDevices: linked.first { $0.channel == .push }.map { PushDevices.lines($0.chatID).count } ?? 0,
                pushKey: req.sigap.pushKey.publicKey.x963Representation.base64URLEncoded,
                channels: channels, events: events))
    }
}
