import Fluent
import Foundation
import SQLKit
import SigapCore

/// The portal's services: agenda events, documents and news, each written with its audit entry and its search
/// entry in one transaction. News is found from its publication moment on (a scheduled item's entry carries
/// that moment; search shows nothing dated after now).
enum Portal {
    // MARK: agenda

    static func addEvent(_ draft: PortalRules.AgendaDraft, context: ServiceContext) async throws -> AgendaEvent {
        guard let user = context.actor, Policy.allows(user.actor, .publishInPortal) else { throw AppError.forbidden() }
        let problems = PortalRules.problems(draft)
        guard problems.isEmpty, let kind = PortalRules.AgendaKind(rawValue: draft.kind ?? ""), let start = draft.start,
            let end = draft.end
        else { throw AppError.invalid(problems) }
        let event = AgendaEvent()
        event.title = ReportChecks.clean(draft.title)
        event.kind = kind
        event.startsAt = start
        event.endsAt = end
        event.place = ReportChecks.clean(draft.place)
        event.description = ReportChecks.clean(draft.description, keepNewlines: true)
        event.agencyID = user.$agency.id
        event.createdBy = user.id!
        event.createdAt = context.now
        event.updatedAt = context.now
        let now = context.now
        return try await context.write { db in
            try await insert(event, context: context, on: db)
            try await AuditLog.record(
                "portal.event_added", actor: user, subjectType: "agenda_event", subjectID: String(event.id!),
                detail: kind.rawValue, on: db, at: now)
            return event
        }
    }

    /// Writes a new event with its search entry, on `db` (the caller's transaction).
    static func insert(_ event: AgendaEvent, context: ServiceContext, on db: any Database) async throws {
        try await event.create(on: db)
        try await SearchIndex.put(
            [
                .init(
                    kind: .agenda, key: String(event.id!), title: event.title,
                    body: event.place + "\n" + event.description,
                    year: CivilDay(of: event.startsAt, in: context.config.timeZone).year, kecamatanID: nil,
                    occurredAt: context.now)
            ], on: db)
    }

    /// Calls an event off: it stays on the agenda marked cancelled with the reason, leaves search, and the feed
    /// tells subscribed calendars.
    static func cancelEvent(_ id: Int, reason: String?, context: ServiceContext) async throws {
        guard let user = context.actor else { throw AppError.forbidden() }
        if let problem = PortalRules.withdrawalProblem(reason) { throw AppError.invalid(["reason": problem]) }
        let now = context.now
        try await context.write { db in
            guard let event = try await AgendaEvent.find(id, on: db), event.cancelledAt == nil else {
                throw AppError.notFound()
            }
            guard Policy.allows(user.actor, .withdrawFromPortal(publishedBy: event.createdBy, agencyID: event.agencyID))
            else { throw AppError.forbidden() }
            event.cancelledAt = now
            event.cancelReason = ReportChecks.clean(reason)
            event.updatedAt = now
            try await event.save(on: db)
            try await SearchIndex.remove(.agenda, String(id), on: db)
            try await AuditLog.record(
                "portal.event_cancelled", actor: user, subjectType: "agenda_event", subjectID: String(id),
                detail: event.cancelReason ?? "", on: db, at: now)
        }
    }

    // MARK: documents

    struct NewDocument: Sendable {
        var kind: String?
        var number: String?
        var year: Int?
        var title: String?
        var summary: String?
        var file: FileStore.CheckedFile?
    }

    static func addDocument(_ new: NewDocument, context: ServiceContext) async throws -> PortalDocument {
        guard let user = context.actor, Policy.allows(user.actor, .publishInPortal) else { throw AppError.forbidden() }
        var problems: [String: String] = [:]
        let kind = PortalRules.DocumentKind(rawValue: new.kind ?? "")
        if kind == nil { problems["kind"] = "portal.kind_unknown" }
        let number = ReportChecks.clean(new.number)
        if !(1...60).contains(number.count) { problems["number"] = "portal.number_required" }
        if !(1945...2100).contains(new.year ?? 0) { problems["year"] = "portal.year_invalid" }
        let title = ReportChecks.clean(new.title)
        if !(5...200).contains(title.count) { problems["title"] = "portal.title_length" }
        if new.file == nil { problems["file"] = "portal.pdf_required" }
        guard problems.isEmpty, let kind, let file = new.file, let year = new.year else {
            throw AppError.invalid(problems)
        }
        let document = PortalDocument()
        document.kind = kind
        document.number = number
        document.year = year
        document.title = title
        document.summary = ReportChecks.clean(new.summary, keepNewlines: true)
        document.agencyID = user.$agency.id
        document.storedName = FileStore.newName(file.type)
        document.byteCount = file.byteCount
        document.createdBy = user.id!
        document.createdAt = context.now
        let (store, name) = (context.files, document.storedName)
        try await context.threadPool.runIfActive { try store.place(file, as: name, .document) }
        document.text = await PDFText.extract(store.path(of: name, .document), threadPool: context.threadPool)
        let now = context.now
        return try await context.write { db in
            try await document.create(on: db)
            try await SearchIndex.put(
                [
                    .init(
                        kind: .document, key: String(document.id!), title: document.title,
                        body: [document.number, document.summary, document.text ?? ""].joined(separator: "\n"),
                        year: year, kecamatanID: nil, occurredAt: now)
                ], on: db)
            try await AuditLog.record(
                "portal.document_added", actor: user, subjectType: "document", subjectID: String(document.id!),
                detail: "\(kind.rawValue) \(number)/\(year)", on: db, at: now)
            return document
        }
    }

