import Fluent
import Foundation
import SigapCore
import Vapor

/// The JSON API for reports (`openapi.yaml`). Every handler goes through the same intake, presenter and
/// actions as the web pages.
struct ReportsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1").open("the public API: public reports, filing open to guests")
        api.get("openapi.yaml", use: openAPI)
        api.post("reports", use: create)
        api.get("reports", use: list)
        let report = routes.grouped("api", "v1", "reports")
            .recordGuarded("ReportViewer.canSee, Policy .actOnReport")
        report.get(":number", use: show)
        report.upload(":number", "photos", use: addPhotos)
        report.post(":number", "support", use: support)
        report.post(":number", "rating", use: rate)
        report.post(":number", "reopen", use: reopen)
        report.post(":number", "actions", use: act)
    }

    /// Files a report. With an `Idempotency-Key` header, a retry within 24 hours (same sender, same body) gets
    /// the first answer and files nothing.
    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(CreateReportRequest.self)
        let key = try IdempotencyKey(
            header: req.headers.first(name: IdempotencyKey.header),
            sender: req.currentUser?.id?.uuidString ?? "guest",
            body: try Self.canonical.encode(input))
        let filed = try await ReportIntake.file(
            input.draft, idempotency: key, origin: .init(address: req.clientAddress), context: req.context)
        let base = req.sigap.config.baseURL
        let body = CreatedReportResponse(
            number: filed.report.number, status: filed.report.status, url: base + SiteURL.report(filed.report.number),
            followUrl: filed.followToken.map { base + SiteURL.report(filed.report.number) + "?kunci=" + $0 })
        let response = Response(status: .created)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/reports/" + filed.report.number)
        if filed.replayed { response.headers.replaceOrAdd(name: "Idempotent-Replayed", value: "true") }
        try response.content.encode(body)
        return response
    }

    /// The request as decoded, with sorted keys: a retry whose client orders its JSON keys differently is
    /// still the same request.
    static let canonical: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    func show(req: Request) async throws -> ReportResponse {
        let viewer = req.reportViewer
        let report = try await ReportPresenter.read(req.parameters.get("number"), viewer: viewer, on: req.db)
        return try await ReportPresenter.response(for: report, viewer: viewer, request: req)
    }

    struct ListQuery: Content {
        var status: String?
        var category: String?
        var kecamatan: String?
        var q: String?
        var bbox: String?
        var page: Int?
    }

    func list(req: Request) async throws -> Response {
        let query = try req.query.decode(ListQuery.self)
        let reference = try await req.reference()
        let filters = try ReportFilterParser.parse(
            status: query.status, category: query.category, kecamatan: query.kecamatan, text: query.q,
            reference: reference, on: req.db)
        if let raw = query.bbox {
            guard let box = BoundingBox(parameter: raw) else { throw AppError.invalid(["bbox": "report.bbox_invalid"]) }
            let key = req.url.query ?? ""
            if let cached = req.sigap.pins.get(key, now: req.now) { return Self.json(cached) }
            let pins = try await ReportQueries.pins(in: box, filters, on: req.db)
            let response = try await ReportListResponse(
                items: pins.map { ReportQueries.summary($0, reference: reference) }, page: 1, hasMore: false
            ).encodeResponse(for: req)
            if let body = response.body.buffer { req.sigap.pins.put(key, body, now: req.now) }
            return response
        }
        let page = max(1, min(query.page ?? 1, 10_000))
        let (rows, more) = try await ReportQueries.publicList(filters, page: page, on: req.db)
        return try await ReportListResponse(
            items: rows.map { ReportQueries.summary($0, reference: reference) }, page: page, hasMore: more
        ).encodeResponse(for: req)
    }

    static func json(_ body: ByteBuffer) -> Response {
        let response = Response(status: .ok, body: .init(buffer: body))
        response.headers.contentType = .json
        return response
    }

    func addPhotos(req: Request) async throws -> Response {
        let viewer = req.reportViewer
        let report = try await ReportPresenter.find(req.parameters.get("number"), viewer: viewer, on: req.db)
        let isStaff = viewer.isHandlingStaff(report)
        guard viewer.may(.addInformation, report) || isStaff else { throw AppError.forbidden() }
        guard report.status.isOpen || isStaff else {
            throw AppError(status: .conflict, code: "conflict", messageKey: "report.wrong_state")
        }
        let upload = try await req.reportUpload()
        defer { upload.removeIncoming() }
        let prepared = try await upload.checkedPhotos(context: req.context)
        guard !prepared.isEmpty else { throw AppError.invalid(["photo": "report.photo_required"]) }
        let saved = try await ReportPhotos.add(prepared, to: report, fromStaff: isStaff, context: req.context)
        let response = Response(status: .created)
        try response.content.encode(["photos": saved.map { SiteURL.photo($0.id!) }])
        return response
    }

    func support(req: Request) async throws -> ReportResponse {
        try await perform(.support, req, ReportActions.Input())
    }

    func rate(req: Request) async throws -> ReportResponse {
        let input = try req.content.decode(RatingRequest.self)
        return try await perform(.rate, req, ReportActions.Input(text: input.comment, rating: input.rating))
    }

    func reopen(req: Request) async throws -> ReportResponse {
        let input = try req.content.decode(ReopenRequest.self)
        return try await perform(.reopen, req, ReportActions.Input(text: input.reason))
    }

    func act(req: Request) async throws -> ReportResponse {
        let input = try req.content.decode(ReportActionRequest.self)
        guard let action = input.action.flatMap(ReportAction.init(rawValue:)),
            ![.support, .rate, .reopen].contains(action)
        else { throw AppError.invalid(["action": "report.action_unknown"]) }
        return try await perform(
            action, req,
            ReportActions.Input(
                text: input.text, agencyCode: input.agency, targetNumber: input.target, photoID: input.photo,
                categoryCode: input.category))
    }

    private func perform(_ action: ReportAction, _ req: Request, _ input: ReportActions.Input) async throws
        -> ReportResponse
    {
        let viewer = req.reportViewer
        if action == .support, req.currentUser == nil {
            throw AppError(status: .unauthorized, code: "unauthorized", messageKey: "error.401")
        }
        let report = try await ReportPresenter.find(req.parameters.get("number"), viewer: viewer, on: req.db)
        let updated = try await ReportActions.perform(
            action, on: report, input: input, viewer: viewer, context: req.context)
        return try await ReportPresenter.response(for: updated, viewer: viewer, request: req)
    }

    func openAPI(req: Request) async throws -> Response {
        let path = req.application.directory.resourcesDirectory + "openapi.yaml"
        let response = try await req.fileio.asyncStreamFile(at: path)
        response.headers.replaceOrAdd(name: .contentType, value: "application/yaml")
        return response
    }
}

