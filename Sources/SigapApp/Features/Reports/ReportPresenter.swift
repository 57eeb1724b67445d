import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// Finds reports by number for a viewer and turns them into what that viewer may see.
enum ReportPresenter {
    /// The report with `number` if the viewer may see it; 404 otherwise (also for malformed numbers), so a
    /// confidential report is indistinguishable from one that does not exist.
    static func find(_ number: String?, viewer: ReportViewer, on db: any Database) async throws -> Report {
        guard let number, let parsed = ReportNumber(number),
            let report = try await Report.query(on: db).filter(\.$number == parsed.description).first(),
            viewer.canSee(report)
        else { throw AppError.notFound() }
        return report
    }

    /// The same, for showing only (`Report.read`): the pages and the API's GET. Actions use `find`.
    static func read(_ number: String?, viewer: ReportViewer, on db: any Database) async throws -> Report {
        guard let number, let parsed = ReportNumber(number),
            let report = try await Report.read(number: parsed.description, on: db), viewer.canSee(report)
        else { throw AppError.notFound() }
        return report
    }

    static func response(for report: Report, viewer: ReportViewer, request req: Request) async throws -> ReportResponse
    {
        let reference = try await req.reference()
        let events = try await timeline(of: report, on: req.db).filter {
            viewer.canRead($0.visibility, of: report)
        }
        let photos = try await visiblePhotos(of: report, viewer: viewer, on: req.db)
        let desa = reference.desaByID[report.desaID]
        let category = reference.categoriesByID[report.categoryID]
        var mergedInto: String?
        if let target = report.mergedIntoID { mergedInto = try await Report.find(target, on: req.db)?.number }
        return ReportResponse(
            number: report.number, kind: report.kind, status: report.status, privacy: report.privacy,
            title: report.title, description: report.description,
            category: .init(code: category?.code ?? "", name: category?.name ?? ""),
            agency: reference.agencyNames[report.agencyID] ?? "",
            desa: .init(code: desa?.code ?? "", name: desa?.name ?? ""),
            kecamatan: reference.kecamatanNames[report.kecamatanID] ?? "", address: report.address,
            location: report.latitude.flatMap { lat in report.longitude.map { .init(lat: lat, lon: $0) } },
            supporters: report.supportersCount, rating: report.rating, mergedInto: mergedInto,
            createdAt: report.createdAt, updatedAt: report.updatedAt,
            photos: photos.map { SiteURL.photo($0.id) },
            timeline: events.map {
                .init(
                    at: $0.occurredAt, kind: $0.kind, status: $0.toStatus, text: $0.body,
                    visibility: $0.visibility.rawValue)
            },
            reporter: try await reporter(of: report, viewer: viewer, request: req),
            deadlines: report.responseDueAt.flatMap { response in
                report.resolutionDueAt.map {
                    .init(response: response, resolution: $0, respondedAt: report.respondedAt, late: report.late)
                }
            })
    }

    // The report page and the report API read a report's timeline and photos on every request: with SQLKit and
    // the columns they show, since Fluent's models cost more (reflection over the fields, a generated SELECT of
    // every column serialised per query) than the query itself (profile in docs/performance.md).

    /// One timeline line as the pages and the API show it.
    struct TimelineLine: Sendable {
        let occurredAt: Date
        let kind: String
        let visibility: HistoryVisibility
        let toStatus: ReportStatus?
        let body: String
    }

    /// A report's timeline, oldest first (`history_subject_idx`).
    static func timeline(of report: Report, on db: any Database) async throws -> [TimelineLine] {
        let rows = try await (db as! any SQLDatabase).raw(
            """
            SELECT occurred_at, kind, visibility, to_state, body FROM history_events
            WHERE subject_kind = \(bind: SubjectKind.report.rawValue) AND subject_id = \(bind: String(report.id!))
            ORDER BY id
            """
        ).all()
        return try rows.map { row in
            TimelineLine(
                occurredAt: try row.decode(column: "occurred_at", as: Date.self),
                kind: try row.decode(column: "kind", as: String.self),
                visibility: HistoryVisibility(rawValue: try row.decode(column: "visibility", as: String.self))
                    ?? .staff,
                toStatus: try row.decode(column: "to_state", as: String?.self).flatMap(ReportStatus.init),
                body: try row.decode(column: "body", as: String.self))
        }
    }

