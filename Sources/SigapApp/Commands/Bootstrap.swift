import Fluent
import SigapCore
import Vapor

/// What a start does before serving: tune SQLite, migrate, seed reference data into an empty database and
/// make the first administrator. Each step is idempotent, so a second start changes nothing and prints no
/// password.
enum Bootstrap {
    static func prepareDatabase(_ app: Application) async throws {
        try await DatabaseSetup.tuneSQLite(app)
        try await app.autoMigrate()
        try await DatabaseSessionDriver.purgeExpired(
            on: app.context().writer, config: app.sigap.config, now: app.sigap.clock.now())
    }

    static func run(_ app: Application, console: any Console) async throws {
        try await prepareDatabase(app)
        if app.sigap.config.seedsDemoRegion, try await ReferenceData.seedIfEmpty(on: app.db) {
            console.output("Seeded the reference data of \(ReferenceData.kabupatenName).")
        }
        if try await User.query(on: app.db).filter(\.$role == .admin).count() == 0 {
            let password = try await createAdmin(app, name: "Administrator", email: app.sigap.config.adminEmail)
            console.output(
                """
                First administrator created.
                  e-mail:            \(app.sigap.config.adminEmail)
                  one-time password: \(password)
                Sign in at \(app.sigap.config.baseURL)\(SiteURL.login); you will set up two-factor and choose a new password.
                This password is shown only once.
                """)
        }
    }

    /// Creates an administrator with a one-time password that must be changed at first log-in.
    static func createAdmin(_ app: Application, name: String, email: String) async throws -> String {
        guard let address = EmailAddress(email) else {
            throw Abort(.badRequest, reason: "not an e-mail address: \(email)")
        }
        let password = Accounts.oneTimePassword()
        let admin = User(name: name, role: .admin, passwordHash: try await app.sigap.passwords.hash(password))
        admin.email = address.value
        admin.mustChangePassword = true
        try await Accounts.createStaff(admin, detail: "admin (command line)", context: app.context())
        return password
    }
}

/// `sigap serve` (the default): bootstrap, then Vapor's server.
struct SigapServeCommand: AsyncCommand {
    let serve: ServeCommand

    var help: String { "Migrates, seeds an empty database, creates the first admin, then serves." }

    func run(using context: CommandContext, signature: ServeCommand.Signature) async throws {
        let app = context.application
        try await Bootstrap.run(app, console: context.console)
        try await CalendarCheck.announce(app, console: context.console)
        let logger = app.logger
        app.periodicTasks.start("deadline sweep", every: DeadlineSweep.interval, logger: logger) {
            try await DeadlineSweep.run(app.context(logger: logger))
        }
        app.periodicTasks.start("housekeeping", every: Housekeeping.interval, logger: logger) {
            try await Housekeeping.run(app.context(logger: logger))
        }
        for line in app.channelStatus { logger.notice("\(line)") }
        let delivery = OutboxDelivery(app: app, senders: app.channelSenders, logger: logger)
        app.periodicTasks.start(
            "outbox delivery", every: OutboxDelivery.interval, wokenBy: app.sigap.outboxBell, logger: logger
        ) {
            try await delivery.runOnce()
        }
        if let telegram = app.sigap.config.telegram, telegram.poll {
            let poller = TelegramPoller(telegram: TelegramClient(settings: telegram, client: app.client))
            app.periodicTasks.start("telegram polling", every: 1, logger: logger) {
                try await poller.pollOnce(app.context(logger: logger), wait: 10)
            }
        }
        app.periodicTasks.start("category training", every: CategorySuggester.retrainInterval, logger: logger) {
            try await app.sigap.suggester.train(app.context(logger: logger))
        }
        try await serve.run(using: context, signature: signature)
    }
}

/// `sigap create-admin --name "…" --email …`: another administrator, with a one-time password.
struct CreateAdminCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "E-mail address to sign in with") var email: String?
        @Option(name: "name", help: "Display name") var name: String?
        init() {}
    }

    var help: String { "Creates an administrator account and prints its one-time password." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await Bootstrap.prepareDatabase(app)
        guard let email = signature.email ?? context.console.ask("E-mail").trimmedOrNil, EmailAddress(email) != nil
        else {
            context.console.error("An e-mail address is required (--email).")
            throw ExitCode(1)
        }
        if try await User.query(on: app.db).filter(\.$email == email.lowercased()).count() > 0 {
            context.console.error("An account with that e-mail already exists.")
            throw ExitCode(1)
        }
        let password = try await Bootstrap.createAdmin(app, name: signature.name ?? "Administrator", email: email)
        context.console.output("Administrator \(email.lowercased()) created. One-time password: \(password)")
    }
}

struct ExitCode: Error, CustomStringConvertible {
    let code: Int32
    init(_ code: Int32) { self.code = code }
    var description: String { "exit code \(code)" }
}