/// Turns the `status`, `category` (code), `kecamatan` (code) and text filters of lists into query filters;
/// unknown values are a 422, not an empty list, so a typo is noticed.
enum ReportFilterParser {
    static func parse(
        status: String?, category: String?, kecamatan: String?, text: String?, reference: ReferenceCache.Snapshot,
        on db: any Database
    ) throws -> ReportQueries.Filters {
        var filters = ReportQueries.Filters()
        var problems: [String: String] = [:]
        if let status = status?.trimmedOrNil {
            if status == "terbuka" {
                filters.onlyOpen = true
            } else if let parsed = ReportStatus(rawValue: status) {
                filters.status = parsed
            } else {
                problems["status"] = "report.filter_invalid"
            }
        }
        if let category = category?.trimmedOrNil {
            if let info = reference.categories[category] {
                filters.categoryID = info.id
            } else {
                problems["category"] = "report.filter_invalid"
            }
        }
        if let kecamatan = kecamatan?.trimmedOrNil {
            if let id = reference.kecamatanByCode[kecamatan] {
                filters.kecamatanID = id
            } else {
                problems["kecamatan"] = "report.filter_invalid"
            }
        }
        filters.text = text
        guard problems.isEmpty else { throw AppError.invalid(problems) }
        return filters
    }
}