    /// Takes a document off the portal (published by mistake, the wrong file): its page, download and search
    /// entry go; the audit log keeps who did it and why.
    static func withdrawDocument(_ id: Int, reason: String?, context: ServiceContext) async throws {
        guard let user = context.actor else { throw AppError.forbidden() }
        if let problem = PortalRules.withdrawalProblem(reason) { throw AppError.invalid(["reason": problem]) }
        let now = context.now
        try await context.write { db in
            guard let document = try await PortalDocument.find(id, on: db), document.withdrawnAt == nil else {
                throw AppError.notFound()
            }
            guard
                Policy.allows(
                    user.actor, .withdrawFromPortal(publishedBy: document.createdBy, agencyID: document.agencyID))
            else { throw AppError.forbidden() }
            document.withdrawnAt = now
            try await document.save(on: db)
            try await SearchIndex.remove(.document, String(id), on: db)
            try await AuditLog.record(
                "portal.document_withdrawn", actor: user, subjectType: "document", subjectID: String(id),
                detail: ReportChecks.clean(reason), on: db, at: now)
        }
    }

    // MARK: news

    struct NewsDraft: Sendable {
        var title: String?
        var summary: String?
        var body: String?
        /// nil: a draft; a moment: published then (a future one schedules it).
        var publishAt: Date?
        var cover: FileStore.CheckedFile?
    }

    /// Creates a news item (`id` nil) or changes one; only its author's agency (or an admin) may change it.
    static func saveNews(_ id: Int?, _ draft: NewsDraft, context: ServiceContext) async throws -> NewsItem {
        guard let user = context.actor, Policy.allows(user.actor, .writeNews(agencyID: user.$agency.id)) else {
            throw AppError.forbidden()
        }
        var problems: [String: String] = [:]
        let title = ReportChecks.clean(draft.title)
        if !(5...200).contains(title.count) { problems["title"] = "portal.title_length" }
        let summary = ReportChecks.clean(draft.summary)
        if !(10...400).contains(summary.count) { problems["summary"] = "portal.summary_length" }
        let body = ReportChecks.clean(draft.body, keepNewlines: true)
        if !(10...50_000).contains(body.count) { problems["body"] = "portal.body_length" }
        guard problems.isEmpty else { throw AppError.invalid(problems) }
        let cover: String? =
            if let file = draft.cover { try await context.placePicture(file, .newsCover) } else { nil }
        let now = context.now
        return try await context.write { db in
            let item: NewsItem
            if let id {
                guard let found = try await NewsItem.find(id, on: db) else { throw AppError.notFound() }
                guard Policy.allows(user.actor, .writeNews(agencyID: found.agencyID)) else {
                    throw AppError.forbidden()
                }
                item = found
            } else {
                item = NewsItem()
                item.authorID = user.id!
                item.agencyID = user.$agency.id
                item.createdAt = now
            }
            item.title = title
            item.summary = summary
            item.body = body
            item.publishedAt = draft.publishAt
            if let cover { item.coverStoredName = cover }
            item.updatedAt = now
            try await item.save(on: db)
            if let published = item.publishedAt {
                try await SearchIndex.put(
                    [
                        .init(
                            kind: .news, key: String(item.id!), title: item.title,
                            body: item.summary + "\n" + item.body,
                            year: CivilDay(of: published, in: context.config.timeZone).year,
                            kecamatanID: nil, occurredAt: published)
                    ], on: db)
            } else {
                try await SearchIndex.remove(.news, String(item.id!), on: db)
            }
            try await AuditLog.record(
                id == nil ? "portal.news_created" : "portal.news_changed", actor: user, subjectType: "news",
                subjectID: String(item.id!), detail: item.publishedAt == nil ? "draft" : "published", on: db, at: now)
            return item
        }
    }
}

/// The text of a PDF, for search, when Poppler's `pdftotext` is installed (`poppler-utils`); nil otherwise or
/// when it fails or takes longer than 20 seconds. Documents are then found by their metadata only.
enum PDFText {
    static func extract(_ path: String, threadPool: NIOThreadPool) async -> String? {
        let candidates = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"]
        guard let tool = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return nil
        }
        return try? await threadPool.runIfActive { () -> String? in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = ["-q", "-enc", "UTF-8", path, "-"]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = DispatchTime.now() + .seconds(20)
            DispatchQueue.global().asyncAfter(deadline: deadline) { if process.isRunning { process.terminate() } }
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { return nil }
            let text = String(decoding: data.prefix(200_000), as: UTF8.self)
            return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text
        }
    }
}
