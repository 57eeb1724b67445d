import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import SigapCore
import VaporTesting

@testable import SigapApp

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let current: NIOLockedValueBox<Date>

    /// Monday 23 November 2026, 09:00 in Jakarta.
    static let start = Date(timeIntervalSince1970: 1_795_399_200)

    init(_ start: Date = TestClock.start) { current = NIOLockedValueBox(start) }

    var now: Date { current.withLockedValue { $0 } }
    func advance(seconds: TimeInterval) { current.withLockedValue { $0 = $0.addingTimeInterval(seconds) } }
    var appClock: AppClock { AppClock { [current] in current.withLockedValue { $0 } } }
}

/// A test's running Sigap: the app, its clock and its data folder.
struct TestContext {
    let app: Application
    let clock: TestClock
    let dataDirectory: URL

    var db: any Database { app.db }

    /// What `sigap serve`'s delivery loop does when rung: sends every due outbox row on the configured channels.
    @discardableResult
    func deliverOutbox() async throws -> Int {
        try await OutboxDelivery(app: app, senders: app.channelSenders, logger: app.logger).runOnce()
    }

    /// The newest one-time code queued for a contact, read as its sender reads it (opened from the sealed payload).
    func lastCode(sentTo contact: String) async throws -> String? {
        let cipher = app.sigap.cipher
        guard let identifier = ContactIdentifier(contact) else { return nil }
        let key = Outbox.Keys.contact(identifier, cipher: cipher)
        let row = try await OutboxMessage.query(on: db).filter(\.$event == .contactCode)
            .filter(\.$recipientKey == key).sort(\.$id, .descending).first()
        return try row?.payloadFields["code" + Outbox.sealedSuffix].map { try cipher.open($0) }
    }
}

/// Runs `test` against the real configuration on a fresh database: in-memory SQLite by default, or a new
/// PostgreSQL database when `SIGAP_TEST_DATABASE_URL` is set (the same suite on both engines).
func withSigap<T>(
    adjust: (inout AppConfig) -> Void = { _ in },
    startingAt start: Date = TestClock.start,
    _ test: (TestContext) async throws -> T
) async throws -> T {
    guard TestPostgres.isConfigured else { return try await runSigap(adjust: adjust, startingAt: start, test) }
    return try await TestSlots.run { try await runSigap(adjust: adjust, startingAt: start, test) }
}

private func runSigap<T>(
    adjust: (inout AppConfig) -> Void,
    startingAt start: Date,
    _ test: (TestContext) async throws -> T
) async throws -> T {
    let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("sigap-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
    let postgres = try await TestPostgres.createDatabaseIfConfigured()
    var config = try AppConfig.load(from: [
        "SIGAP_DATA_DIR": dataDirectory.path,
        "SIGAP_BCRYPT_COST": "4",
        "SIGAP_WBS_RECEIPT_COST": "4",
        "SIGAP_TRUST_PROXY": "true",
        // Tests file many reports from one address; the limits' own tests turn them on.
        "SIGAP_FILINGS_PER_ADDRESS_HOUR": "0", "SIGAP_FILINGS_PER_ACCOUNT_HOUR": "0",
        "SIGAP_FILINGS_PER_CONTACT_DAY": "0", "SIGAP_FILINGS_PER_CHAT_HOUR": "0",
        // Tests read the reports they file from public pages; `PublicationTests` test the default (after
        // verification) with `adjust`.
        "SIGAP_PUBLISH_REPORTS": "on_filing",
        // Statistics read the change counters on every request, so a test sees its own changes at once.
        "SIGAP_STATISTICS_RECHECK_SECONDS": "0",
    ])
    config.store = postgres.map { .postgres(url: $0.url) } ?? .sqliteMemory
    adjust(&config)

    let clock = TestClock(start)
    let app = try await Application.make(.testing)
    let result: T
    do {
        try await configure(app, config: config, clock: clock.appClock)
        try await app.autoMigrate()
        try await ReferenceData.seedIfEmpty(on: app.db)
        result = try await test(TestContext(app: app, clock: clock, dataDirectory: dataDirectory))
    } catch {
        try? await app.asyncShutdown()
        try? await postgres?.drop()
        try? FileManager.default.removeItem(at: dataDirectory)
        throw error
    }
    try await app.asyncShutdown()
    try await postgres?.drop()
    try? FileManager.default.removeItem(at: dataDirectory)
    return result
}

/// One throwaway PostgreSQL database per test, so tests run in parallel without sharing rows.
struct TestPostgres {
    let url: String
    let name: String
    let adminURL: String

    static var adminURL: String? {
        guard let url = ProcessInfo.processInfo.environment["SIGAP_TEST_DATABASE_URL"], !url.isEmpty else { return nil }
        return url
    }

    static var isConfigured: Bool { adminURL != nil }

    static func createDatabaseIfConfigured() async throws -> TestPostgres? {
        guard let adminURL else { return nil }
        let name = "sigap_t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
        try await withAdminConnection(adminURL) { try await $0.raw("CREATE DATABASE \(unsafeRaw: String(name))").run() }
        var components = URLComponents(string: adminURL)!
        components.path = "/" + name
        return TestPostgres(url: components.string!, name: String(name), adminURL: adminURL)
    }

    func drop() async throws {
        try await Self.withAdminConnection(adminURL) {
            try await $0.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
        }
    }

    private static func withAdminConnection(_ url: String, _ body: (any SQLDatabase) async throws -> Void) async throws
    {
        let app = try await Application.make(.testing)
        do {
            app.databases.use(try .postgres(url: url), as: .psql)
            try await body(app.db as! any SQLDatabase)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
