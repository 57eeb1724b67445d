import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// Carries out an action on a report: the policy and the status machine in SigapCore decide, then the change,
/// its timeline event, any photos, the outbox rows for followers and (for staff) an audit entry are written in
/// one transaction on the writer.
enum ReportActions {
    struct Input {
        var text: String?
        /// `assign`: the agency code to send the report to.
        var agencyCode: String?
        /// `merge`: the number of the report this one duplicates.
        var targetNumber: String?
        /// `hide_photo`
        var photoID: UUID?
        /// `rate`
        var rating: Int?
        /// `verify`: the right category when the reporter chose a wrong one (the report follows its agency).
        var categoryCode: String?
        /// Photos that come with the action (a citizen's added information, staff's proof of resolution).
        var photos: [ReportPhotos.Checked] = []
    }

    /// `viewer` is who acts relative to the report (the account of `context`, or a guest's follow-up link).
    static func perform(
        _ action: ReportAction, on report: Report, input: Input, viewer: ReportViewer, context: ServiceContext
    ) async throws -> Report {
        let user = context.actor
        let now = context.now
        let text = input.text.map { ReportChecks.clean($0, keepNewlines: true) }
        if let text, text.count > ReportLimits.reply.upperBound {
            throw AppError.invalid(["text": "report.text_too_long"])
        }
        // Decided here to refuse early (before any file is written), and again on the locked row below.
        _ = try decide(action, on: report, viewer: viewer, text: text, now: now)

        let reference = try await context.reference()
        let db = context.db
        // Checks of the action's own input, before anything is written.
        var assignedAgency: UUID?
        var corrected: ReferenceCache.CategoryInfo?
        var target: Report?
        var photo: ReportPhoto?
        switch action {
        case .verify:
            if let code = input.categoryCode?.trimmedOrNil, code != reference.categoriesByID[report.categoryID]?.code {
                guard let category = reference.categories[code], category.active,
                    category.kind == .keduanya || category.kind.rawValue == report.kind.rawValue
                else { throw AppError.invalid(["category": "report.category_unknown"]) }
                corrected = category
            }
        case .assign:
            guard let code = input.agencyCode,
                let agency = try await Agency.query(on: db).filter(\.$code == code).first(),
                agency.active
            else { throw AppError.invalid(["agency": "report.agency_unknown"]) }
            assignedAgency = agency.id
        case .merge:
            let found = try await ReportPresenter.find(input.targetNumber, viewer: viewer, on: db)
            guard found.id != report.id, found.status.isOpen, found.mergedIntoID == nil else {
                throw AppError.invalid(["target": "report.merge_target_invalid"])
            }
            target = found
        case .hidePhoto:
            guard let id = input.photoID, let found = try await ReportPhoto.find(id, on: db),
                found.reportID == report.id
            else {
                throw AppError.notFound()
            }
            photo = found
        case .rate:
            guard let rating = input.rating, (1...5).contains(rating) else {
                throw AppError.invalid(["rating": "report.rating_invalid"])
            }
        case .support:
            if let userID = user?.id,
                try await ReportSupport.query(on: db).filter(\.$reportID == report.id!).filter(\.$userID == userID)
                    .count() > 0
            {
                throw AppError(status: .conflict, code: "conflict", messageKey: "report.already_supported")
            }
        default: break
        }

        let isStaff = viewer.isHandlingStaff(report)
        let photoRows = try await ReportPhotos.writeFiles(
            input.photos, uploader: user, fromStaff: isStaff, context: context)
        let (cipher, zone) = (context.cipher, context.config.timeZone)
        let reportID = report.id!
        let (assigned, mergeTarget, hiddenPhoto, newCategory) = (assignedAgency, target, photo, corrected)
        let updated = try await context.write { db -> Report in
            // The row as it is now, locked until the transaction ends, so two actions at once (a resolve and a
            // reject, two supports) are decided one after the other on fresh state.
            guard let report = try await lockForAction(reportID, on: db) else { throw AppError.notFound() }
            let oldStatus = report.status
            let newStatus = try decide(action, on: report, viewer: viewer, text: text, now: now)
            let (kind, visibility, event) = describe(action)
            report.status = newStatus
            report.updatedAt = now
            if action.answersTheReporter { report.recordResponse(at: now) }
            if action.publishes { report.published = true }
            switch action {
            case .assign, .reopen:
                // A new agency, or a reopened report, gets a fresh promise.
                if let category = reference.categoriesByID[report.categoryID] {
                    report.startClock(at: now, deadlines: category.deadlines(from: now, calendar: reference.calendar))
                }
            default: break
            }
            if let corrected = newCategory {
                report.categoryID = corrected.id
                if corrected.agencyID != report.agencyID {
                    // The right category belongs to another agency: the report moves there with a fresh promise.
                    report.agencyID = corrected.agencyID
                    report.startClock(at: now, deadlines: corrected.deadlines(from: now, calendar: reference.calendar))
                }
            }
            if !newStatus.isOpen { report.slaCheckAt = nil }
            switch action {
            case .assign: report.agencyID = assigned!
            case .resolve: report.resolvedAt = now
            case .reopen: report.resolvedAt = nil
            case .rate:
                report.rating = input.rating
                report.ratingComment = text?.isEmpty == false ? text : nil
            case .merge: report.mergedIntoID = mergeTarget!.id
            case .support: report.supportersCount += 1
            case .hidePhoto:
                hiddenPhoto!.hidden = true
                try await hiddenPhoto!.save(on: db)
            default: break
            }
            if action == .support, let userID = user?.id {
                guard
                    try await ReportSupport.query(on: db).filter(\.$reportID == reportID).filter(\.$userID == userID)
                        .count() == 0
                else { throw AppError(status: .conflict, code: "conflict", messageKey: "report.already_supported") }
                try await ReportSupport(reportID: reportID, userID: userID, at: now).create(on: db)
            }
            try await report.save(on: db)
            try await Points.afterReportAction(action, report, on: db, at: now)
            if action.publishes || action == .merge {
                // What the public may find follows what it may read.
                try await SearchIndex.update(report, year: CivilDay(of: report.createdAt, in: zone).year, on: db)
            }
            let body: String
            switch action {
            case .merge: body = mergeTarget!.number
            case .verify: body = newCategory?.name ?? ""
            case .rate: body = "\(input.rating!)/5" + (report.ratingComment.map { " — \($0)" } ?? "")
            case .support, .start, .hidePhoto: body = ""
            default: body = text ?? ""
            }
            try await HistoryEvent(
                report: report, at: now, kind: kind, visibility: visibility, actor: user, from: oldStatus,
                to: newStatus, body: body
            ).create(on: db)
            if !isStaff, !photoRows.isEmpty {
                let existing = try await ReportPhoto.query(on: db).filter(\.$reportID == report.id!)
                    .filter(\.$fromStaff == false).count()
                guard existing + photoRows.count <= ReportLimits.photosPerReport else {
                    throw AppError.invalid(["photo": "report.photo_limit"])
                }
            }
            try await ReportPhotos.record(photoRows, of: report, uploader: user, now: now, on: db)
            if action == .merge { try await moveFollowers(from: report, to: mergeTarget!, now: now, on: db) }
            if let event {
                try await Outbox.enqueue(
                    event, about: report.subject,
                    payload: ["number": report.number, "status": newStatus.rawValue, "text": String(body.prefix(280))],
                    to: try await ReportPresenter.followers(of: report, cipher: cipher, on: db), cipher: cipher, on: db,
                    now: now)
            }
            if let user, user.role.isStaff {
                try await AuditLog.record(
                    "report.\(action.rawValue)", actor: user, subjectType: "report", subjectID: report.number,
                    detail: "\(oldStatus.rawValue) → \(newStatus.rawValue)", on: db, at: now)
            }
            return report
        }
        if action == .verify, let code = reference.categoriesByID[updated.categoryID]?.code {
            // A person confirmed the category: the suggestion model learns from it.
            context.services.suggester.learn(updated.title + " " + updated.description, categoryCode: code)
        }
        return updated
    }

