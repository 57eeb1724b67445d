import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// The one way a report comes in, whatever the channel (web form, JSON API, chat, the demo loader, later
/// Open311): checks, routing to the category's agency, the deadlines, the public number, the photos, the first
/// timeline events, the outbox rows and an API client's idempotency key are applied here, once. The photos'
/// files are written first; then one transaction writes the report with everything that belongs to it, so a
/// client whose report exists was told its number.
enum ReportIntake {
    struct Filed {
        let report: Report
        /// For guests only: the secret of their private follow-up link, shown once (and again to a retry with
        /// the same idempotency key).
        let followToken: String?
        /// The answer to an earlier request with the same idempotency key: nothing new was filed.
        var replayed = false
    }

    /// Where a filing came from, for the filing limits. Commands and the demo loader give none and are not
    /// limited; every outside channel gives one.
    struct Origin: Sendable {
        var address: String?
        /// `<channel>:<chat id>` for chat channels.
        var chat: String?
        /// Filed by another system for its user (Open311): the system follows the report up, so a guest's
        /// contact is not required.
        var throughIntegration = false
    }

    static func file(
        _ draft: ReportDraft, photos: [ReportPhotos.Checked] = [], idempotency: IdempotencyKey? = nil,
        origin: Origin? = nil, toDPRD: Bool = false, assistance: Assistance? = nil, context: ServiceContext
    ) async throws -> Filed {
        if let idempotency, let earlier = try await replay(idempotency, context: context) { return earlier }
        let reporter = assistance?.citizen ?? context.actor
        let reference = try await context.reference()
        let contactRequired = reporter == nil && origin?.throughIntegration != true
        let (checked, category, desa) = try check(
            draft, photos: photos.count, contactRequired: contactRequired, toDPRD: toDPRD, reference: reference)
        if let origin {
            // Counted once the report is known to be valid, before anything is written.
            var sources: [FilingLimits.Source] = []
            if let address = origin.address { sources.append(.address(address)) }
            if let id = reporter?.id { sources.append(.account(id)) }
            if reporter == nil, let contact = checked.contact { sources.append(.contact(contact.canonical)) }
            if let chat = origin.chat { sources.append(.chat(chat)) }
            try context.services.filings.admit(sources, limits: context.config.filingLimits, now: context.now)
        }

        let now = context.now
        let followToken = reporter == nil ? SecretToken.urlSafe(bytes: 24) : nil
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = context.config.timeZone
        let cipher = context.cipher

        let report = Report()
        report.kind = checked.kind
        report.title = checked.title
        report.description = checked.description
        report.address = checked.address
        report.latitude = checked.location?.latitude ?? desa.latitude
        report.longitude = checked.location?.longitude ?? desa.longitude
        report.privacy = checked.privacy
        report.status = .diterima
        report.published = context.config.publication == .onFiling
        report.supportersCount = 0
        report.reporterID = reporter?.id
        report.guestContactCipher = try checked.contact.map { try cipher.seal($0.canonical) }
        if let assistance {
            report.guestContactCipher = try cipher.seal(ContactIdentifier.phone(assistance.phone).canonical)
            report.assistedByID = assistance.helper.id
        }
        report.followTokenHash = followToken.map(SecretToken.digest)
        report.categoryID = category.id
        report.agencyID = category.agencyID
        if toDPRD {
            // Addressed to the council: its secretariat answers, the commission whose field it is follows it.
            guard let secretariat = reference.agencyByCode[DPRDRouting.secretariat] else {
                throw AppError.invalid(["category": "dprd.no_secretariat"])
            }
            report.agencyID = secretariat
            let commissions = try await DPRDCommission.query(on: context.db).all()
            let chosen = DPRDRouting.commission(
                forCategory: category.code, agency: reference.agencyCodes[category.agencyID] ?? "",
                among: commissions.map(\.routing))
            report.dprdCommissionID = chosen.flatMap { c in commissions.first { $0.code == c.code }?.id }
        }
        report.desaID = desa.id
        report.kecamatanID = desa.kecamatanID
        report.createdAt = now
        report.updatedAt = now
        report.startClock(at: now, deadlines: category.deadlines(from: now, calendar: reference.calendar))

        // Files first: a failure after this leaves orphan files for the sweep, never a row without its file.
        let photoRows = try await ReportPhotos.writeFiles(
            photos, uploader: reporter, fromStaff: false, context: context)
        let pending = ReportBatchWriter.Pending(
            report: report, year: calendar.component(.year, from: now), prefix: context.config.reportPrefix,
            recipient: Outbox.Recipient(
                userID: reporter?.id,
                contact: assistance.map { .phone($0.phone) } ?? (reporter == nil ? checked.contact : nil)),
            photos: photoRows, idempotency: idempotency, followToken: followToken)

        guard try await context.batchWriter.file(pending, cipher: cipher) else {
            // Another request with the same key won the race: its answer is this request's answer.
            guard let idempotency, let earlier = try await replay(idempotency, context: context) else {
                throw AppError(status: .conflict, code: "conflict", messageKey: "error.409")
            }
            return earlier
        }
        return Filed(report: report, followToken: followToken)
    }

    /// The draft checked as filing checks it — fields, an active category of the right kind, a known desa —
    /// or 422 with a message per field. Practice filing (`PracticeSessions`) checks the same way.
    static func check(
        _ draft: ReportDraft, photos: Int, contactRequired: Bool, toDPRD: Bool, reference: ReferenceCache.Snapshot
    ) throws -> (CheckedReport, ReferenceCache.CategoryInfo, ReferenceCache.DesaInfo) {
        let checked: CheckedReport
        switch ReportChecks.check(draft, isGuest: contactRequired, region: reference.bounds) {
        case .success(let value): checked = value
        case .failure(let problems): throw AppError.invalid(problems.fields)
        }
        var problems: [String: String] = [:]
        let category = reference.categories[checked.categoryCode].flatMap { $0.active ? $0 : nil }
        if category == nil {
            problems["category"] = "report.category_unknown"
        } else if !toDPRD, category!.kind != .keduanya, category!.kind.rawValue != checked.kind.rawValue {
            // (To the DPRD the category names the topic of an aspiration, whatever kind it usually takes.)
            problems["category"] = "report.category_wrong_kind"
        }
        let desa = reference.desa[checked.desaCode]
        if desa == nil { problems["desa"] = "report.desa_unknown" }
        if photos > ReportLimits.photosPerReport { problems["photo"] = "report.photo_limit" }
        guard problems.isEmpty, let category, let desa else { throw AppError.invalid(problems) }
        return (checked, category, desa)
    }

    /// The first answer to a request with this key, if there was one.
    private static func replay(_ key: IdempotencyKey, context: ServiceContext) async throws -> Filed? {
        guard let earlier = try await key.earlier(on: context.db, now: context.now),
            earlier.subjectKind == .report, let id = Int(earlier.subjectID),
            let report = try await Report.find(id, on: context.db)
        else { return nil }
        let token = try earlier.secretCipher.map { try context.cipher.open($0) }
        return Filed(report: report, followToken: token, replayed: true)
    }

    static func receivedPayload(_ report: Report) -> [String: String] {
        ["number": report.number, "title": report.title]
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
