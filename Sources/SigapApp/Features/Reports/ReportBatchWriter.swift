import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// Group commit for filing. Intakes that arrive while a batch is being written wait in a queue; the
/// next batch writes all of them (same year, at most 64) with a few multi-row statements in one transaction —
/// numbers, reports, idempotency keys, photos, their timeline events and their outbox rows (addressed inside the
/// transaction) — on the writer (SQLite's single connection). One filing alone is written at once; under load the cost of
/// a statement is shared by the whole batch. PostgreSQL uses it too: concurrent filings there do not run in
/// parallel either — each holds the year's `report_counters` row from its number to its commit — and one at a
/// time they reached 276 a second at 100k reports (issue 20's bench).
actor ReportBatchWriter {
    /// A report checked and routed by `ReportIntake`, its photos already on disk, waiting for its number.
    struct Pending: Sendable {
        let report: Report
        let year: Int
        let prefix: String
        /// Who hears that it was received.
        let recipient: Outbox.Recipient
        /// Rows of photos whose files are written (saved here with the report).
        let photos: [ReportPhoto]
        let idempotency: IdempotencyKey?
        /// The guest's follow-up secret, kept sealed with the idempotency key for a retry's answer.
        let followToken: String?
    }

    static let maximumBatch = 64

    private let database: @Sendable () -> any Database
    private var queue: [(Pending, FieldCipher, CheckedContinuation<Bool, any Error>)] = []
    private var draining = false

    init(database: @escaping @Sendable () -> any Database) {
        self.database = database
    }

    /// Files `pending`; false when its idempotency key was already used (nothing was written for it).
    func file(_ pending: Pending, cipher: FieldCipher) async throws -> Bool {
        try await withCheckedThrowingContinuation { continuation in
            queue.append((pending, cipher, continuation))
            if !draining {
                draining = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while let first = queue.first {
            var batch: [(Pending, FieldCipher, CheckedContinuation<Bool, any Error>)] = []
            while let next = queue.first, next.0.year == first.0.year, batch.count < Self.maximumBatch {
                batch.append(queue.removeFirst())
            }
            do {
                let written = try await Self.write(batch.map(\.0), cipher: first.1, on: database())
                for job in batch { job.2.resume(returning: written.contains(ObjectIdentifier(job.0.report))) }
            } catch {
                for job in batch { job.2.resume(throwing: error) }
            }
        }
        draining = false
    }

    /// Writes `batch` (all of one year) in one transaction and returns the reports written, with id and
    /// number set. A filing whose idempotency key exists already (or repeats one earlier in the batch) is left
    /// out.
    static func write(_ all: [Pending], cipher: FieldCipher, on db: any Database) async throws -> Set<ObjectIdentifier>
    {
        try await TransactionWatchdog.transaction(on: db, limit: writeLimit) { tx in
            try await write(batch: all, cipher: cipher, on: tx)
        }
    }

    /// A batch's transaction takes milliseconds; one still running after this has lost its server
    /// (`TransactionWatchdog`) and holds up every filing behind it.
    static let writeLimit: TimeInterval = 10

    private static func write(batch all: [Pending], cipher: FieldCipher, on tx: any Database) async throws
        -> Set<ObjectIdentifier>
    {
        guard let first = all.first else { return [] }
        let sql = tx as! any SQLDatabase
        // The year's counter row is locked first: on PostgreSQL a batch from another node waits here until
        // this one commits, and then finds its idempotency keys below instead of failing on them (and taking
        // the rest of its batch down with it).
        try await sql.raw(
            """
            INSERT INTO report_counters (year, last) VALUES (\(bind: first.year), 0)
            ON CONFLICT (year) DO UPDATE SET last = report_counters.last
            """
        ).run()
        let batch = try await withoutUsedKeys(all, on: sql)
        guard !batch.isEmpty else { return [] }
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

        let keyed = batch.filter { $0.idempotency != nil }
        if !keyed.isEmpty {
            let keys = sql.insert(into: IdempotencyRecord.schema).columns(IdempotencyRecord.insertColumns)
            for pending in keyed {
                keys.values(
                    try pending.idempotency!.record(
                        for: pending.report.subject, secret: pending.followToken, cipher: cipher,
                        now: pending.report.createdAt
                    ).insertValues)
            }
            try await keys.run()
        }

        let events = sql.insert(into: HistoryEvent.schema).columns(HistoryEvent.insertColumns)
        for pending in batch {
            events.values(historyValues(pending.report, kind: .filed, to: .diterima, body: ""))
            if !pending.photos.isEmpty {
                events.values(
                    historyValues(
                        pending.report, kind: .photoAdded, actorID: pending.report.reporterID,
                        body: "\(pending.photos.count)"))
            }
        }
        try await events.run()

        try await SearchIndex.put(
            batch.compactMap { SearchIndex.entry(for: $0.report, year: $0.year) }, on: tx)

        let photos = batch.flatMap { pending in pending.photos.map { (pending.report, $0) } }
        if !photos.isEmpty {
            let insert = sql.insert(into: ReportPhoto.schema).columns(ReportPhoto.insertColumns)
            for (report, photo) in photos {
                photo.reportID = report.id!
                insert.values(photo.insertValues)
            }
            try await insert.run()
        }

        // Who hears on which channel is read here, inside the write, for the whole batch at once.
        let directory = try await Outbox.Directory.load(
            for: Set(batch.compactMap(\.recipient.userID)), on: tx)
        let outbox = sql.insert(into: OutboxMessage.schema).columns(OutboxMessage.insertColumns)
        var messages = 0
        for pending in batch {
            let report = pending.report
            let fields = ReportIntake.receivedPayload(report)
            for address in try directory.addresses(for: [pending.recipient], event: .reportReceived, cipher: cipher) {
                // A guest's receipt carries their private follow-up link, sealed until it is sent.
                let secrets = address.userID == nil ? pending.followToken.map { ["follow": $0] } ?? [:] : [:]
                let payload = try Outbox.encode(Outbox.payload(fields, sealing: secrets, cipher: cipher))
                outbox.values(
                    Outbox.values(
                        address, event: .reportReceived, subject: report.subject, payload: payload,
                        now: report.createdAt))
                messages += 1
            }
        }
        if messages > 0 { try await outbox.run() }
        return Set(batch.map { ObjectIdentifier($0.report) })
    }

    /// The batch without filings whose idempotency key is already used (committed within its lifetime, or
    /// earlier in this batch). An expired row with a reused key (not yet removed by housekeeping) is deleted so
    /// the key can be used again; that is rare, so the common case costs one look-up.
    private static func withoutUsedKeys(_ batch: [Pending], on sql: any SQLDatabase) async throws -> [Pending] {
        let keys = batch.compactMap(\.idempotency?.keyHash)
        guard !keys.isEmpty else { return batch }
        struct KeyRow: Decodable {
            let key_hash: String
            let created_at: Date
        }
        let cutoff = batch[0].report.createdAt.addingTimeInterval(-IdempotencyKey.lifetime)
        let existing = try await sql.select().column("key_hash").column("created_at").from(IdempotencyRecord.schema)
            .where(SQLIdentifier("key_hash"), .in, SQLGroupExpression(SQLList(keys.map { SQLBind($0) })))
            .all(decoding: KeyRow.self)
        let expired = existing.filter { $0.created_at < cutoff }.map(\.key_hash)
        if !expired.isEmpty {
            try await sql.delete(from: IdempotencyRecord.schema)
                .where(SQLIdentifier("key_hash"), .in, SQLGroupExpression(SQLList(expired.map { SQLBind($0) })))
                .run()
        }
        var used = Set(existing.filter { $0.created_at >= cutoff }.map(\.key_hash))
        return batch.filter { pending in
            guard let key = pending.idempotency?.keyHash else { return true }
            return used.insert(key).inserted
        }
    }

    static func historyValues(
        _ report: Report, kind: HistoryKind, actorID: UUID? = nil, to status: ReportStatus? = nil, body: String
    ) -> [any SQLExpression] {
        [
            SQLBind(SubjectKind.report.rawValue), SQLBind(String(report.id!)), SQLBind(report.createdAt),
            SQLBind(kind.rawValue), SQLBind(HistoryVisibility.public.rawValue), SQLBind(actorID),
            SQLBind(nil as String?), SQLBind(nil as String?),
            SQLBind(status?.rawValue), SQLBind(body),
        ]
    }

    static let columns = [
        "number", "kind", "title", "description", "address", "latitude", "longitude", "privacy", "status",
        "supporters_count", "reporter_id", "guest_contact_cipher", "follow_token_hash", "category_id", "agency_id",
        "desa_id", "kecamatan_id", "created_at", "updated_at", "clock_started_at", "response_due_at",
        "resolution_due_at", "late", "escalation_level", "resolution_late", "sla_check_at", "published",
        "dprd_commission_id", "assisted_by_id",
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
            SQLBind(report.resolutionLate), SQLBind(report.slaCheckAt), SQLBind(report.published),
            SQLBind(report.dprdCommissionID), SQLBind(report.assistedByID),
        ]
    }
}

extension Application {
    private struct BatchWriterKey: StorageKey { typealias Value = ReportBatchWriter }

    /// The group-commit writer; made once by `configure`.
    var reportBatchWriter: ReportBatchWriter {
        guard let writer = storage[BatchWriterKey.self] else { fatalError("configure(_:) has not run") }
        return writer
    }

    func makeReportBatchWriter() {
        storage[BatchWriterKey.self] = ReportBatchWriter { [unowned self] in
            DatabaseSetup.writer(for: self, logger: self.logger)
        }
    }
}
