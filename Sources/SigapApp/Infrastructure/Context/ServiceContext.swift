import Fluent
import FluentSQLiteDriver
import Foundation
import SigapCore
import Vapor

/// Everything a domain service needs to act, passed explicitly: where to read and where to write, the app's
/// services (config, clock, cipher, reference data), the catalog, a logger and the acting account. Requests
/// make one with `req.context`; commands, background loops, the Telegram poller, the demo loader and tests
/// make one with `app.context(acting:)` — no service takes a `Request`.
struct ServiceContext: Sendable {
    /// Reads, on any connection.
    let db: any Database
    /// Every write goes here (the "one writer" rule in docs/architecture.md): on SQLite one serialised
    /// connection, on PostgreSQL the pool.
    let writer: any Database
    let services: SigapServices
    let catalog: Catalog
    let logger: Logger
    /// The account acting: nil for a guest, or for the system itself (sweeps, deliveries).
    let actor: User?
    /// SQLite's group-commit writer for filings (nil on PostgreSQL).
    let batchWriter: ReportBatchWriter
    /// Where slow CPU work (bcrypt) runs off the event loop.
    let threadPool: NIOThreadPool
    /// A moment to act at instead of the clock's: the demo replays a past Musrenbang cycle phase by phase.
    var fixedNow: Date? = nil

    var config: AppConfig { services.config }
    var cipher: FieldCipher { services.cipher }
    var now: Date { fixedNow ?? services.clock.now() }
    /// Today in the region (phases and deadlines are the region's days).
    var today: CivilDay { CivilDay(of: now, in: services.config.timeZone) }
    var files: FileStore { FileStore(root: services.config.dataDirectory) }

    func reference() async throws -> ReferenceCache.Snapshot {
        try await services.reference.snapshot(on: db, now: now)
    }

    /// Runs `body` as one transaction on the writer. On SQLite, a second process writing the same file (a
    /// `sigap demo` or a command beside `sigap serve`) makes a transaction that read before its first write fail
    /// at that write, and no busy timeout waits it out: SQLite answers SQLITE_BUSY_SNAPSHOT when the other
    /// process committed since the read, and plain SQLITE_BUSY, without calling the busy handler, while the
    /// other process still holds the write lock (a read transaction is never made to wait for an upgrade, which
    /// could deadlock). Either way the transaction was rolled back, so it is run again, with a growing pause.
    func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await TransactionWatchdog.transaction(
                    on: writer, limit: TransactionWatchdog.writeLimit, body)
            } catch let error as SQLiteError where Self.otherWriterWon(error) && attempt < 10 {
                attempt += 1
                try await Task.sleep(nanoseconds: UInt64(attempt) * 40_000_000)
            }
        }
    }

    private static func otherWriterWon(_ error: SQLiteError) -> Bool {
        error.reason == .busy || error.reason == .busyInSnapshot
    }

    /// The same context acting at `date` (history, audit and deadlines carry that time).
    func at(_ date: Date) -> ServiceContext {
        var context = self
        context.fixedNow = date
        return context
    }

    /// The same context with another account acting.
    func acting(as user: User?) -> ServiceContext {
        ServiceContext(
            db: db, writer: writer, services: services, catalog: catalog, logger: logger, actor: user,
            batchWriter: batchWriter, threadPool: threadPool, fixedNow: fixedNow)
    }
}

extension Application {
    /// A context for work outside a request: commands, background loops, the demo loader, tests.
    func context(acting user: User? = nil, logger: Logger? = nil) -> ServiceContext {
        let logger = logger ?? self.logger
        return ServiceContext(
            db: db, writer: DatabaseSetup.writer(for: self, logger: logger), services: sigap, catalog: catalog,
            logger: logger, actor: user, batchWriter: reportBatchWriter, threadPool: threadPool)
    }
}

extension Request {
    /// The context of this request, acting as the signed-in account (nil for guests).
    var context: ServiceContext {
        ServiceContext(
            db: db, writer: writeDB, services: sigap, catalog: application.catalog, logger: logger,
            actor: currentUser, batchWriter: application.reportBatchWriter, threadPool: application.threadPool)
    }
}
