import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Vapor

enum DatabaseSetup {
    static func use(_ store: AppConfig.Store, on app: Application) throws {
        switch store {
        case .sqliteMemory:
            app.databases.use(.sqlite(.memory), as: .sqlite)
        case .sqliteFile(let path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try DataFolder.protectDatabase(at: path)
            app.databases.use(.sqlite(.file(path)), as: .sqlite)
        case .postgres(let url):
            // Fluent's default is one connection per event loop (two on this machine) and a 10 s wait for one:
            // a burst of filings, each a transaction, queued behind two connections and failed with 500 once the
            // machine was busy (seen in CI). Four per loop keep PostgreSQL's 100 connections ample for several
            // nodes; a request waits up to 30 s before it fails.
            app.databases.use(
                try .postgres(url: url, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: .seconds(30)), as: .psql)
        }
    }

    /// The database that report writes go through. SQLite allows one writer at a time; with a connection per
    /// event loop, two writers collide and the loser sleeps in SQLite's busy handler (milliseconds each time),
    /// which showed as a 500 ms p99 on filing. Sending every write transaction to one event loop's single
    /// pooled connection makes them queue in the pool instead. PostgreSQL takes them from any connection.
    static func writer(for app: Application, logger: Logger) -> any Database {
        guard case .postgres = app.sigap.config.store else {
            return app.databases.database(logger: logger, on: app.sigap.writerEventLoop)!
        }
        return app.db
    }

    /// SQLite settings that the driver does not expose. `journal_mode` is stored in the file; the others are
    /// per connection, so they are applied to the one pooled connection of each event loop (the driver keeps
    /// exactly one per loop for the life of the app). `busy_timeout` replaces sqlite-nio's spin-forever busy
    /// handler with a bounded wait, so a stuck writer surfaces as an error instead of a hang.
    static func tuneSQLite(_ app: Application) async throws {
        guard case .sqliteFile = app.sigap.config.store else { return }
        for eventLoop in app.eventLoopGroup.makeIterator() {
            guard let sql = app.databases.database(logger: app.logger, on: eventLoop) as? any SQLDatabase else {
                continue
            }
            try await sql.raw("PRAGMA journal_mode = WAL").run()
            try await sql.raw("PRAGMA busy_timeout = 5000").run()
            try await sql.raw("PRAGMA synchronous = NORMAL").run()
            try await sql.raw("PRAGMA foreign_keys = ON").run()
        }
    }
}
