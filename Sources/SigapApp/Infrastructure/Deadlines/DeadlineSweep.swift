import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// A kind of subject with deadlines, as the one sweep sees it. Each kind keeps its next check time in an
/// indexed column of its own table and its escalation rule in SigapCore (`EscalationRule`); the watch finds
/// the due rows and records the breaches its rule reports. Reports are the first kind; service applications
/// and Musrenbang phases register theirs in `DeadlineSweep.watches`.
protocol DeadlineWatch: Sendable {
    var subjectKind: SubjectKind { get }
    /// Up to `limit` ids of records whose next check is at or before `now`, in id order, after `cursor`.
    func due(now: Date, after cursor: String?, limit: Int, on db: any Database) async throws -> [String]
    /// Checks one record in its own transaction on the writer, claiming its row first (`DeadlineSweep.claim`);
    /// returns how many breaches it recorded.
    func check(_ id: String, now: Date, reference: ReferenceCache.Snapshot, context: ServiceContext) async throws
        -> Int
}

/// Marks broken promises for every kind of subject. Runs every minute on every node (and once with
/// `sigap sweep`). Each record is claimed and re-read inside its transaction, so a second sweep, or a second
/// node at the same moment, either skips it or finds its breaches already recorded.
enum DeadlineSweep {
    struct Outcome: Equatable {
        /// Records checked, per kind of subject.
        var checkedByKind: [SubjectKind: Int] = [:]
        var breaches = 0

        var checked: Int { checkedByKind.values.reduce(0, +) }
    }

    static let watches: [any DeadlineWatch] = [ReportDeadlines(), ApplicationDeadlines()]
    static let batchSize = 200
    /// How often `sigap serve` sweeps: deadlines are minutes apart at the finest, and a sweep with nothing due
    /// is one index look-up per kind.
    static let interval: TimeInterval = 60

    @discardableResult
    static func run(_ context: ServiceContext) async throws -> Outcome {
        let now = context.now
        let reference = try await context.reference()
        var outcome = Outcome()
        for watch in watches {
            var cursor: String?
            while true {
                // Each pass moves the next check of every row it reads into the future or to null, so the cursor
                // only guards against a row whose next check is already due again (a sweep that missed days).
                let ids = try await watch.due(now: now, after: cursor, limit: batchSize, on: context.db)
                for id in ids {
                    outcome.checkedByKind[watch.subjectKind, default: 0] += 1
                    outcome.breaches += try await watch.check(id, now: now, reference: reference, context: context)
                }
                guard ids.count == batchSize, let last = ids.last else { break }
                cursor = last
            }
        }
        if outcome.breaches > 0 {
            context.logger.notice("deadline sweep: \(outcome.breaches) new breaches in \(outcome.checked) records")
        }
        return outcome
    }

    /// Locks the row against concurrent sweeps and actions until the transaction ends; false when another node
    /// holds it (`FOR UPDATE SKIP LOCKED` on PostgreSQL: that node is sweeping it). On SQLite the single writer
    /// connection serialises transactions, and a second process's stale write fails.
    static func claim(_ table: String, id: any Encodable & Sendable, on db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" else { return true }
        return try await !sql.raw(
            "SELECT id FROM \(ident: table) WHERE id = \(bind: id) FOR UPDATE SKIP LOCKED"
        ).all().isEmpty
    }
}
