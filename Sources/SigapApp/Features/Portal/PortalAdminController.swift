import Fluent
import Foundation
import SigapCore
import Vapor

/// The portal's staff forms: `/dasbor/agenda` (add an event), `/dasbor/dokumen` (upload a PDF with its
/// metadata), `/dasbor/berita` (news: drafts, scheduled and published, each editable by its agency or an admin).
struct PortalAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let publishers = routes.requiring(.publishInPortal)
        publishers.get("dasbor", "agenda", use: agendaForm)
        publishers.post("dasbor", "agenda", use: addEvent)
        publishers.get("dasbor", "dokumen", use: documentForm)
        publishers.upload("dasbor", "dokumen", use: addDocument)
        // Whose event or document it is is checked on the record (`Policy.withdrawFromPortal`).
        publishers.post("dasbor", "agenda", ":id", "batal", use: cancelEvent)
        publishers.post("dasbor", "dokumen", ":id", "tarik", use: withdrawDocument)
        let writers = routes.recordGuarded("Policy.writeNews on the item's agency (Portal.saveNews)")
        writers.get("dasbor", "berita", use: newsList)
        writers.get("dasbor", "berita", "baru", use: newsForm)
        writers.upload("dasbor", "berita", "baru", use: saveNews)
        writers.get("dasbor", "berita", ":id", use: newsForm)
        writers.upload("dasbor", "berita", ":id", use: saveNews)
    }

    /// A `datetime-local` field's "2026-12-01T09:00", in the region's time zone.
    static func localField(_ req: Request) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = req.sigap.config.timeZone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter
    }

    static func moment(_ text: String?, _ req: Request) -> Date? {
        text?.trimmedOrNil.flatMap { localField(req).date(from: String($0.prefix(16))) }
    }

    struct FormPage {
        let page: PageContext
        let form: FormState
        let kind: Kind
        let choices: [Choice]
        let action: String
        /// What the viewer published and may still call off (events) or withdraw (documents).
        var withdrawable: [Withdrawable] = []

        enum Kind { case agenda, document, news }
    }

    struct Withdrawable {
        let label: String
        let action: String
    }

    // MARK: agenda

    struct AgendaInput: Content {
        var title: String?
        var kind: String?
        var start: String?
        var end: String?
        var place: String?
        var description: String?
    }

    func agendaForm(req: Request) async throws -> Response {
        try await render(req, FormState(), .agenda)
    }

    /// The newest events and documents the viewer may call off or withdraw (their own; their agency's for its
    /// head; all for an admin), for the lists under the forms.
    func withdrawable(_ req: Request, _ kind: FormPage.Kind) async throws -> [Withdrawable] {
        guard let actor = req.currentUser?.actor else { return [] }
        func may(_ publisher: UUID, _ agency: UUID?) -> Bool {
            Policy.allows(actor, .withdrawFromPortal(publishedBy: publisher, agencyID: agency))
        }
        switch kind {
        case .agenda:
            return try await AgendaEvent.query(on: req.db).filter(\.$cancelledAt == nil).filter(\.$endsAt >= req.now)
                .sort(\.$startsAt).limit(200).all().filter { may($0.createdBy, $0.agencyID) }.prefix(30).map {
                    Withdrawable(
                        label: "\($0.title) · \(req.localDateTime($0.startsAt))",
                        action: SiteURL.agendaAdmin + "/\($0.id!)/batal")
                }
        case .document:
            return try await PortalDocument.query(on: req.db).filter(\.$withdrawnAt == nil).sort(\.$id, .descending)
                .limit(200).all().filter { may($0.createdBy, $0.agencyID) }.prefix(30).map {
                    Withdrawable(
                        label: "\($0.title) · \($0.number)/\($0.year)",
                        action: SiteURL.documentsAdmin + "/\($0.id!)/tarik")
                }
        case .news:
            return []
        }
    }

    func render(
        _ req: Request, _ form: FormState, _ kind: FormPage.Kind, action: String? = nil,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let (title, choices, path): (String, [Choice], String) =
            switch kind {
            case .agenda:
                (
                    "portal.add_event",
                    PortalRules.AgendaKind.allCases.map {
                        Choice(value: $0.rawValue, label: req.t("portal.agenda_kind.\($0.rawValue)"))
                    }, SiteURL.agendaAdmin
                )
            case .document:
                (
                    "portal.add_document",
                    PortalRules.DocumentKind.allCases.map {
                        Choice(value: $0.rawValue, label: req.t("portal.document_kind.\($0.rawValue)"))
                    }, SiteURL.documentsAdmin
                )
            case .news: ("portal.write_news", [], action ?? SiteURL.newsAdmin + "/baru")
            }
        return req.page(
            FormPage(
                page: PageContext(req, title: req.t(title)), form: form, kind: kind, choices: choices, action: path,
                withdrawable: try await withdrawable(req, kind)),
            status: status)
    }

    /// A refusal's fields as the form shows them.
    static func refused(_ error: AppError, values: [String: String], _ req: Request) -> FormState {
        var form = FormState(values: values)
        form.errors = error.fields.mapValues { req.t($0) }
        form.error = error.fields.isEmpty ? req.message(of: error) : req.t("error.422")
        return form
    }

    func addEvent(req: Request) async throws -> Response {
        let input = try req.content.decode(AgendaInput.self)
        do {
            let event = try await Portal.addEvent(
                .init(
                    title: input.title, kind: input.kind, start: Self.moment(input.start, req),
                    end: Self.moment(input.end, req), place: input.place, description: input.description),
                context: req.context)
            req.setNotice("portal.event_added")
            return req.redirect(to: SiteURL.agenda + "#acara-\(event.id!)", redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity {
            let values = [
                "title": input.title ?? "", "kind": input.kind ?? "", "start": input.start ?? "",
                "end": input.end ?? "", "place": input.place ?? "", "description": input.description ?? "",
            ]
            return try await render(req, Self.refused(error, values: values, req), .agenda, status: error.status)
        }
    }

    struct WithdrawalInput: Content {
        var reason: String?
    }

    /// The withdrawal forms sit in the list under the main form: their one problem (the reason) is said on top.
    static func refusedWithdrawal(_ error: AppError, _ req: Request) -> FormState {
        var form = FormState()
        form.error = req.t(error.fields["reason"] ?? "error.422")
        return form
    }

    func cancelEvent(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: Int.self) else { throw AppError.notFound() }
        let input = try req.content.decode(WithdrawalInput.self)
        do {
            try await Portal.cancelEvent(id, reason: input.reason, context: req.context)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(req, Self.refusedWithdrawal(error, req), .agenda, status: error.status)
        }
        req.setNotice("portal.event_cancelled_notice")
        return req.redirect(to: SiteURL.agenda + "#acara-\(id)", redirectType: .normal)
    }

    // MARK: documents

    struct DocumentInput: Content {
        var kind: String?
        var number: String?
        var year: String?
        var title: String?
        var summary: String?
    }

    func documentForm(req: Request) async throws -> Response {
        try await render(req, FormState(), .document)
    }

    func addDocument(req: Request) async throws -> Response {
        let upload = try await StreamedForm.read(
            req, store: req.context.files, maxFileBytes: FilePurpose.document.policy.maxBytes, maxFiles: 1,
            tooLarge: "portal.pdf_too_large")
        defer { upload.removeIncoming() }
        let input = try upload.decode(DocumentInput.self)
        let values = [
            "kind": input.kind ?? "", "number": input.number ?? "", "year": input.year ?? "",
            "title": input.title ?? "", "summary": input.summary ?? "",
        ]
        do {
            let file = try await upload.checkedPhotos(named: "file", for: .document, context: req.context).first
            let document = try await Portal.addDocument(
                .init(
                    kind: input.kind, number: input.number, year: input.year.flatMap { Int($0) }, title: input.title,
                    summary: input.summary, file: file),
                context: req.context)
            return req.redirect(to: SiteURL.document(String(document.id!)), redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(req, Self.refused(error, values: values, req), .document, status: error.status)
        }
    }

    func withdrawDocument(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: Int.self) else { throw AppError.notFound() }
        let input = try req.content.decode(WithdrawalInput.self)
        do {
            try await Portal.withdrawDocument(id, reason: input.reason, context: req.context)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(req, Self.refusedWithdrawal(error, req), .document, status: error.status)
        }
        req.setNotice("portal.document_withdrawn")
        return req.redirect(to: SiteURL.documentsAdmin, redirectType: .normal)
    }

    // MARK: news

    struct NewsListPage {
        let page: PageContext
        let rows: [(title: String, state: String, url: String)]
    }

    func newsList(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard Policy.allows(user.actor, .writeNews(agencyID: user.$agency.id)) else { throw AppError.forbidden() }
        var query = NewsItem.query(on: req.db)
        if user.role != .admin { query = query.filter(\.$agencyID == user.$agency.id) }
        let items = try await query.sort(\.$updatedAt, .descending).limit(100).all()
        let now = req.now
        return req.page(
            NewsListPage(
                page: PageContext(req, title: req.t("portal.news_admin")),
                rows: items.map { n in
                    let state =
                        n.publishedAt == nil
                        ? req.t("portal.news_draft")
                        : n.isPublic(at: now)
                            ? req.t("portal.news_published", req.localDateTime(n.publishedAt!))
                            : req.t("portal.news_scheduled", req.localDateTime(n.publishedAt!))
                    return (n.title, state, SiteURL.newsAdmin + "/\(n.id!)")
                }))
    }

    struct NewsInput: Content {
        var title: String?
        var summary: String?
        var body: String?
        var publishAt: String?
        var publish: String?

        enum CodingKeys: String, CodingKey {
            case title, summary, body, publish
            case publishAt = "publish_at"
        }
    }

    func newsForm(req: Request) async throws -> Response {
        guard let user = req.currentUser else { throw AppError.forbidden() }
        guard let raw = req.parameters.get("id") else {
            guard Policy.allows(user.actor, .writeNews(agencyID: user.$agency.id)) else { throw AppError.forbidden() }
            return try await render(req, FormState(), .news)
        }
        guard let id = Int(raw), let item = try await NewsItem.find(id, on: req.db) else { throw AppError.notFound() }
        guard Policy.allows(user.actor, .writeNews(agencyID: item.agencyID)) else { throw AppError.forbidden() }
        let formatter = Self.localField(req)
        return try await render(
            req,
            FormState(values: [
                "title": item.title, "summary": item.summary, "body": item.body,
                "publish_at": item.publishedAt.map(formatter.string(from:)) ?? "",
            ]), .news, action: SiteURL.newsAdmin + "/\(id)")
    }

    func saveNews(req: Request) async throws -> Response {
        let id = req.parameters.get("id").flatMap(Int.init)
        let upload = try await StreamedForm.read(
            req, store: req.context.files, maxFileBytes: FilePurpose.newsCover.policy.maxBytes, maxFiles: 1,
            tooLarge: "report.photo_too_large")
        defer { upload.removeIncoming() }
        let input = try upload.decode(NewsInput.self)
        let values = [
            "title": input.title ?? "", "summary": input.summary ?? "", "body": input.body ?? "",
            "publish_at": input.publishAt ?? "",
        ]
        let action = id.map { SiteURL.newsAdmin + "/\($0)" }
        do {
            let cover = try await upload.checkedPhotos(named: "cover", for: .newsCover, context: req.context).first
            let publishAt = input.publish == "now" ? req.now : Self.moment(input.publishAt, req)
            let item = try await Portal.saveNews(
                id,
                .init(title: input.title, summary: input.summary, body: input.body, publishAt: publishAt, cover: cover),
                context: req.context)
            req.setNotice("portal.news_saved")
            return req.redirect(to: SiteURL.newsItem(String(item.id!)), redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(
                req, Self.refused(error, values: values, req), .news, action: action, status: error.status)
        }
    }
}
