import Vapor

/// The one place errors become responses: a JSON body `{"error":{"code","message"}}` under `/api/`, an HTML page
/// in the reader's language elsewhere. Bad input maps to 4xx; only real faults are 500, and those are logged
/// without the request's content.
struct ErrorResponder: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return await Self.response(for: error, to: request)
        }
    }

    struct Described {
        var status: HTTPResponseStatus
        var code: String
        var messageKey: String
        var fields: [String: String] = [:]
        var headers: HTTPHeaders = [:]
        var arguments: [String] = []
    }

    static func describe(_ error: any Error) -> Described {
        if let unavailable = StoreUnavailable.classify(error) {
            return Described(
                status: .serviceUnavailable, code: "unavailable", messageKey: unavailable.messageKey,
                headers: ["Retry-After": String(unavailable.retryAfter)])
        }
        switch error {
        case let error as AppError:
            return Described(
                status: error.status, code: error.code, messageKey: error.messageKey, fields: error.fields,
                headers: error.headers, arguments: error.arguments)
        case is DecodingError:
            return Described(status: .badRequest, code: "bad_request", messageKey: "error.400")
        case let error as any AbortError:
            let status = error.status
            let code = error.reason == "csrf" ? "csrf" : codeName(for: status)
            let key = error.reason == "csrf" ? "error.csrf" : "error.\(status.code)"
            return Described(status: status, code: code, messageKey: key, headers: error.headers)
        default:
            return Described(status: .internalServerError, code: "internal", messageKey: "error.500")
        }
    }

    static func codeName(for status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 409: "conflict"
        case 413: "payload_too_large"
        case 415: "unsupported_media_type"
        case 422: "unprocessable"
        case 429: "too_many_requests"
        case 503: "unavailable"
        default: status.code >= 500 ? "internal" : "error"
        }
    }

    static func response(for error: any Error, to request: Request) async -> Response {
        var described = describe(error)
        if described.status == .serviceUnavailable, described.code == "unavailable" {
            // The store is down or full: say so, once per request, without the request's content.
            request.logger.warning("store unavailable: \(String(describing: error))")
        } else if described.status.code >= 500 {
            request.logger.report(error: error)
            // Hide the known message keys of a server fault behind the generic page.
            described.messageKey = "error.500"
            described.arguments = []
        }
        let message = request.application.catalog.text(described.messageKey, request.language, described.arguments)
        let response: Response
        if request.url.path.hasPrefix("/api/") {
            response = Response(status: described.status)
            let body = APIErrorBody(
                error: .init(
                    code: described.code, message: message,
                    fields: described.fields.isEmpty ? nil : described.fields.mapValues { request.t($0) }))
            try? response.content.encode(body, as: .json)
        } else {
            response = request.page(
                ErrorPage(
                    page: PageContext(request, title: request.t("error.title", String(described.status.code))),
                    status: Int(described.status.code), message: message),
                status: described.status)
        }
        for (name, value) in described.headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }
}

struct APIErrorBody: Content {
    struct Detail: Content {
        let code: String
        let message: String
        let fields: [String: String]?
    }
    let error: Detail
}

struct ErrorPage {
    let page: PageContext
    let status: Int
    let message: String
}

extension ErrorPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.frame.title)</h1>
        <p>\(message)</p>
        <p><a href="\(SiteURL.home)">\(page.t("error.back_home"))</a></p>
        """
    }
}
