import Vapor

/// `sigap sweep`: one deadline sweep and one round of housekeeping, for cron or for a node that does not serve.
struct SweepCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "all-files", help: "Look for orphan upload files in every folder, not only the last three days'")
        var allFiles: Bool
        @Option(
            name: "orphan-minutes",
            help: "Remove orphan files older than this (default 60; 0 only while no server runs on this data folder)")
        var orphanMinutes: Int?
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
        let orphanAge = signature.orphanMinutes.map { TimeInterval(max(0, $0) * 60) } ?? FileStore.orphanAge
        let cleaned = try await Housekeeping.run(app.context(), allFiles: signature.allFiles, orphanAge: orphanAge)
        let checked = DeadlineSweep.watches.map {
            "\(outcome.checkedByKind[$0.subjectKind] ?? 0) \($0.subjectKind.plural)"
        }
        let summary =
            "Checked \(checked.joined(separator: ", ")); \(outcome.breaches) new breaches recorded; "
            + "\(cleaned.wbsCasesPurged) closed WBS cases purged; \(cleaned.orphanFilesRemoved) orphan files removed; "
            + "retention: \(cleaned.retention.reportContacts) guest contacts, \(cleaned.retention.messages) message "
            + "addresses, \(cleaned.retention.auditEntries) audit entries erased."
        context.console.output(summary.consoleText())
    }
}
