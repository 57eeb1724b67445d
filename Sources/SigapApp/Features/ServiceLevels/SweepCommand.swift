import Vapor

/// `sigap sweep`: one deadline sweep and one round of housekeeping, for cron or for a node that does not serve.
struct SweepCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Marks reports that missed a deadline and escalates them (what the server does every minute)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await Bootstrap.prepareDatabase(app)
        try await CalendarCheck.announce(app, console: context.console)
        let outcome = try await DeadlineSweep.run(app.context())
        let cleaned = try await Housekeeping.run(app.context())
        let checked = DeadlineSweep.watches.map {
            "\(outcome.checkedByKind[$0.subjectKind] ?? 0) \($0.subjectKind.plural)"
        }
        let summary =
            "Checked \(checked.joined(separator: ", ")); \(outcome.breaches) new breaches recorded; "
            + "\(cleaned.wbsCasesPurged) closed WBS cases purged; \(cleaned.orphanFilesRemoved) orphan files removed."
        context.console.output(summary.consoleText())
    }
}
