import Foundation

/// What is removed on a schedule, beside the deadline sweep: closed whistleblowing cases past their retention,
/// uploaded files no row names (an hour old), idempotency keys past their 24 hours, and sessions past their
/// idle or absolute time-out (until now removed only at start), and personal data past its retention period
/// (`Retention`).
enum Housekeeping {
    struct Outcome: Equatable {
        var wbsCasesPurged = 0
        var orphanFilesRemoved = 0
        var retention = Retention.Outcome()
    }

    /// How often `sigap serve` runs it.
    static let interval: TimeInterval = 600

    /// `allFiles`: look for orphan files in every folder, not only the last days' (`sigap sweep --all-files`).
    @discardableResult
    static func run(
        _ context: ServiceContext, allFiles: Bool = false, orphanAge: TimeInterval = FileStore.orphanAge
    ) async throws -> Outcome {
        var outcome = Outcome()
        outcome.wbsCasesPurged = try await WBSStore.purge(context)
        outcome.orphanFilesRemoved = try await context.files.removeOrphans(
            on: context.db, minimumAge: orphanAge, everything: allFiles)
        try await IdempotencyKey.purge(on: context.writer, now: context.now)
        try await DatabaseSessionDriver.purgeExpired(on: context.writer, config: context.config, now: context.now)
        try await ChatInbound.purge(on: context.writer, now: context.now)
        outcome.retention = try await Retention.run(context)
        return outcome
    }
}
