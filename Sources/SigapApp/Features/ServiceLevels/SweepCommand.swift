import Vapor

/// `sigap sweep`: one service-level sweep, for cron or for a node that does not serve.
struct SweepCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Marks reports that missed a deadline and escalates them (what the server does every minute)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await Bootstrap.prepareDatabase(app)
        try await CalendarCheck.announce(app, console: context.console)
        let outcome = try await ServiceLevelSweep.run(app, logger: app.logger)
        let purged = try await WBSStore.purge(app)
        let summary =
            "Checked \(outcome.reportsChecked) reports; \(outcome.breaches) new breaches recorded; \(purged) closed WBS cases purged."
        context.console.output(summary.consoleText())
    }
}
