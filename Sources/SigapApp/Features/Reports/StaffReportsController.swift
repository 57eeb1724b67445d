import Fluent
import Foundation
import SigapCore
import Vapor

/// `/dasbor/laporan`: an agency's queue, and a report's staff page with every action of the status machine.
struct StaffReportsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let reports = routes.grouped("dasbor", "laporan")
        reports.requiring(.readReportQueue).get(use: queue)
        // A report's page is for whoever may read that report as staff, queue or not (a council member reads
        // the aspirations routed to their commission from /dasbor/dprd).
        let report = reports.requiring(.enterStaffArea).recordGuarded("Policy .readReportAsStaff, .actOnReport")
        report.get(":number", use: show)
        report.upload(":number", "tindakan", use: act)
    }

    struct QueuePage {
        let page: PageContext
        let reports: [ReportRow]?
        let filters: [String: String]
        let statuses: [Choice]
        let categories: [Choice]
        let kecamatan: [Choice]
        let agencies: [Choice]?
        let pageNumber: Int
        let nextPage: String?
        let previousPage: String?
        /// What the list shows, in words ("Terbuka (belum selesai) · terbaru dulu"): the default is not "all".
        let showing: String
    }

    struct QueueQuery: Content {
        var status: String?
        var category: String?
        var kecamatan: String?
        var q: String?
        var agency: String?
        /// `hari-ini`: only reports whose next deadline falls today (the start page's count).
        var tempo: String?
        var urut: String?
        var terlambat: String?
        var halaman: Int?
    }

    func queue(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let query = (try? req.query.decode(QueueQuery.self)) ?? QueueQuery()
        let reference = try await req.reference()
        var filters =
            (try? ReportFilterParser.parse(
                status: query.status ?? "terbuka", category: query.category, kecamatan: query.kecamatan, text: query.q,
                reference: reference, on: req.db)) ?? ReportQueries.Filters(onlyOpen: true)
        if query.status == "semua" { filters.onlyOpen = false }
        filters.onlyLate = query.terlambat == "1"
        let dueToday = query.tempo == "hari-ini"
        if dueToday { filters.dueBefore = reference.calendar.endOfDay(containing: req.now) }
        guard let area = Policy.queueArea(user.actor) else { throw AppError.forbidden() }
        let readsAllAgencies = area == .region
        let agencyCode = readsAllAgencies ? query.agency?.trimmedOrNil : nil
        let agencyID = agencyCode.flatMap { code in reference.agencyCodes.first { $0.value == code }?.key }
        let pageNumber = max(1, min(query.halaman ?? 1, 10_000))
        let (rows, more) = try await ReportQueries.queue(
            area: area, agencyID: agencyID, filters, oldestFirst: query.urut == "terlama", page: pageNumber,
            on: req.db)
        let status = query.status?.trimmedOrNil ?? "terbuka"
        let kept = [
            "status": status, "category": query.category ?? "", "kecamatan": query.kecamatan ?? "",
            "q": query.q ?? "", "agency": query.agency ?? "", "urut": query.urut ?? "",
            "terlambat": filters.onlyLate ? "1" : "", "tempo": dueToday ? "hari-ini" : "",
        ]
        func link(_ page: Int) -> String { SiteURL.page(page, of: SiteURL.staffQueue, keeping: kept) }
        let choices = req.filterChoices(reference)
        let agencies = readsAllAgencies ? reference.agencyChoices : []
        let statuses = [Choice(value: "semua", label: req.t("status.semua"))] + choices.statuses
        let showing =
            [
                statuses.first { $0.value == status }?.label ?? status,
                req.t(query.urut == "terlama" ? "staff.oldest" : "staff.newest"),
            ] + (filters.onlyLate ? [req.t("staff.only_late")] : []) + (dueToday ? [req.t("dashboard.due_today")] : [])
        let page = QueuePage(
            page: PageContext(req, title: req.t("staff.queue_title")),
            reports: rows.map { req.reportRow($0, reference: reference, staff: true) }.nilIfEmpty, filters: kept,
            statuses: statuses, categories: choices.categories,
            kecamatan: choices.kecamatan, agencies: agencies.nilIfEmpty, pageNumber: pageNumber,
            nextPage: more ? link(pageNumber + 1) : nil,
            previousPage: pageNumber > 1 ? link(pageNumber - 1) : nil,
            showing: showing.joined(separator: " · "))
        return req.page(page)
    }

    struct StaffPage {
        let page: PageContext
        let report: ReportResponse
        let statusLabel: String
        let timeline: [TimelineRow]
        /// "Name · contact" for those allowed to see who reported; nil otherwise.
        let reporter: String?
        /// action name → whether it is possible now (`can["verify"]` in the view)
        let can: [String: Bool]
        let agencies: [Choice]
        let photos: [PhotoRow]?
        let deadlines: DeadlineView?
        /// Categories the text suggests (shown while the report awaits verification).
        let suggestions: [CategorySuggestion]?
        let categories: [Choice]
        let form: FormState
        /// Filed by a pendamping for a citizen without a smartphone.
        var assisted = false
    }

    struct PhotoRow {
        let id: String
        let url: String
        let hidden: Bool
    }

    func show(req: Request) async throws -> Response {
        try await render(req, form: FormState())
    }

    private func render(_ req: Request, form: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        _ = try req.requireUser()
        let viewer = req.reportViewer
        let report = try await ReportPresenter.read(req.parameters.get("number"), viewer: viewer, on: req.db)
        guard viewer.isStaffReader(report) else { throw AppError.notFound() }
        let response = try await ReportPresenter.response(for: report, viewer: viewer, request: req)
        let actor = viewer.actor(for: report)
        let staffActions: [ReportAction] = [.verify, .assign, .start, .reply, .note, .resolve, .reject, .merge]
        let possible = staffActions.filter { action in
            if case .success = ReportWorkflow.apply(action, to: report.facts, by: actor, text: "x", now: req.now) {
                return true
            }
            return false
        }
        let photos = try await ReportPresenter.visiblePhotos(of: report, viewer: viewer, on: req.db)
        let page = StaffPage(
            page: PageContext(req, title: report.number), report: response,
            statusLabel: req.t("status.\(report.status.rawValue)"), timeline: req.timelineRows(response.timeline),
            reporter: response.reporter.map { [$0.name, $0.contact].compactMap { $0 }.joined(separator: " · ") },
            can: Dictionary(uniqueKeysWithValues: possible.map { ($0.rawValue, true) }),
            agencies: try await Agency.query(on: req.db).filter(\.$active == true).sort(\.$name).all().map {
                Choice(value: $0.code, label: $0.name)
            },
            photos: photos.map { PhotoRow(id: $0.id.uuidString, url: SiteURL.photo($0.id), hidden: $0.hidden) }
                .nilIfEmpty,
            deadlines: req.deadlineView(report, calendar: try await req.reference().calendar),
            suggestions: report.status == .diterima
                ? try await req.suggestCategories(for: report.title + " " + report.description, kind: report.kind)
                    .nilIfEmpty : nil,
            categories: try await req.reference().categories.values.filter(\.active).sorted { $0.name < $1.name }.map {
                Choice(value: $0.code, label: $0.name)
            },
            form: form, assisted: report.assistedByID != nil)
        return req.page(page, status: status)
    }

    struct ActionInput: Content {
        var action: String?
        var text: String?
        var agency: String?
        var target: String?
        var photoID: UUID?
        var category: String?
        /// Rejecting and merging end a citizen's report: the form asks "yes, really" (`yakin=on`).
        var confirmed: String?

        enum CodingKeys: String, CodingKey {
            case action, text, agency, target, category
            case photoID = "photo_id"
            case confirmed = "yakin"
        }
    }

    /// The actions that end a report for its reporter, confirmed on the web page before they are taken.
    static let destructive: Set<ReportAction> = [.reject, .merge]

    func act(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let viewer = req.reportViewer
        let report = try await ReportPresenter.find(req.parameters.get("number"), viewer: viewer, on: req.db)
        guard viewer.isStaffReader(report) else { throw AppError.notFound() }
        // Resolving may attach one photo of the work done.
        let upload = try await req.reportUpload()
        defer { upload.removeIncoming() }
        let input = try upload.decode(ActionInput.self)
        let photos = try await upload.checkedPhotos(context: req.context)
        guard let action = input.action.flatMap(ReportAction.init(rawValue:)) else {
            throw AppError.invalid(["action": "report.action_unknown"])
        }
        do {
            if Self.destructive.contains(action), input.confirmed != "on" {
                throw AppError.invalid(["yakin": "action.confirm_required"])
            }
            _ = try await ReportActions.perform(
                action, on: report,
                input: .init(
                    text: input.text, agencyCode: input.agency, targetNumber: input.target, photoID: input.photoID,
                    categoryCode: input.category, photos: action == .resolve ? Array(photos.prefix(1)) : []),
                viewer: viewer, context: req.context)
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            var form = FormState(
                values: ["text": input.text ?? "", "action": action.rawValue],
                errors: error.fields.mapValues { req.t($0) })
            form.error = req.t(error.messageKey)
            return try await render(req, form: form, status: error.status)
        }
        req.setNotice("action.done.\(action.rawValue)")
        return req.redirect(to: SiteURL.staffReport(report.number), redirectType: .normal)
    }
}
