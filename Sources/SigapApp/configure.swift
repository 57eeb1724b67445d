import Fluent
import Foundation
import SigapCore
import Vapor

/// Builds the whole application. The binary and the tests both call this, with their own config and clock.
public func configure(_ app: Application, config: AppConfig, clock: AppClock = .system) async throws {
    let resources = try ResourceLocator.directory(configured: config.resourcesDirectory)
    var directories = DirectoryConfiguration(workingDirectory: resources.deletingLastPathComponent().path)
    directories.resourcesDirectory = resources.path + "/"
    directories.publicDirectory = resources.appendingPathComponent("Public").path + "/"
    app.directory = directories

    try DataFolder.prepare(config.dataDirectory)
    let fieldKey = try SecretStore.key(
        named: "field.key", fromEnvironment: config.fieldKey, dataDirectory: config.dataDirectory)
    app.sigap = SigapServices(
        config: config, cipher: try FieldCipher(key: fieldKey), clock: clock,
        passwords: try Passwords(cost: config.bcryptCost, threadPool: app.threadPool),
        writerEventLoop: app.eventLoopGroup.next(),
        holidays: try HolidayList.parse(Data(contentsOf: resources.appendingPathComponent("Calendar/holidays.json"))),
        suggester: try CategorySuggester.load(from: resources),
        wbs: WBSVault(
            master: try SecretStore.key(
                named: "wbs.key", fromEnvironment: config.wbsKey, dataDirectory: config.dataDirectory)),
        signingKeys: try SigningKeys.load(
            dataDirectory: config.dataDirectory, fromEnvironment: config.signingKey,
            retired: config.retiredSigningKeys),
        pushKey: try PushKey.load(config))
    app.catalog = try Catalog.load(from: resources)

    try DatabaseSetup.use(config.store, on: app)
    app.makeReportBatchWriter()
    // Registered after the databases (Fluent registers its shutdown when they are first used): lifecycle
    // handlers shut down in reverse order, so the loops finish their round before the databases close. The other
    // way round, a delivery round still running at SIGTERM found no database and crashed the process.
    app.periodicTasks = PeriodicTasks()
    app.lifecycle.use(app.periodicTasks)
    let drain = RequestDrain()
    app.lifecycle.use(drain)
    app.migrations.add(Migrations.all)

    app.http.server.configuration.hostname = config.host
    app.http.server.configuration.port = config.port
    app.routes.defaultMaxBodySize = "1mb"
    // Slow clients that never finish their headers or body are cut off; uploads that keep sending are not.
    // gzip for text (pages, JSON, CSV, scripts) when the client asks; images and archives go as they are.
    app.http.server.configuration.responseCompression = .enabledForCompressibleTypes
    app.http.server.configuration.idleTimeout = .milliseconds(Int64(config.idleTimeout * 1000))

    // MultipartKit traps on some malformed part headers; every multipart body is checked before it parses one.
    ContentConfiguration.global.use(decoder: GuardedFormDataDecoder(), for: .formData)
    app.sessions.use { _ in DatabaseSessionDriver() }
    app.sessions.configuration = SessionSettings.configuration(secure: config.usesHTTPS)

    // Order matters: headers go on every response, errors are rendered in the chosen language, static
    // files never touch the database, and CSRF is checked after the session is known.
    app.middleware = Middlewares()
    app.middleware.use(drain)
    app.middleware.use(
        SecurityHeadersMiddleware(
            https: config.usesHTTPS, map: config.map,
            leafletFromCDN: !LeafletAssets.installed(in: config.map.leafletDirectory)))
    app.middleware.use(SkippingPaths(RouteLoggingMiddleware(logLevel: .debug)))
    app.middleware.use(LanguageMiddleware())
    app.middleware.use(ErrorResponder())
    // Style, scripts and icons: an hour fresh, then a day of serving the kept copy while checking (ETag) in the
    // background — a weak connection does not wait for them on every page.
    app.middleware.use(
        FileMiddleware(
            publicDirectory: app.directory.publicDirectory,
            cachePolicy: .custom(
                cacheControlHeader: .init(isPublic: true, maxAge: 3600, staleWhileRevalidate: 86_400))))
    app.middleware.use(SkippingPaths(app.sessions.middleware))
    app.middleware.use(SkippingPaths(SessionUserMiddleware()))
    app.middleware.use(PrivateResponseMiddleware())
    app.middleware.use(BearerTokenMiddleware())
    app.middleware.use(RedirectMiddleware())
    app.middleware.use(SkippingPaths(CSRFMiddleware()))

    app.asyncCommands.use(SigapServeCommand(serve: await app.servers.asyncCommand), as: "serve", isDefault: true)
    app.asyncCommands.use(CreateAdminCommand(), as: "create-admin")
    app.asyncCommands.use(InitCommand(), as: "init")
    app.asyncCommands.use(ImportCommand(), as: "import")
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(BenchSeedCommand(), as: "bench-seed")
    app.asyncCommands.use(RenderBenchCommand(), as: "bench-render")
    app.asyncCommands.use(QRCommand(), as: "qr")
    app.asyncCommands.use(SigningKeyCommand(), as: "signing-key")
    app.asyncCommands.use(Open311KeyCommand(), as: "open311-key")
    app.asyncCommands.use(SweepCommand(), as: "sweep")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(TrainCommand(), as: "train")
    app.asyncCommands.use(DeliverCommand(), as: "deliver")
    app.asyncCommands.use(TelegramCommand(), as: "telegram")

    try routes(app)
}

/// Finds templates, static files and the catalog: `SIGAP_RESOURCES_DIR` when set, else the copy SwiftPM
/// bundles next to the binary, so `sigap serve` works from any working directory.
enum ResourceLocator {
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    static func directory(configured: String?) throws -> URL {
        let candidate: URL
        if let configured {
            candidate = URL(fileURLWithPath: configured)
        } else if let bundled = Optional(Bundle.module.bundleURL.appendingPathComponent("Resources")) {
            candidate = bundled
        } else {
            throw Missing(
                description: "SIGAP_RESOURCES_DIR: no bundled resources found; set it to the Resources folder")
        }
        guard FileManager.default.fileExists(atPath: candidate.appendingPathComponent("Locales/catalog.json").path)
        else {
            throw Missing(description: "SIGAP_RESOURCES_DIR: \(candidate.path) has no Locales/catalog.json")
        }
        return candidate
    }
}
