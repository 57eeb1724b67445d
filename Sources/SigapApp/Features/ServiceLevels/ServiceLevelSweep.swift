import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// Marks broken promises. Runs every minute on every node (and once with `sigap sweep`): reports whose
/// `sla_check_at` has come are read, `ServiceLevel.evaluate` says which breaches are new, and each report's
/// breaches are written in one transaction — timeline event, `late` flag, outbox message to the agency's heads,
/// escalation entry. The report row is claimed and re-read inside that transaction, so a second sweep, or a
/// second node at the same moment, either skips it or finds its breaches already recorded.
enum ServiceLevelSweep {
    struct Outcome: Equatable {
        var reportsChecked = 0
        var breaches = 0
    }

    static let batchSize = 200
    /// How often `sigap serve` sweeps: deadlines are minutes apart at the finest, and a sweep with nothing due
    /// is one index look-up.
    static let interval: TimeInterval = 60

    @discardableResult
    static func run(_ app: Application, logger: Logger) async throws -> Outcome {
        let now = app.sigap.clock.now()
        let reference = try await app.sigap.reference.snapshot(on: app.db, now: now)
        let db = DatabaseSetup.writer(for: app, logger: logger)
        var outcome = Outcome()
        var after = 0
        while true {
            // Each pass moves `sla_check_at` of every row it reads into the future or to null, so the id cursor
            // only guards against a row whose next check is already due again (a sweep that missed days).
            let ids = try await (app.db as! any SQLDatabase).select().column("id").from(Report.schema)
                .where("sla_check_at", .lessThanOrEqual, SQLBind(now)).where("id", .greaterThan, SQLBind(after))
                .orderBy("id").limit(batchSize).all(decoding: IDRow.self).map(\.id)
            for id in ids {
                outcome.reportsChecked += 1
                outcome.breaches += try await sweep(
                    reportID: id, now: now, reference: reference, cipher: app.sigap.cipher, on: db)
            }
            guard ids.count == batchSize, let last = ids.last else { break }
            after = last
        }
        if outcome.breaches > 0 {
            logger.notice("service-level sweep: \(outcome.breaches) new breaches in \(outcome.reportsChecked) reports")
        }
        return outcome
    }

    private struct IDRow: Decodable { let id: Int }

    /// Checks one report; returns how many breaches it recorded.
    static func sweep(
        reportID: Int, now: Date, reference: ReferenceCache.Snapshot, cipher: FieldCipher, on db: any Database
    ) async throws -> Int {
        try await db.transaction { tx in
            guard let report = try await lock(reportID, on: tx), let checkAt = report.slaCheckAt, checkAt <= now
            else { return 0 }
            let calendar = reference.calendar
            guard let responseDue = report.responseDueAt, let resolutionDue = report.resolutionDueAt else {
                // Filed before deadlines existed: give it its deadlines now, counted from its filing.
                guard let category = reference.categoriesByID[report.categoryID] else { return 0 }
                let deadlines = category.deadlines(from: report.clockStartedAt ?? report.createdAt, calendar: calendar)
                report.responseDueAt = deadlines.response
                report.resolutionDueAt = deadlines.resolution
                report.slaCheckAt = deadlines.response
                try await report.save(on: tx)
                return 0
            }
            let state = ServiceLevel.State(
                responseDue: responseDue, resolutionDue: resolutionDue, responded: report.respondedAt != nil,
                open: report.status.isOpen, level: report.escalationLevel, resolutionLate: report.resolutionLate)
            let (breaches, nextCheck) = ServiceLevel.evaluate(state, now: now, calendar: calendar)

            let heads =
                breaches.isEmpty
                ? []
                : try await User.query(on: tx).filter(\.$agency.$id == report.agencyID)
                    .filter(\.$role == .opdAdmin).filter(\.$disabledAt == nil).all()
            for breach in breaches {
                try await record(breach, of: report, heads: heads, cipher: cipher, now: now, on: tx)
            }
            report.slaCheckAt = nextCheck
            try await report.save(on: tx)
            return breaches.count
        }
    }

    /// The report as it is now, locked against concurrent sweeps and actions until the transaction ends; nil
    /// when another node holds it (`FOR UPDATE SKIP LOCKED` on PostgreSQL: that node is sweeping it). On SQLite
    /// the single writer connection serialises transactions, and a second process's stale write fails.
    private static func lock(_ id: Int, on db: any Database) async throws -> Report? {
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            let claimed = try await sql.raw("SELECT id FROM reports WHERE id = \(bind: id) FOR UPDATE SKIP LOCKED")
                .all()
            guard !claimed.isEmpty else { return nil }
        }
        return try await Report.find(id, on: db)
    }

    private static func record(
        _ breach: ServiceLevel.Breach, of report: Report, heads: [User], cipher: FieldCipher, now: Date,
        on db: any Database
    ) async throws {
        let escalation = Escalation()
        escalation.reportID = report.id!
        escalation.agencyID = report.agencyID
        escalation.createdAt = now
        let event: ReportEvent.Kind
        switch breach {
        case .response(let level, let due):
            escalation.kind = .response
            escalation.level = level
            escalation.dueAt = due
            report.escalationLevel = level
            event = .responseLate
        case .resolution(let due):
            escalation.kind = .resolution
            escalation.level = 1
            escalation.dueAt = due
            report.resolutionLate = true
            event = .resolutionLate
        }
        report.late = true
        try await escalation.create(on: db)
        try await ReportEvent(
            reportID: report.id!, at: now, kind: event, visibility: .public, actor: nil,
            body: escalation.kind == .response ? "\(escalation.level)" : ""
        ).create(on: db)
        try await Outbox.enqueue(
            "report.deadline_missed", reportID: report.id,
            payload: [
                "number": report.number, "title": report.title, "deadline": escalation.kind.rawValue,
                "level": "\(escalation.level)",
            ],
            to: heads.map { Outbox.Recipient(userID: $0.id) }, cipher: cipher, on: db, now: now)
    }
}