    /// A photo as the pages list it.
    struct PhotoRef: Sendable {
        let id: UUID
        let hidden: Bool
    }

    /// The photos the viewer may see (staff also see hidden ones), oldest first (`report_photos_report_idx`).
    static func visiblePhotos(of report: Report, viewer: ReportViewer, on db: any Database) async throws
        -> [PhotoRef]
    {
        let rows = try await (db as! any SQLDatabase).raw(
            "SELECT id, hidden FROM report_photos WHERE report_id = \(bind: report.id!) ORDER BY created_at"
        ).all()
        let photos = try rows.map {
            PhotoRef(
                id: try $0.decode(column: "id", as: UUID.self), hidden: try $0.decode(column: "hidden", as: Bool.self))
        }
        return viewer.isStaffReader(report) ? photos : photos.filter { !$0.hidden }
    }

    /// Name and (masked) contact, only for those `ReportViewer` allows.
    static func reporter(of report: Report, viewer: ReportViewer, request req: Request) async throws -> ReportResponse
        .Reporter?
    {
        guard viewer.seesReporterIdentity(report) else { return nil }
        let cipher = req.sigap.cipher
        if let id = report.reporterID, let user = try await User.find(id, on: req.db) {
            return .init(name: user.name, contact: user.email ?? Accounts.maskedPhone(of: user, cipher: cipher))
        }
        // A guest's report another system filed through Open311 names that system (`open311_requests_report_idx`).
        var through: String?
        if let filing = try await Open311Request.query(on: req.db).filter(\.$reportID == report.id!).first(),
            let key = try await Open311Key.find(filing.keyID, on: req.db)
        {
            through = req.t("open311.through", key.name)
        }
        let contact = report.guestContactCipher.flatMap { try? cipher.open($0) }.flatMap(ContactIdentifier.init)
        switch contact {
        case .phone(let phone): return .init(name: through, contact: phone.masked)
        case .email(let email): return .init(name: through, contact: email.value)
        case nil: return .init(name: through, contact: nil)
        }
    }

    /// Who hears about a change: the reporter (account or guest contact) and every supporter.
    static func followers(of report: Report, cipher: FieldCipher, on db: any Database) async throws -> [Outbox
        .Recipient]
    {
        var recipients: [Outbox.Recipient] = []
        if let reporter = report.reporterID {
            // A report filed by a pendamping also reaches the phone the citizen gave (until they link a chat).
            let phone = report.assistedByID == nil ? nil : report.guestContactCipher.flatMap { try? cipher.open($0) }
            recipients.append(.init(userID: reporter, contact: phone.flatMap(ContactIdentifier.init)))
        } else if let contact = report.guestContactCipher.flatMap({ try? cipher.open($0) }).flatMap(
            ContactIdentifier.init)
        {
            recipients.append(.init(contact: contact))
        }
        let supporters = try await ReportSupport.query(on: db).filter(\.$reportID == report.id!).all()
        recipients += supporters.map { .init(userID: $0.userID) }
        return recipients
    }
}

extension Request {
    /// The viewer of this request: the signed-in account and a guest follow-up token, if given
    /// (`?kunci=` on pages, `X-Follow-Token` or `?token=` on the API).
    var reportViewer: ReportViewer {
        let token =
            headers.first(name: "X-Follow-Token") ?? (try? query.get(String.self, at: "kunci"))
            ?? (try? query.get(String.self, at: "token"))
        return ReportViewer(user: currentUser, followToken: token)
    }
}