    /// The status `action` leads to from the report's state, or the error that refuses it.
    static func decide(_ action: ReportAction, on report: Report, viewer: ReportViewer, text: String?, now: Date)
        throws -> ReportStatus
    {
        switch ReportWorkflow.apply(action, to: report.facts, by: viewer.actor(for: report), text: text, now: now) {
        case .success(let status): return status
        case .failure(.notAllowed): throw AppError.forbidden()
        case .failure(.reasonRequired): throw AppError.invalid(["text": ReportRuleError.reasonRequired.rawValue])
        case .failure(let problem): throw AppError(status: .conflict, code: "conflict", messageKey: problem.rawValue)
        }
    }

    /// Reads the report inside the action's transaction, locking its row on PostgreSQL (`FOR UPDATE`: a second
    /// action waits for the first to commit). On SQLite the single writer connection already runs one
    /// transaction at a time.
    static func lockForAction(_ id: Int, on db: any Database) async throws -> Report? {
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            _ = try await sql.raw("SELECT id FROM reports WHERE id = \(bind: id) FOR UPDATE").all()
        }
        return try await Report.find(id, on: db)
    }

    /// The timeline kind, who may read it, and the outbox event (nil: nobody is notified).
    static func describe(_ action: ReportAction) -> (HistoryKind, HistoryVisibility, EventKind?) {
        switch action {
        case .verify: (.verified, .public, .reportStatusChanged)
        case .assign: (.assigned, .public, .reportStatusChanged)
        case .start: (.started, .public, .reportStatusChanged)
        case .reply: (.reply, .public, .reportReply)
        case .note: (.note, .staff, nil)
        case .resolve: (.resolved, .public, .reportStatusChanged)
        case .reject: (.rejected, .public, .reportStatusChanged)
        case .merge: (.merged, .public, .reportMerged)
        case .hidePhoto: (.photoHidden, .staff, nil)
        case .addInformation: (.informationAdded, .reporter, nil)
        case .rate: (.rated, .public, nil)
        case .reopen: (.reopened, .reporter, .reportStatusChanged)
        case .support: (.supported, .staff, nil)
        }
    }

    /// After a merge the reporter and supporters of the duplicate follow the surviving report.
    static func moveFollowers(from duplicate: Report, to target: Report, now: Date, on db: any Database) async throws {
        var userIDs = try await ReportSupport.query(on: db).filter(\.$reportID == duplicate.id!).all().map(\.userID)
        if let reporter = duplicate.reporterID { userIDs.append(reporter) }
        let existing = Set(try await ReportSupport.query(on: db).filter(\.$reportID == target.id!).all().map(\.userID))
        var added = 0
        for userID in Set(userIDs) where !existing.contains(userID) && userID != target.reporterID {
            try await ReportSupport(reportID: target.id!, userID: userID, at: now).create(on: db)
            added += 1
        }
        if added > 0 {
            target.supportersCount += added
            try await target.save(on: db)
        }
    }
}

extension ReportAction {
    /// A public reply or a status change by the agency: what meets the first-response deadline.
    var answersTheReporter: Bool {
        switch self {
        case .verify, .assign, .start, .reply, .resolve, .reject, .merge: true
        case .note, .hidePhoto, .addInformation, .rate, .reopen, .support: false
        }
    }
}
