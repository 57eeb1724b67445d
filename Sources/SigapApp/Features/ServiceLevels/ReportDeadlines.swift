import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// Reports' deadlines for the sweep: `reports.sla_check_at` (indexed) is the next moment a report can breach,
/// `ServiceLevel` (SigapCore) is the rule, and each breach is written in the report's transaction — escalation
/// row, timeline event, `late` flag, outbox message to the agency's heads.
struct ReportDeadlines: DeadlineWatch {
    var subjectKind: SubjectKind { .report }

    func due(now: Date, after cursor: String?, limit: Int, on db: any Database) async throws -> [String] {
        try await (db as! any SQLDatabase).select().column("id").from(Report.schema)
            .where("sla_check_at", .lessThanOrEqual, SQLBind(now))
            .where("id", .greaterThan, SQLBind(cursor.flatMap { Int($0) } ?? 0))
            .orderBy("id").limit(limit).all(decoding: IDRow.self).map { String($0.id) }
    }

    private struct IDRow: Decodable { let id: Int }

    func check(_ id: String, now: Date, reference: ReferenceCache.Snapshot, context: ServiceContext) async throws
        -> Int
    {
        guard let reportID = Int(id) else { return 0 }
        let cipher = context.cipher
        return try await context.write { tx in
            guard try await DeadlineSweep.claim(Report.schema, id: reportID, on: tx),
                let report = try await Report.find(reportID, on: tx), let checkAt = report.slaCheckAt, checkAt <= now
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
                try await Self.record(breach, of: report, heads: heads, cipher: cipher, now: now, on: tx)
            }
            report.slaCheckAt = nextCheck
            try await report.save(on: tx)
            return breaches.count
        }
    }

    private static func record(
        _ breach: ServiceLevel.Breach, of report: Report, heads: [User], cipher: FieldCipher, now: Date,
        on db: any Database
    ) async throws {
        let escalation = Escalation()
        escalation.reportID = report.id!
        escalation.agencyID = report.agencyID
        escalation.createdAt = now
        let event: HistoryKind
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
        try await HistoryEvent(
            report: report, at: now, kind: event, visibility: .public, actor: nil,
            body: escalation.kind == .response ? "\(escalation.level)" : ""
        ).create(on: db)
        try await Outbox.enqueue(
            .reportDeadlineMissed, about: report.subject,
            payload: [
                "number": report.number, "title": report.title, "deadline": escalation.kind.rawValue,
                "level": "\(escalation.level)",
            ],
            to: heads.map { Outbox.Recipient(userID: $0.id) }, cipher: cipher, on: db, now: now)
    }
}
