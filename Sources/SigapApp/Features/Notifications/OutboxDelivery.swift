import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// Sends due outbox rows. A worker claims a batch with a lease (its own id in `lease_owner` and a deadline in
/// `lease_until`), sends each message on its channel, and completes the row only if it still holds the lease.
/// On PostgreSQL the claim skips rows other workers are claiming (`FOR UPDATE SKIP LOCKED`); on SQLite the one
/// writer connection makes the claim atomic. A worker that dies mid-batch leaves its rows to be claimed again
/// when the lease runs out, so nothing is dropped; two workers never hold the same row, so nothing is sent
/// twice (unless a worker dies between the channel accepting a message and the row being marked).
///
/// A chat reply is claimed only once every earlier reply to the same chat is sent or given up, so one chat's
/// answers arrive in order even across retries and workers. Messages to a guest's contact (which nobody proved)
/// stop at `messagesPerContactPerDay` a day: the rest are marked failed, not sent.
struct OutboxDelivery {
    static let leaseSeconds: TimeInterval = 120
    static let batchSize = 20
    /// `sigap serve` delivers this often; a chat message a few seconds late is fine on a weak connection.
    static let interval: TimeInterval = 5

    let app: Application
    let senders: [OutboxMessage.Channel: any ChannelSender]
    let owner = UUID().uuidString
    let logger: Logger

    init(app: Application, senders: [any ChannelSender], logger: Logger) {
        self.app = app
        self.senders = Dictionary(uniqueKeysWithValues: senders.map { ($0.channel, $0) })
        self.logger = logger
    }

    /// The channels this node can deliver now: in-app always, chat channels when configured.
    var deliverable: [OutboxMessage.Channel] { [.inApp] + senders.keys.filter { $0 != .inApp } }

    /// One round: claim, send, complete, until nothing is due (a chat's next reply becomes due when the one
    /// before it is sent). Returns how many messages were sent.
    @discardableResult
    func runOnce() async throws -> Int {
        var sent = 0
        while true {
            let claimed = try await claim()
            if claimed.isEmpty { break }
            for message in claimed where try await deliver(message) { sent += 1 }
        }
        return sent
    }

    private var writer: any Database { DatabaseSetup.writer(for: app, logger: logger) }
    private var now: Date { app.sigap.clock.now() }

    func claim() async throws -> [OutboxMessage] {
        let sql = writer as! any SQLDatabase
        let now = self.now
        let channels = deliverable.map(\.rawValue)
        let skipLocked = sql.dialect.name == "postgresql" ? SQLRaw("FOR UPDATE SKIP LOCKED") : SQLRaw("")
        let rows = try await sql.raw(
            """
            UPDATE outbox_messages SET lease_owner = \(bind: owner),
              lease_until = \(bind: now.addingTimeInterval(Self.leaseSeconds))
            WHERE id IN (
              SELECT id FROM outbox_messages
              WHERE sent_at IS NULL AND failed_at IS NULL AND available_at <= \(bind: now)
                AND (lease_until IS NULL OR lease_until < \(bind: now)) AND channel IN (\(binds: channels))
                AND (event <> \(bind: EventKind.chatReply.rawValue) OR NOT EXISTS (
                  SELECT 1 FROM outbox_messages earlier
                  WHERE earlier.recipient_key = outbox_messages.recipient_key AND earlier.id < outbox_messages.id
                    AND earlier.sent_at IS NULL AND earlier.failed_at IS NULL))
              ORDER BY id LIMIT \(unsafeRaw: String(Self.batchSize)) \(skipLocked))
            AND (lease_until IS NULL OR lease_until < \(bind: now) OR lease_owner = \(bind: owner))
            RETURNING id
            """
        ).all()
        let ids = try rows.map { try $0.decode(column: "id", as: Int.self) }
        guard !ids.isEmpty else { return [] }
        return try await OutboxMessage.query(on: writer).filter(\.$id ~~ ids).filter(\.$leaseOwner == owner)
            .sort(\.$id).all()
    }

    /// Sends one claimed message and records the outcome; true when it went out.
    func deliver(_ message: OutboxMessage) async throws -> Bool {
        let outcome: DeliveryOutcome
        if message.channel == .inApp {
            outcome = .sent(externalID: nil)  // the notifications page is the delivery
        } else if try await overContactCap(message) {
            outcome = .failed(reason: "daily limit of messages to an unverified contact reached")
        } else if let sender = senders[message.channel] {
            switch try await EventMessage.outgoing(message, app: app) {
            case .some(let outgoing): outcome = await sender.send(outgoing)
            case .none: outcome = .failed(reason: "no address for this recipient on \(message.channel.rawValue)")
            }
        } else {
            return false
        }
        try await complete(message, outcome)
        if case .sent = outcome { return true }
        return false
    }

    /// A guest's contact (nobody proved it is theirs) already got its day's messages. Chat replies answer
    /// someone who wrote, and accounts' messages go where their owner chose: neither is capped.
    private func overContactCap(_ message: OutboxMessage) async throws -> Bool {
        let cap = app.sigap.config.messagesPerContactPerDay
        guard cap > 0, message.recipientUserID == nil, message.event != .chatReply, let key = message.recipientKey
        else { return false }
        let sent = try await OutboxMessage.query(on: app.db).filter(\.$recipientKey == key)
            .filter(\.$createdAt > now.addingTimeInterval(-86_400)).filter(\.$sentAt != nil).count()
        return sent >= cap
    }

    func complete(_ message: OutboxMessage, _ outcome: DeliveryOutcome) async throws {
        let sql = writer as! any SQLDatabase
        let now = self.now
        let failures = message.attempts + 1
        let update = sql.update(OutboxMessage.schema)
            .set("attempts", to: SQLBind(failures)).set("lease_until", to: SQLLiteral.null)
            .set("lease_owner", to: SQLLiteral.null)
        switch outcome {
        case .sent(let externalID):
            update.set("sent_at", to: SQLBind(now)).set("external_id", to: SQLBind(externalID))
                .set("delivery_status", to: SQLBind("sent")).set("last_error", to: SQLLiteral.null)
        case .retry(let after, let reason):
            update.set("last_error", to: SQLBind(String(reason.prefix(500))))
            if failures >= app.sigap.config.deliveryMaxAttempts {
                update.set("failed_at", to: SQLBind(now)).set("delivery_status", to: SQLBind("failed"))
                logger.warning("outbox \(message.id ?? 0) gave up after \(failures) attempts: \(reason)")
            } else {
                let delay = DeliveryRetry.delay(afterFailures: failures, retryAfter: after)
                update.set("available_at", to: SQLBind(now.addingTimeInterval(delay)))
            }
        case .failed(let reason):
            update.set("failed_at", to: SQLBind(now)).set("delivery_status", to: SQLBind("failed"))
                .set("last_error", to: SQLBind(String(reason.prefix(500))))
            logger.warning("outbox \(message.id ?? 0) refused by \(message.channel.rawValue): \(reason)")
        }
        try await update.where("id", .equal, SQLBind(message.id!)).where("lease_owner", .equal, SQLBind(owner)).run()
    }
}
