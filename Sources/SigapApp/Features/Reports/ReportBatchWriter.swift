import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// Group commit for filing on SQLite. Intakes that arrive while a batch is being written wait in a queue; the
/// next batch writes all of them (same year, at most 64) with four multi-row statements in one transaction —
/// numbers, reports, their `filed` events and their outbox rows — on the single writer connection. One filing
/// alone is written at once; under load the cost of a statement is shared by the whole batch.
/// PostgreSQL does not use it: concurrent transactions there run in parallel.
actor ReportBatchWriter {
    /// A report checked and routed by `ReportIntake`, waiting for its number.
    struct Pending: Sendable {
        let report: Report
        let year: Int
        let prefix: String
        /// Where the "received" message goes (`Outbox.addresses`).
        let recipients: [Outbox.Address]
    }

    static let maximumBatch = 64

    private let database: @Sendable () -> any Database
    private var queue: [(Pending, CheckedContinuation<Report, any Error>)] = []
    private var draining = false

    init(database: @escaping @Sendable () -> any Database) {
        self.database = database
    }

    func file(_ pending: Pending) async throws -> Report {
        try await withCheckedThrowingContinuation { continuation in
            queue.append((pending, continuation))
            if !draining {
                draining = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while let first = queue.first {
            var batch: [(Pending, CheckedContinuation<Report, any Error>)] = []
            while let next = queue.first, next.0.year == first.0.year, batch.count < Self.maximumBatch {
                batch.append(queue.removeFirst())
            }
            do {
                let written = try await Self.write(batch.map(\.0), on: database())
                for (job, report) in zip(batch, written) { job.1.resume(returning: report) }
            } catch {
                for job in batch { job.1.resume(throwing: error) }
            }
        }
        draining = false
    }

    /// Writes `batch` (all of one year) in one transaction and returns the reports with id and number set.
    static func write(_ batch: [Pending], on db: any Database) async throws -> [Report] {
        guard let first = batch.first else { return [] }
        return try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            let last = try await sql.raw(
                """
                INSERT INTO report_counters (year, last) VALUES (\(bind: first.year), \(bind: batch.count))
                ON CONFLICT (year) DO UPDATE SET last = report_counters.last + \(bind: batch.count)
                RETURNING last
                """
            ).first()!.decode(column: "last", as: Int.self)
            for (offset, pending) in batch.enumerated() {
                pending.report.number =
                    ReportNumber(
                        prefix: pending.prefix, year: pending.year, sequence: last - batch.count + 1 + offset
                    ).description
            }

            let insert = sql.insert(into: Report.schema).columns(columns)
            for pending in batch { insert.values(values(of: pending.report)) }
            let ids = try await insert.returning("id", "number").all().reduce(into: [String: Int]()) {
                $0[try $1.decode(column: "number", as: String.self)] = try $1.decode(column: "id", as: Int.self)
            }
            for pending in batch {
                pending.report.id = ids[pending.report.number]
                pending.report.$id.exists = true
            }

            let events = sql.insert(into: ReportEvent.schema)
                .columns("report_id", "occurred_at", "kind", "visibility", "to_status", "body")
            for pending in batch {
                let report = pending.report
                events.values([
                    SQLBind(report.id!), SQLBind(report.createdAt), SQLBind(ReportEvent.Kind.filed.rawValue),
                    SQLBind(ReportEvent.Visibility.public.rawValue), SQLBind(ReportStatus.diterima.rawValue),
                    SQLBind(""),
                ])
            }
            try await events.run()

            let outbox = sql.insert(into: OutboxMessage.schema).columns(
                "recipient_user_id", "recipient_contact_cipher", "channel", "event", "report_id", "payload",
                "created_at", "available_at", "attempts")
            var messages = 0
            for pending in batch {
                let report = pending.report
                let payload = String(
                    decoding: try JSONEncoder().encode(["number": report.number, "title": report.title]), as: UTF8.self)
                for address in pending.recipients {
                    outbox.values([
                        SQLBind(address.userID), SQLBind(address.contactCipher), SQLBind(address.channel.rawValue),
                        SQLBind("report.received"), SQLBind(report.id!), SQLBind(payload), SQLBind(report.createdAt),
                        SQLBind(report.createdAt), SQLBind(0),
                    ])
                    messages += 1
                }
            }
            if messages > 0 { try await outbox.run() }
            return batch.map(\.report)
        }
    }

    static let columns = [
        "number", "kind", "title", "description", "address", "latitude", "longitude", "privacy", "status",
        "supporters_count", "reporter_id", "guest_contact_cipher", "follow_token_hash", "category_id", "agency_id",
        "desa_id", "kecamatan_id", "created_at", "updated_at", "clock_started_at", "response_due_at",
        "resolution_due_at", "late", "escalation_level", "resolution_late", "sla_check_at",
    ]

    static func values(of report: Report) -> [any SQLExpression] {
        [
            SQLBind(report.number), SQLBind(report.kind.rawValue), SQLBind(report.title), SQLBind(report.description),
            SQLBind(report.address), SQLBind(report.latitude), SQLBind(report.longitude),
            SQLBind(report.privacy.rawValue),
            SQLBind(report.status.rawValue), SQLBind(report.supportersCount), SQLBind(report.reporterID),
            SQLBind(report.guestContactCipher), SQLBind(report.followTokenHash), SQLBind(report.categoryID),
            SQLBind(report.agencyID), SQLBind(report.desaID), SQLBind(report.kecamatanID), SQLBind(report.createdAt),
            SQLBind(report.updatedAt), SQLBind(report.clockStartedAt), SQLBind(report.responseDueAt),
            SQLBind(report.resolutionDueAt), SQLBind(report.late), SQLBind(report.escalationLevel),
            SQLBind(report.resolutionLate), SQLBind(report.slaCheckAt),
        ]
    }
}

extension Application {
    private struct BatchWriterKey: StorageKey { typealias Value = ReportBatchWriter }

    /// The group-commit writer, on SQLite only (nil on PostgreSQL).
    var reportBatchWriter: ReportBatchWriter? {
        if case .postgres = sigap.config.store { return nil }
        if let writer = storage[BatchWriterKey.self] { return writer }
        let writer = ReportBatchWriter { [unowned self] in DatabaseSetup.writer(for: self, logger: self.logger) }
        storage[BatchWriterKey.self] = writer
        return writer
    }
}
