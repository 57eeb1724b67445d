import Fluent
import Foundation
import SigapCore
import Vapor

/// Open311 GeoReport v2 at `/open311/v2/` (README, "Open311"): service discovery, services and their
/// definitions, posting and reading service requests, and tokens, each as `.xml` or `.json`. Every answer —
/// errors too — is in the format the path asks for.
struct Open311Controller: RouteCollection {
    static let specification = "http://wiki.open311.org/GeoReport_v2"

    func boot(routes: any RoutesBuilder) throws {
        let v2 = routes.grouped("open311", "v2")
        let open = v2.open("Open311 reads show public reports only, like the report pages")
        open.get(":resource", use: resource)
        open.get("services", ":file", use: definition)
        open.get("requests", ":file", use: single)
        open.get("tokens", ":file", use: token)
        open.get("**", use: unknown)
        v2.open("authorised by the integration's api_key, checked in the handler").post(":resource", use: post)
    }

    func resource(req: Request) async throws -> Response {
        try await answer(req, req.parameters.get("resource")) { name, format in
            switch name {
            case "discovery": return discovery(req)
            case "services":
                return Open311Catalogue.services(
                    try await req.reference(), language: req.language, catalog: req.application.catalog)
            case "requests": return try await requests(req)
            default: throw Open311Error(status: 404, keys: ["open311.resource_unknown"])
            }
        }
    }

    func definition(req: Request) async throws -> Response {
        try await answer(req, req.parameters.get("file")) { code, _ in
            guard let category = try await req.reference().categories[code], category.active else {
                throw Open311Error(status: 404, keys: ["open311.service_unknown"])
            }
            return Open311Catalogue.definition(category, language: req.language, catalog: req.application.catalog)
        }
    }

    func single(req: Request) async throws -> Response {
        try await answer(req, req.parameters.get("file")) { number, _ in
            let snapshot = try await req.reference()
            let query = try Self.query { () throws(Open311Query.Problem) in
                try Open311Query(
                    serviceRequestID: number, serviceCode: nil, startDate: nil, endDate: nil, status: nil, now: req.now)
            }
            let rows = try await Open311Requests.find(query, reference: snapshot, on: req.db)
            guard !rows.isEmpty else { throw Open311Error(status: 404, keys: ["open311.request_unknown"]) }
            return try await documentOf(rows, req, snapshot)
        }
    }

    func token(req: Request) async throws -> Response {
        try await answer(req, req.parameters.get("file")) { token, _ in
            guard token.count <= 64,
                let record = try await Open311Request.query(on: req.db).filter(\.$token == token).first(),
                let report = try await Report.find(record.reportID, on: req.db)
            else { throw Open311Error(status: 404, keys: ["open311.token_unknown"]) }
            return Open311Document(
                root: "service_requests",
                .list(
                    element: "request",
                    [.object([("service_request_id", .text(report.number)), ("token", .text(token))])]))
        }
    }

    func unknown(req: Request) async throws -> Response {
        let last = req.url.path.split(separator: "/").last.map(String.init)
        return try await answer(req, last) { _, _ in throw Open311Error(status: 404, keys: ["open311.resource_unknown"])
        }
    }

    func post(req: Request) async throws -> Response {
        try await answer(req, req.parameters.get("resource"), status: .created) { name, _ in
            guard name == "requests" else { throw Open311Error(status: 404, keys: ["open311.resource_unknown"]) }
            // The spec sends a form; some clients put api_key and jurisdiction_id in the query string instead.
            let input = try req.content.decode(Open311Filing.Input.self)
            let apiKey = (try? req.content.get(String.self, at: "api_key")) ?? req.query["api_key"]
            guard let key = try await Open311Keys.find(apiKey, context: req.context) else {
                throw Open311Error(status: 403, keys: ["open311.api_key_invalid"])
            }
            let limit = AttemptThrottle(limit: req.sigap.config.open311.postsPerKeyPerHour, window: 3600)
            do {
                try req.sigap.strangers.admit([("open311:" + key.id!.uuidString, limit)], now: req.now)
            } catch let error as AppError {
                throw Open311Error(error)
            }
            let settings = req.sigap.config.open311
            let group = req.application.eventLoopGroup
            let filed = try await Open311Filing.file(
                input, key: key, language: req.language,
                media: { url in
                    try await Open311Media.fetch(url, allowPrivate: settings.mediaFromPrivateAddresses, group: group)
                },
                context: req.context)
            req.logger.info("open311: integration \(key.name) filed \(filed.number)")
            return Open311Document(
                root: "service_requests",
                .list(
                    element: "request",
                    [
                        .object([
                            ("service_request_id", .text(filed.number)), ("token", .text(filed.token)),
                            ("service_notice", .text(filed.notice)), ("account_id", .text(filed.accountID)),
                        ])
                    ]))
        }
    }

