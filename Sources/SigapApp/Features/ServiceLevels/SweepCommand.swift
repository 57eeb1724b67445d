import Vapor

/// `sigap sweep`: one deadline sweep and one round of housekeeping, for cron or for a node that does not serve.
struct SweepCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "all-files", help: "Look for orphan upload files in every folder, not only the last three days'")
        var allFiles: Bool
        init() {}
    }

    var help: String {
        "Marks records that missed a deadline and escalates them, and removes what has expired (the server does this "
            + "on its own)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await Bootstrap.prepareDatabase(app)
        try await CalendarCheck.announce(app, console: context.console)
        let outcome = try await DeadlineSweep.run(app.context())
        let cleaned = try await Housekeeping.run(app.context(), allFiles: signature.allFiles)
        let checked = DeadlineSweep.watches.map {
            "\(outcome.checkedByKind[$0.subjectKind] ?? 0) \($0.subjectKind.plural)"
        }
        let summary =
            "Checked \(checked.joined(separator: ", ")); \(outcome.breaches) new breaches recorded; "
            + "\(cleaned.wbsCasesPurged) closed WBS cases purged; \(cleaned.orphanFilesRemoved) orphan files removed."
        context.console.output(summary.consoleText())
    }
}
