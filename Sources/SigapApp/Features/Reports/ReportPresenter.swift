import Fluent
import Foundation
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

    static func response(for report: Report, viewer: ReportViewer, request req: Request) async throws -> ReportResponse
    {
        let reference = try await req.reference()
        let events = try await HistoryEvent.of(report.subject, on: req.db).all().filter {
            viewer.canRead($0, of: report)
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
            photos: photos.map { SiteURL.photo($0.id!) },
            timeline: events.map {
                .init(
                    at: $0.occurredAt, kind: $0.kind.rawValue, status: $0.toStatus, text: $0.body,
                    visibility: $0.visibility.rawValue)
            },
            reporter: try await reporter(of: report, viewer: viewer, request: req),
            deadlines: report.responseDueAt.flatMap { response in
                report.resolutionDueAt.map {
                    .init(response: response, resolution: $0, respondedAt: report.respondedAt, late: report.late)
                }
            })
    }

    static func visiblePhotos(of report: Report, viewer: ReportViewer, on db: any Database) async throws
        -> [ReportPhoto]
    {
        let photos = try await ReportPhoto.query(on: db).filter(\.$reportID == report.id!).sort(\.$createdAt).all()
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
        let contact = report.guestContactCipher.flatMap { try? cipher.open($0) }.flatMap(ContactIdentifier.init)
        switch contact {
        case .phone(let phone): return .init(name: nil, contact: phone.masked)
        case .email(let email): return .init(name: nil, contact: email.value)
        case nil: return .init(name: nil, contact: nil)
        }
    }

    /// Who hears about a change: the reporter (account or guest contact) and every supporter.
    static func followers(of report: Report, cipher: FieldCipher, on db: any Database) async throws -> [Outbox
        .Recipient]
    {
        var recipients: [Outbox.Recipient] = []
        if let reporter = report.reporterID {
            recipients.append(.init(userID: reporter))
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
