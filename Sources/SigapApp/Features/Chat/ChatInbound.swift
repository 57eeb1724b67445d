import Fluent
import Foundation
import SQLKit

/// Incoming chat updates already taken in, by the channel's own id: Telegram retries a webhook that did not
/// answer in time, polling can return an update twice, Meta redelivers. The first delivery claims the id; later
/// ones are acknowledged and ignored. A delivery whose handling fails gives its claim back, so the channel's
/// retry is handled.
enum ChatInbound {
    static let kept: TimeInterval = 7 * 86_400

    /// True for the first delivery of `id` on `channel`.
    static func claim(_ channel: OutboxMessage.Channel, id: String, context: ServiceContext) async throws -> Bool {
        let sql = context.writer as! any SQLDatabase
        return try await !sql.raw(
            """
            INSERT INTO chat_inbound (channel, external_id, received_at)
            VALUES (\(bind: channel.rawValue), \(bind: id), \(bind: context.now))
            ON CONFLICT (channel, external_id) DO NOTHING
            RETURNING external_id
            """
        ).all().isEmpty
    }

    static func release(_ channel: OutboxMessage.Channel, id: String, context: ServiceContext) async throws {
        try await (context.writer as! any SQLDatabase).delete(from: "chat_inbound")
            .where("channel", .equal, SQLBind(channel.rawValue)).where("external_id", .equal, SQLBind(id)).run()
    }

    /// Handles one delivery once: claims its id, runs `handle`, and gives the claim back if `handle` fails.
    static func once(
        _ channel: OutboxMessage.Channel, id: String?, context: ServiceContext,
        _ handle: () async throws -> Void
    ) async throws {
        guard let id else { return try await handle() }
        guard try await claim(channel, id: id, context: context) else {
            context.logger.debug("chat: \(channel.rawValue) delivery \(id) seen before, ignored")
            return
        }
        do {
            try await handle()
        } catch {
            try? await release(channel, id: id, context: context)
            throw error
        }
    }

    static func purge(on db: any Database, now: Date) async throws {
        try await (db as! any SQLDatabase).delete(from: "chat_inbound")
            .where("received_at", .lessThan, SQLBind(now.addingTimeInterval(-kept))).run()
    }
}
