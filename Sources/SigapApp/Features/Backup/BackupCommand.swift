import Foundation
import Vapor

/// `sigap backup FILE`: a consistent backup of the SQLite store and the uploads while the server serves.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "where to write the archive (a tar file)") var file: String
        init() {}
    }

    var help: String {
        "Writes a consistent backup (database, uploads, the keys' fingerprints — not the keys) while Sigap serves."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let outcome = try await Backup.create(at: signature.file, context: context.application.context())
        let manifest = outcome.manifest
        context.console.output(
            ("Backed up \(manifest.reports) reports (last \(manifest.lastReportNumber ?? "none")) and \(manifest.uploads) "
                + "uploaded files to \(signature.file) (\(outcome.bytes) bytes).").consoleText())
        context.console.output(Backup.keyNote.consoleText())
    }
}
