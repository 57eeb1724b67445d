import Fluent
import SQLKit
import SigapCore
import Vapor

/// `/dasbor/admin/pesan`: what waits per channel (including channels that are off), and the messages delivery
/// gave up on, each with a "retry" button. Admin only; a retry is audited.
struct MessagesAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("dasbor", "admin", "pesan").requiring(.manageMessages)
        admin.get(use: list)
        admin.post(":id", "ulang", use: retry)
    }

    static let shown = 100

    struct Waiting: Decodable, Encodable {
        let channel: String
        let count: Int
    }

    struct FailedRow {
        let id: Int
        let channel: String
        let event: String
        let number: String
        let attempts: Int
        let error: String
        let at: String
    }

    struct MessagesPage {
        let page: PageContext
        let waiting: [Waiting]?
        let failed: [FailedRow]?
        let channels: [String]
    }

    func list(req: Request) async throws -> Response {
        let waiting = try await (req.db as! any SQLDatabase).raw(
            """
            SELECT channel, COUNT(*) AS count FROM outbox_messages
            WHERE sent_at IS NULL AND failed_at IS NULL GROUP BY channel ORDER BY channel
            """
        ).all(decoding: Waiting.self)
        let failed = try await OutboxMessage.query(on: req.db).filter(\.$failedAt != nil)
            .sort(\.$failedAt, .descending).limit(Self.shown).all()
        let rows = failed.map { message in
            let payload = message.payloadFields
            return FailedRow(
                id: message.id!, channel: message.channel.rawValue, event: message.event.rawValue,
                number: payload["number"] ?? "", attempts: message.attempts, error: message.lastError ?? "",
                at: message.failedAt.map(req.localDateTime) ?? "")
        }
        return req.page(
            MessagesPage(
                page: PageContext(req, title: req.t("admin.messages.title")), waiting: waiting.nilIfEmpty,
                failed: rows.nilIfEmpty, channels: req.application.channelStatus))
    }

    func retry(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: Int.self),
            let message = try await OutboxMessage.find(id, on: req.db), message.failedAt != nil
        else { throw AppError.notFound() }
        message.failedAt = nil
        message.deliveryStatus = nil
        message.attempts = 0
        message.availableAt = req.now
        let (actor, now) = (req.currentUser, req.now)
        try await req.context.write { db in
            try await message.save(on: db)
            try await AuditLog.record(
                "outbox.retried", actor: actor, subjectType: "outbox_message", subjectID: String(id),
                detail: message.channel.rawValue, on: db, at: now)
        }
        req.setNotice("admin.messages.retried")
        return req.redirect(to: SiteURL.adminMessages, redirectType: .normal)
    }
}
