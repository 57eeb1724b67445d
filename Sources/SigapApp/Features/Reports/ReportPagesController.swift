import Fluent
import Foundation
import SigapCore
import Vapor

/// Public and reporter pages: `/laporan` (list), `/laporan/{nomor}`, `/peta`, `/laporan-saya`, and the forms a
/// reporter or supporter sends from a report's page.
struct ReportPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.open("the public site")
        open.get("laporan", use: list)
        open.get("peta", use: map)
        routes.requiring(.useOwnAccount).get("laporan-saya", use: mine)
        let report = routes.recordGuarded("Policy .actOnReport / ReportViewer.canSee")
        report.get("laporan", ":number", use: show)
        report.post("laporan", ":number", "dukung", use: support)
        report.post("laporan", ":number", "batal-dukung", use: withdrawSupport)
        report.upload("laporan", ":number", "informasi", use: addInformation)
        report.post("laporan", ":number", "nilai", use: rate)
        report.post("laporan", ":number", "buka-kembali", use: reopen)
        report.post("laporan", ":number", "kirim-tautan", use: sendLink)
    }

    struct ListPage {
        let page: PageContext
        let reports: [ReportRow]?
        let filters: [String: String]
        let statuses: [Choice]
        let categories: [Choice]
        let kecamatan: [Choice]
        let pageNumber: Int
        let nextPage: String?
        let previousPage: String?
    }

    struct MinePage {
        let page: PageContext
        let reports: [ReportRow]?
    }

    struct DetailPage {
        let page: PageContext
        let report: ReportResponse
        let photos: [String]?
        let statusLabel: String
        let kindLabel: String
        let timeline: [TimelineRow]
        /// "Name · contact" for those allowed to see who reported; nil otherwise.
        let reporter: String?
        let isReporter: Bool
        let support: SupportState
        let canAddInformation: Bool
        let canRate: Bool
        let canReopen: Bool
        let isStaff: Bool
        let deadlines: DeadlineView?
        let followToken: String?
        let form: FormState
        /// Right after filing (`?baru=1`, the reporter only): the number, and for a guest the private link.
        let filed: FiledNotice?
        /// Forum threads about this report, and where to start one (only for a report the public may read).
        let discussions: [ForumLinks.Discussion]
        let startDiscussion: String?
        /// An aspiration to the DPRD: the commission it was routed to.
        var dprdCommission: String? = nil
        /// The signed-in reporter of a resolved report is invited to the satisfaction survey.
        var inviteSurvey = false
        /// Filed by a pendamping for a citizen without a smartphone.
        var assisted = false
    }

    /// What the page offers about supporting ("saya juga mengalami").
    enum SupportState {
        /// Nothing: closed reports, the reporter, staff.
        case none
        /// A guest: signing in comes first.
        case signInFirst
        case canSupport
        /// Supports it already, and may take it back.
        case supporting
    }

    struct FiledNotice {
        let number: String
        /// A guest's private link, in full, to copy or send again.
        let followURL: String?
        /// Whether the guest left a contact the link can be sent to.
        let canSendLink: Bool
    }

    struct ListQuery: Content {
        var status: String?
        var category: String?
        var kecamatan: String?
        var q: String?
        var halaman: Int?
    }

    func list(req: Request) async throws -> Response {
        let query = (try? req.query.decode(ListQuery.self)) ?? ListQuery()
        let reference = try await req.reference()
        let filters =
            (try? ReportFilterParser.parse(
                status: query.status, category: query.category, kecamatan: query.kecamatan, text: query.q,
                reference: reference, on: req.db)) ?? ReportQueries.Filters()
        let pageNumber = max(1, min(query.halaman ?? 1, 10_000))
        let (rows, more) = try await ReportQueries.publicList(filters, page: pageNumber, on: req.db)
        let choices = req.filterChoices(reference)
        let kept = [
            "status": query.status ?? "", "category": query.category ?? "", "kecamatan": query.kecamatan ?? "",
            "q": query.q ?? "",
        ]
        func link(_ page: Int) -> String { SiteURL.page(page, of: SiteURL.reports, keeping: kept) }
        let page = ListPage(
            page: PageContext(req, title: req.t("report.list_title")),
            reports: rows.map { req.reportRow($0, reference: reference) }.nilIfEmpty,
            filters: kept, statuses: choices.statuses, categories: choices.categories, kecamatan: choices.kecamatan,
            pageNumber: pageNumber, nextPage: more ? link(pageNumber + 1) : nil,
            previousPage: pageNumber > 1 ? link(pageNumber - 1) : nil)
        return req.page(page)
    }

    func show(req: Request) async throws -> Response {
        let anonymous =
            !req.hasSessionCookie && req.headers.bearerAuthorization == nil && req.reportViewer.followToken == nil
        guard anonymous, let number = req.parameters.get("number") else {
            return try await renderDetail(req, form: FormState())
        }
        let key = number + "|" + req.language.rawValue
        let cache = req.sigap.anonymousReportPages
        if let body = cache.get(key, now: req.now) { return Self.htmlPage(body) }
        let response = try await renderDetail(req, form: FormState())
        if response.status == .ok, let body = response.body.buffer { cache.put(key, body, now: req.now) }
        return response
    }

    static func htmlPage(_ body: ByteBuffer) -> Response {
        let response = Response(status: .ok, body: .init(buffer: body))
        response.headers.contentType = .html
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    func renderDetail(_ req: Request, form: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let viewer = req.reportViewer
        let report = try await ReportPresenter.read(req.parameters.get("number"), viewer: viewer, on: req.db)
        let response = try await ReportPresenter.response(for: report, viewer: viewer, request: req)
        let actor = viewer.actor(for: report)
        func allowed(_ action: ReportAction) -> Bool {
            if case .success = ReportWorkflow.apply(action, to: report.facts, by: actor, text: "x", now: req.now) {
                return true
            }
            return false
        }
        let support: SupportState
        if let user = req.currentUser {
            if user.role == .warga, !viewer.isReporter(report), report.status.isOpen,
                try await ReportSupport.exists(report: report.id!, user: user.id!, on: req.db)
            {
                support = .supporting
            } else {
                support = allowed(.support) ? .canSupport : .none
            }
        } else {
            support = report.status.isOpen && viewer.followToken == nil ? .signInFirst : .none
        }
        let canAddInformation = allowed(.addInformation)
        let (canRate, canReopen) = (allowed(.rate), allowed(.reopen))
        var commission: String?
        if let id = report.dprdCommissionID { commission = try await DPRDCommission.find(id, on: req.db)?.name }
        var context = PageContext(req, title: report.number + " · " + report.title)
        if SearchIndex.isPublic(report) {
            // The card a shared link shows: the report's first photo when it has one (public reports only).
            context.share = ShareCard(
                title: report.number + " · " + report.title, description: ShareCard.excerpt(report.description),
                imagePath: response.photos.first.map { $0 + "?ukuran=kecil" } ?? ShareCard.defaultImage,
                path: SiteURL.report(report.number))
        }
        let page = DetailPage(
            page: context, report: response,
            photos: response.photos.nilIfEmpty,
            statusLabel: req.t("status.\(report.status.rawValue)"), kindLabel: req.t("kind.\(report.kind.rawValue)"),
            timeline: req.timelineRows(response.timeline),
            reporter: response.reporter.map { [$0.name, $0.contact].compactMap { $0 }.joined(separator: " · ") },
            isReporter: viewer.isReporter(report),
            support: support, canAddInformation: canAddInformation, canRate: canRate, canReopen: canReopen,
            isStaff: viewer.isStaffReader(report),
            deadlines: req.deadlineView(report, calendar: try await req.reference().calendar),
            followToken: viewer.isReporter(report) ? viewer.followToken : nil,
            form: form, filed: filedNotice(report, viewer: viewer, req),
            discussions: try await ForumLinks.about(.report, report.number, on: req.db),
            startDiscussion: SearchIndex.isPublic(report) ? SiteURL.forumNew + "?laporan=" + report.number : nil,
            dprdCommission: commission,
            inviteSurvey: req.currentUser.map { report.reporterID == $0.id } == true
                && SatisfactionSurvey.invites(after: report.status, merged: report.mergedIntoID != nil),
            assisted: report.assistedByID != nil)
        return req.page(page, status: status)
    }

    private func filedNotice(_ report: Report, viewer: ReportViewer, _ req: Request) -> FiledNotice? {
        guard (try? req.query.get(String.self, at: "baru")) == "1", viewer.isReporter(report) else { return nil }
        let link = viewer.followToken.map { req.sigap.config.baseURL + SiteURL.report(report.number) + "?kunci=" + $0 }
        return FiledNotice(
            number: report.number, followURL: link, canSendLink: link != nil && report.guestContactCipher != nil)
    }

    func map(req: Request) async throws -> Response {
        let reference = try await req.reference()
        let box = reference.bounds
        let query = (try? req.query.decode(ListQuery.self)) ?? ListQuery()
        // Open reports unless a status is chosen; a filter that names nothing known shows the open ones.
        var filters =
            (try? ReportFilterParser.parse(
                status: query.status, category: query.category, kecamatan: nil, text: nil, reference: reference,
                on: req.db)) ?? ReportQueries.Filters()
        filters.onlyOpen = filters.status == nil
        let pins = try await ReportQueries.pins(in: box, filters, limit: MapPage.drawnPins, on: req.db)
        let page = MapPage.make(
            req, pins: pins, box: box, reference: reference,
            filters: ["status": query.status ?? "", "category": query.category ?? ""])
        return req.page(page)
    }

    func mine(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let reference = try await req.reference()
        let reports = try await Report.query(on: req.db).filter(\.$reporterID == user.id!).sort(\.$id, .descending)
            .limit(200).all()
        return req.page(
            MinePage(
                page: PageContext(req, title: req.t("report.mine_title")),
                reports: reports.map { req.reportRow(ReportListItem($0), reference: reference) }.nilIfEmpty))
    }

    // MARK: - reporter and supporter forms

    struct TextInput: Content {
        var text: String?
        var rating: Int?
    }

    func support(req: Request) async throws -> Response {
        _ = try req.requireUser()
        return try await act(.support, req, done: "report.done.support") { _ in ReportActions.Input() }
    }

    func withdrawSupport(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let report = try await ReportPresenter.find(req.parameters.get("number"), viewer: req.reportViewer, on: req.db)
        try await ReportSupport.withdraw(report.id!, user: user.id!, context: req.context)
        return done(req, report, notice: "report.done.support_withdrawn")
    }

    func rate(req: Request) async throws -> Response {
        try await act(.rate, req, done: "report.done.rate") { input in
            ReportActions.Input(text: input.text, rating: input.rating)
        }
    }

    func reopen(req: Request) async throws -> Response {
        try await act(.reopen, req, done: "report.done.reopen") { input in ReportActions.Input(text: input.text) }
    }

    /// The guest's private link sent again to the contact given at filing.
    func sendLink(req: Request) async throws -> Response {
        let viewer = req.reportViewer
        let report = try await ReportPresenter.find(req.parameters.get("number"), viewer: viewer, on: req.db)
        guard viewer.isReporter(report), let token = viewer.followToken else { throw AppError.notFound() }
        let outcome = try await ReportFollowLink.resend(report, token: token, context: req.context)
        req.setNotice(outcome == .queued ? "report.link_sent" : "report.link_sent_enough")
        return req.redirect(to: SiteURL.report(report.number) + "?kunci=" + token, redirectType: .normal)
    }

    func addInformation(req: Request) async throws -> Response {
        let viewer = req.reportViewer
        let report = try await ReportPresenter.find(req.parameters.get("number"), viewer: viewer, on: req.db)
        let upload = try await req.reportUpload()
        defer { upload.removeIncoming() }
        let input = try upload.decode(TextInput.self)
        let photos = try await upload.checkedPhotos(context: req.context)
        if input.text?.trimmedOrNil != nil {
            _ = try await ReportActions.perform(
                .addInformation, on: report, input: .init(text: input.text, photos: photos), viewer: viewer,
                context: req.context)
        } else if photos.isEmpty {
            return try await renderDetail(
                req, form: FormState(errors: ["text": req.t("report.reason_required")]), status: .unprocessableEntity)
        } else {
            guard viewer.may(.addInformation, report), report.status.isOpen else { throw AppError.forbidden() }
            _ = try await ReportPhotos.add(photos, to: report, fromStaff: false, context: req.context)
        }
        return done(req, report, notice: "report.done.information")
    }

    private func act(
        _ action: ReportAction, _ req: Request, done notice: String, _ input: (TextInput) -> ReportActions.Input
    ) async throws -> Response {
        let viewer = req.reportViewer
        let report = try await ReportPresenter.find(req.parameters.get("number"), viewer: viewer, on: req.db)
        let typed = (try? req.content.decode(TextInput.self)) ?? TextInput()
        do {
            _ = try await ReportActions.perform(
                action, on: report, input: input(typed), viewer: viewer, context: req.context)
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            var form = FormState(values: ["text": typed.text ?? ""], errors: error.fields.mapValues { req.t($0) })
            form.error = req.t(error.messageKey)
            return try await renderDetail(req, form: form, status: error.status)
        }
        return done(req, report, notice: notice)
    }

    /// Back to the report, with a notice that names what was done.
    private func done(_ req: Request, _ report: Report, notice: String) -> Response {
        req.setNotice(notice)
        let token = req.reportViewer.isReporter(report) ? req.reportViewer.followToken : nil
        return req.redirect(
            to: SiteURL.report(report.number) + (token.map { "?kunci=" + $0 } ?? ""), redirectType: .normal)
    }
}
