import Fluent
import Foundation
import SigapCore
import Vapor

/// The public portal: `/agenda` (and `/agenda.ics` for calendar apps), `/dokumen` (filter by kind and year, each
/// document's page and its PDF), `/berita` (what is published by now; drafts and scheduled items are 404).
struct PortalController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.open("the information portal is public: agenda, documents, published news")
        open.get("agenda", use: agenda)
        open.get("agenda.ics", use: feed)
        open.get("dokumen", use: documents)
        open.get("dokumen", ":id", use: document)
        open.get("dokumen", ":id", "unduh", use: download)
        open.get("berita", use: news)
        open.get("berita", ":id", use: newsItem)
        open.get("berita", ":id", "sampul", use: cover)
    }

    struct AgendaPage {
        let page: PageContext
        let upcoming: [EventRow]
        let past: [EventRow]
    }

    struct EventRow {
        let id: Int
        let title: String
        let kind: String
        let when: String
        let place: String
        let description: String
        /// "Dibatalkan: …" when the event was called off.
        let cancelled: String?
    }

    func agenda(req: Request) async throws -> Response {
        let now = req.now
        let upcoming = try await AgendaEvent.query(on: req.db).filter(\.$endsAt >= now).sort(\.$startsAt).limit(100)
            .all()
        let past = try await AgendaEvent.query(on: req.db).filter(\.$endsAt < now).sort(\.$startsAt, .descending)
            .limit(20).all()
        func row(_ e: AgendaEvent) -> EventRow {
            EventRow(
                id: e.id!, title: e.title, kind: req.t("portal.agenda_kind.\(e.kind.rawValue)"),
                when: req.localDateTime(e.startsAt) + " – " + req.localDateTime(e.endsAt), place: e.place,
                description: e.description,
                cancelled: e.cancelledAt.map { _ in req.t("portal.event_cancelled", e.cancelReason ?? "") })
        }
        return req.page(
            AgendaPage(
                page: PageContext(req, title: req.t("portal.agenda")), upcoming: upcoming.map(row), past: past.map(row))
        )
    }

    /// Events from 90 days back on, for calendar apps.
    func feed(req: Request) async throws -> Response {
        let since = req.now.addingTimeInterval(-90 * 86_400)
        let events = try await AgendaEvent.query(on: req.db).filter(\.$endsAt >= since).sort(\.$startsAt).limit(500)
            .all()
        let config = req.sigap.config
        let host = URL(string: config.baseURL)?.host ?? "sigap"
        let text = ICalendar.feed(
            name: "Agenda " + config.region.name,
            events: events.map { e in
                ICalendar.Event(
                    uid: "agenda-\(e.id!)@\(host)", start: e.startsAt, end: e.endsAt, summary: e.title,
                    location: e.place, description: e.description,
                    url: config.baseURL + SiteURL.agenda + "#acara-\(e.id!)", updated: e.updatedAt,
                    cancelled: e.cancelledAt != nil)
            })
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"agenda.ics\"")
        return response
    }

    struct DocumentsPage {
        let page: PageContext
        let rows: [DocumentRow]
        let kind: String?
        let year: Int?
        let kinds: [Choice]
    }

    struct DocumentRow {
        let url: String
        let title: String
        let kind: String
        let number: String
        let year: Int
    }

    func documents(req: Request) async throws -> Response {
        let kind = req.query[String.self, at: "jenis"].flatMap(PortalRules.DocumentKind.init(rawValue:))
        let year = req.query[Int.self, at: "tahun"]
        var query = PortalDocument.query(on: req.db).filter(\.$withdrawnAt == nil)
        if let kind { query = query.filter(\.$kind == kind) }
        if let year { query = query.filter(\.$year == year) }
        let found = try await query.sort(\.$year, .descending).sort(\.$id, .descending).limit(100).all()
        return req.page(
            DocumentsPage(
                page: PageContext(req, title: req.t("portal.documents")),
                rows: found.map { d in
                    DocumentRow(
                        url: SiteURL.document(String(d.id!)), title: d.title,
                        kind: req.t("portal.document_kind.\(d.kind.rawValue)"), number: d.number, year: d.year)
                }, kind: kind?.rawValue, year: year,
                kinds: PortalRules.DocumentKind.allCases.map {
                    Choice(value: $0.rawValue, label: req.t("portal.document_kind.\($0.rawValue)"))
                }))
    }

    struct DocumentPage {
        let page: PageContext
        let document: PortalDocument
        let kind: String
        let agency: String?
        let size: String
    }

    func document(req: Request) async throws -> Response {
        let d = try await Self.document(req)
        let reference = try await req.reference()
        return req.page(
            DocumentPage(
                page: PageContext(req, title: d.title), document: d,
                kind: req.t("portal.document_kind.\(d.kind.rawValue)"),
                agency: d.agencyID.flatMap { reference.agencyNames[$0] },
                size: String(format: "%.1f MB", Double(d.byteCount) / 1_048_576)))
    }

    func download(req: Request) async throws -> Response {
        let d = try await Self.document(req)
        let path = req.context.files.path(of: d.storedName, .document)
        let response = try await req.fileio.asyncStreamFile(at: path)
        response.headers.replaceOrAdd(name: .contentType, value: "application/pdf")
        let name = "\(d.kind.rawValue)-\(d.number)-\(d.year).pdf".filter {
            $0.isLetter || $0.isNumber || "-._".contains($0)
        }
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'none'")
        return response
    }

    static func document(_ req: Request) async throws -> PortalDocument {
        guard let id = req.parameters.get("id").flatMap(Int.init),
            let d = try await PortalDocument.find(id, on: req.db),
            d.withdrawnAt == nil
        else { throw AppError.notFound() }
        return d
    }

    struct NewsPage {
        let page: PageContext
        let items: [NewsRow]
    }

    struct NewsRow {
        let url: String
        let title: String
        let summary: String
        let date: String
        let cover: String?
    }

    func news(req: Request) async throws -> Response {
        let items = try await NewsItem.query(on: req.db).filter(\.$publishedAt <= req.now)
            .sort(\.$publishedAt, .descending).limit(30).all()
        return req.page(
            NewsPage(
                page: PageContext(req, title: req.t("portal.news")),
                items: items.map { n in
                    NewsRow(
                        url: SiteURL.newsItem(String(n.id!)), title: n.title, summary: n.summary,
                        date: n.publishedAt.map(req.localDateTime) ?? "",
                        cover: n.coverStoredName.map { _ in SiteURL.newsItem(String(n.id!)) + "/sampul?ukuran=kecil" })
                }))
    }

    struct NewsItemPage {
        let page: PageContext
        let item: NewsItem
        let body: HTML
        let date: String?
        let agency: String?
        let draft: Bool
    }

    func newsItem(req: Request) async throws -> Response {
        let item = try await Self.readableNews(req)
        let reference = try await req.reference()
        return req.page(
            NewsItemPage(
                page: PageContext(req, title: item.title), item: item, body: Markdown.html(item.body),
                date: item.publishedAt.map(req.localDateTime),
                agency: item.agencyID.flatMap { reference.agencyNames[$0] },
                draft: !item.isPublic(at: req.now)))
    }

    func cover(req: Request) async throws -> Response {
        let item = try await Self.readableNews(req)
        guard let name = item.coverStoredName else { throw AppError.notFound() }
        return try await req.streamUpload(
            name, .newsCover, contentType: name.hasSuffix(".png") ? "image/png" : "image/jpeg")
    }

    /// Published by now, or a draft its writers may preview; 404 for everyone else.
    static func readableNews(_ req: Request) async throws -> NewsItem {
        guard let id = req.parameters.get("id").flatMap(Int.init), let item = try await NewsItem.find(id, on: req.db)
        else { throw AppError.notFound() }
        guard item.isPublic(at: req.now) || Policy.allows(req.currentUser?.actor, .writeNews(agencyID: item.agencyID))
        else { throw AppError.notFound() }
        return item
    }
}
