import Foundation
import SQLKit
import Testing
import Vapor

@testable import SigapApp

/// `sigap demo` and other commands write the SQLite file while `sigap serve` runs (CI's smoke test once failed
/// with "database is locked" half-way through the demo).
@Suite struct SharedFileWriterTests {
    @Test func aTransactionThatReadBeforeAnotherWriterLockedTheFileWaitsAndSucceeds() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigap-writers-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withSigap(adjust: {
            $0.dataDirectory = folder.path
            $0.store = .sqliteFile(path: folder.path + "/sigap.sqlite")
        }) { context in
            let app = context.app
            // Another connection to the same file stands for the other process: the pool keeps one connection
            // per event loop, so a loop other than the writer's has its own.
            let otherLoop = try #require(
                app.eventLoopGroup.makeIterator().first { $0 !== app.sigap.writerEventLoop })
            let other = try #require(app.databases.database(logger: app.logger, on: otherLoop) as? any SQLDatabase)
            try await other.raw("CREATE TABLE writer_probe (who TEXT NOT NULL)").run()
            try await other.raw("BEGIN IMMEDIATE").run()
            try await other.raw("INSERT INTO writer_probe (who) VALUES ('other')").run()

            let released = Task {
                try await Task.sleep(nanoseconds: 300_000_000)
                try await other.raw("COMMIT").run()
            }
            // Reads first (so SQLite will not wait for the lock at the write), then writes.
            let seen = try await app.context().write { db in
                let sql = db as! any SQLDatabase
                let before = try await sql.raw("SELECT COUNT(*) AS n FROM writer_probe").first()?
                    .decode(column: "n", as: Int.self)
                try await sql.raw("INSERT INTO writer_probe (who) VALUES ('sigap')").run()
                return before
            }
            try await released.value
            #expect(seen == 1)  // the attempt that succeeded began after the other writer committed
            let rows = try await other.raw("SELECT who FROM writer_probe ORDER BY rowid").all()
                .map { try $0.decode(column: "who", as: String.self) }
            #expect(rows == ["other", "sigap"])
        }
    }
}
