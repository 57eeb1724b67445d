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

    /// Runs `transaction` (a whole `db.transaction { … }`) and fails with `TimedOut` after `limit` on
    /// PostgreSQL, closing the transaction's connection if it got one (`track` hands it over).
    static func watch<T: Sendable>(
        _ db: any Database, limit: TimeInterval,
        _ transaction: @escaping @Sendable (_ track: @escaping @Sendable (any Database) async -> Void) async throws -> T
    ) async throws -> T {
        guard db is any PostgresDatabase else { return try await transaction { _ in } }
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
                if let stuck = connection.withLockedValue({ $0 }) {
                    let closing: EventLoopFuture<Void> = stuck.close()
                    _ = closing
                }
                answer(.failure(TimedOut(limit: limit)))
            }
            Task {
                do {
                    answer(
                        .success(
                            try await transaction { tx in
                                guard let postgres = tx as? any PostgresDatabase,
                                    let open = try? await postgres.withConnection({
                                        $0.eventLoop.makeSucceededFuture($0)
                                    }).get()
                                else { return }
                                connection.withLockedValue { $0 = open }
                            }))
                } catch {
                    answer(.failure(error))
                }
                alarm.cancel()
            }
        }
    }
}
