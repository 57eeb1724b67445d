import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// The one way a report comes in, whatever the channel (web form, JSON API, later Open311 and chat):
/// checks, routing to the category's agency, the deadlines, the public number, the first timeline event and the
/// outbox row are applied here, once, in one transaction.
enum ReportIntake {
    struct Filed {
        let report: Report
        /// For guests only: the secret of their private follow-up link, shown once.
        let followToken: String?
    }

    static func file(_ draft: ReportDraft, reporter: User?, request req: Request) async throws -> Filed {
        let reference = try await req.reference()
        let checked: CheckedReport
        switch ReportChecks.check(draft, isGuest: reporter == nil, region: reference.bounds) {
        case .success(let value): checked = value
        case .failure(let problems): throw AppError.invalid(problems.fields)
        }
        var problems: [String: String] = [:]
        let category = reference.categories[checked.categoryCode].flatMap { $0.active ? $0 : nil }
        if category == nil {
            problems["category"] = "report.category_unknown"
        } else if category!.kind != .keduanya, category!.kind.rawValue != checked.kind.rawValue {
            problems["category"] = "report.category_wrong_kind"
        }
        let desa = reference.desa[checked.desaCode]
        if desa == nil { problems["desa"] = "report.desa_unknown" }
        guard problems.isEmpty, let category, let desa else { throw AppError.invalid(problems) }

        let now = req.now
        let followToken = reporter == nil ? SecretToken.urlSafe(bytes: 24) : nil
        let prefix = req.sigap.config.reportPrefix
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = req.sigap.config.timeZone
        let year = calendar.component(.year, from: now)
        let cipher = req.sigap.cipher

        let report = Report()
        report.kind = checked.kind
        report.title = checked.title
        report.description = checked.description
        report.address = checked.address
        report.latitude = checked.location?.latitude ?? desa.latitude
        report.longitude = checked.location?.longitude ?? desa.longitude
        report.privacy = checked.privacy
        report.status = .diterima
        report.supportersCount = 0
        report.reporterID = reporter?.id
        report.guestContactCipher = try checked.contact.map { try cipher.seal($0.canonical) }
        report.followTokenHash = followToken.map(SecretToken.digest)
        report.categoryID = category.id
        report.agencyID = category.agencyID
        report.desaID = desa.id
        report.kecamatanID = desa.kecamatanID
        report.createdAt = now
        report.updatedAt = now
        report.startClock(at: now, deadlines: category.deadlines(from: now, calendar: reference.calendar))
        let recipient = Outbox.Recipient(userID: reporter?.id, contact: reporter == nil ? checked.contact : nil)

        if let writer = req.application.reportBatchWriter {
            // Read before the batch: which channels the reporter hears on (the batch only writes).
            let addresses = try await Outbox.addresses(
                for: [recipient], event: "report.received", cipher: cipher, on: req.db)
            let filed = try await writer.file(
                .init(report: report, year: year, prefix: prefix, recipients: addresses))
            return Filed(report: filed, followToken: followToken)
        }
        try await req.writeDB.transaction { db in
            let sequence = try await nextSequence(year: year, on: db)
            report.number = ReportNumber(prefix: prefix, year: year, sequence: sequence).description
            try await report.create(on: db)
            try await ReportEvent(
                reportID: report.id!, at: now, kind: .filed, visibility: .public, actor: nil, to: .diterima
            )
            .create(on: db)
            try await Outbox.enqueue(
                "report.received", reportID: report.id, payload: ["number": report.number, "title": report.title],
                to: [recipient], cipher: cipher, on: db, now: now)
        }
        return Filed(report: report, followToken: followToken)
    }

    /// The next number of `year`, atomically (SQLite ≥ 3.35 and PostgreSQL share this UPSERT … RETURNING).
    static func nextSequence(year: Int, on db: any Database) async throws -> Int {
        let sql = db as! any SQLDatabase
        let row = try await sql.raw(
            """
            INSERT INTO report_counters (year, last) VALUES (\(bind: year), 1)
            ON CONFLICT (year) DO UPDATE SET last = report_counters.last + 1
            RETURNING last
            """
        ).first()
        return try row!.decode(column: "last", as: Int.self)
    }
}

extension ReferenceCache.CategoryInfo {
    /// The category's promise, counted from `start` on the region's calendar.
    func deadlines(from start: Date, calendar: WorkCalendar) -> ServiceLevel.Deadlines {
        ServiceLevel.deadlines(
            from: start, responseWorkingDays: responseWorkingDays, resolutionWorkingDays: resolutionWorkingDays,
            calendar: calendar)
    }
}

extension AppError {
    /// 422 with a message per field (catalog keys).
    static func invalid(_ fields: [String: String]) -> AppError {
        AppError(status: .unprocessableEntity, code: "unprocessable", messageKey: "error.422", fields: fields)
    }
}