    // MARK: - pieces

    private func discovery(_ req: Request) -> Open311Document {
        let config = req.sigap.config
        return Open311Document(
            root: "discovery",
            .object([
                ("changeset", .text(Open311Time.format(Self.changeset, in: config.timeZone))),
                ("contact", .text(config.region.operatorName + " — " + config.region.operatorContact)),
                ("key_service", .text(req.t("open311.key_service", config.region.operatorContact))),
                (
                    "endpoints",
                    .list(
                        element: "endpoint",
                        [
                            .object([
                                ("specification", .text(Self.specification)),
                                ("url", .text(config.baseURL + SiteURL.open311Base)),
                                ("changeset", .text(Open311Time.format(Self.changeset, in: config.timeZone))),
                                ("type", .text("production")),
                                (
                                    "formats",
                                    .list(element: "format", [.text("text/xml"), .text("application/json")])
                                ),
                            ])
                        ])
                ),
            ]))
    }

    /// When what this endpoint offers last changed (issue 19).
    static let changeset = Date(timeIntervalSince1970: 1_795_996_800)

    private func requests(_ req: Request) async throws -> Open311Document {
        struct Arguments: Content {
            var service_request_id: String?
            var service_code: String?
            var start_date: String?
            var end_date: String?
            var status: String?
        }
        let arguments = try req.query.decode(Arguments.self)
        let query = try Self.query { () throws(Open311Query.Problem) in
            try Open311Query(
                serviceRequestID: arguments.service_request_id, serviceCode: arguments.service_code,
                startDate: arguments.start_date, endDate: arguments.end_date, status: arguments.status, now: req.now)
        }
        let snapshot = try await req.reference()
        if case .filter(let codes, _, _, _) = query.selection, codes.contains(where: { snapshot.categories[$0] == nil })
        {
            throw Open311Error(status: 404, keys: ["open311.service_unknown"])
        }
        let rows = try await Open311Requests.find(query, reference: snapshot, on: req.db)
        return try await documentOf(rows, req, snapshot)
    }

    private func documentOf(_ rows: [Open311Requests.Row], _ req: Request, _ snapshot: ReferenceCache.Snapshot)
        async throws -> Open311Document
    {
        let photos = try await Open311Requests.firstPhotos(of: rows, on: req.db)
        return Open311Requests.document(
            rows, photos: photos,
            .init(
                reference: snapshot, language: req.language, catalog: req.application.catalog,
                time: LocalTimeWriter.shared(req.sigap.config.timeZone), baseURL: req.sigap.config.baseURL))
    }

    private static func query(_ make: () throws(Open311Query.Problem) -> Open311Query) throws -> Open311Query {
        do { return try make() } catch { throw Open311Error.badRequest([error.key]) }
    }

    /// Runs `body` for `file` (`name.format`) and writes its document, or the error, in that format. A path
    /// without `.xml` or `.json` is unknown (404, as XML: the spec's required format).
    private func answer(
        _ req: Request, _ file: String?, status: HTTPResponseStatus = .ok,
        _ body: (String, Open311Format) async throws -> Open311Document
    ) async throws -> Response {
        guard let file, let (name, format) = Open311Format.split(file) else {
            return write(Open311Document.errors(code: 404, [req.t("open311.format_unknown")]), .xml, status: .notFound)
        }
        do {
            if let wanted = req.sigap.config.open311.jurisdiction,
                let given = (try? req.content.get(String.self, at: "jurisdiction_id")) ?? req.query["jurisdiction_id"],
                !given.isEmpty, given != wanted
            {
                throw Open311Error(status: 404, keys: ["open311.jurisdiction_unknown"])
            }
            return write(try await body(name, format), format, status: status)
        } catch let error as Open311Error {
            let response = write(
                Open311Document.errors(code: error.status, error.keys.map { req.t($0) }), format,
                status: HTTPResponseStatus(statusCode: error.status))
            for (name, value) in error.headers { response.headers.replaceOrAdd(name: name, value: value) }
            return response
        } catch is DecodingError {
            return write(
                Open311Document.errors(code: 400, [req.t("open311.arguments_invalid")]), format, status: .badRequest)
        } catch let error as AbortError where (400..<500).contains(error.status.code) {
            // A body Vapor cannot read (a media type it does not know, one too large): still the spec's answer.
            return write(
                Open311Document.errors(code: Int(error.status.code), [req.t("open311.arguments_invalid")]), format,
                status: error.status)
        }
    }

    private func write(_ document: Open311Document, _ format: Open311Format, status: HTTPResponseStatus) -> Response {
        let response = Response(status: status, body: .init(string: document.written(as: format)))
        response.headers.replaceOrAdd(name: .contentType, value: format.contentType)
        response.headers.replaceOrAdd(name: .accessControlAllowOrigin, value: "*")
        return response
    }
}
