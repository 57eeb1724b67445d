import Fluent
import FluentPostgresDriver
import Foundation
import NIOConcurrencyHelpers
import NIOCore

/// Bounds a PostgreSQL transaction's time. When PostgreSQL is killed while a statement of a transaction is in
/// flight, postgres-nio 1.33 can leave that statement waiting forever, even after its connection is closed
/// (seen in scripts/fault-postgres: the filing batch hung on an INSERT after `pg_ctl stop -m immediate`, and
/// with it every later filing). Past the limit the watchdog closes the transaction's connection and ends the
/// transaction with `TimedOut` (503 to the client, `StoreUnavailable`), so the transaction's connection goes back
/// to the pool (closed, so replaced) and the work behind it goes on; the stuck statement is abandoned. SQLite's
/// transactions need none: they cannot lose their server.
///
/// Still weak: the abandoned statement keeps its pool lease (postgres-nio drops the failed write of a statement
/// sent on a connection that had just closed, so nothing ever completes it); each outage can cost a pool slot
/// until the process restarts.
enum TransactionWatchdog {
    /// The limit of an ordinary write (`ServiceContext.write`): a page's change takes milliseconds.
    static let writeLimit: TimeInterval = 15

    struct TimedOut: Error, CustomStringConvertible {
        let limit: TimeInterval
        var description: String { "a PostgreSQL transaction outlived \(limit) s; its connection was closed" }
    }

    /// Runs `body` as one transaction on `db`; on PostgreSQL the transaction fails with `TimedOut` after `limit`
    /// and its connection is closed.
    static func transaction<T: Sendable>(
        on db: any Database, limit: TimeInterval, _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        guard db is any PostgresDatabase else { return try await db.transaction(body) }
        let connection = NIOLockedValueBox<PostgresConnection?>(nil)
        let answered = NIOLockedValueBox(false)
        return try await withCheckedThrowingContinuation { continuation in
            @Sendable func answer(_ result: Result<T, any Error>) {
                let first = answered.withLockedValue { answered in
                    defer { answered = true }
                    return !answered
                }
                if first { continuation.resume(with: result) }
            }
            let alarm = db.eventLoop.scheduleTask(in: .milliseconds(Int64(limit * 1000))) {
                if let stuck = connection.withLockedValue({ $0 }) { _ = stuck.close() as EventLoopFuture<Void> }
                answer(.failure(TimedOut(limit: limit)))
            }
            Task {
                do {
                    answer(
                        .success(
                            try await db.transaction { tx in
                                if let postgres = tx as? any PostgresDatabase,
                                    let open = try? await postgres.withConnection({
                                        $0.eventLoop.makeSucceededFuture($0)
                                    }).get()
                                {
                                    connection.withLockedValue { $0 = open }
                                }
                                return try await body(tx)
                            }))
                } catch {
                    answer(.failure(error))
                }
                alarm.cancel()
            }
        }
    }
}
