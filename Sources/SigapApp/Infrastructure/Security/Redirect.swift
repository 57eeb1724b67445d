import Vapor

/// Thrown to send a browser elsewhere (turned into a 303 by `RedirectMiddleware`); API paths get 401 instead.
struct Redirect: Error {
    let to: String
}

struct RedirectMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let redirect as Redirect {
            if request.url.path.hasPrefix("/api/") {
                throw AppError(status: .unauthorized, code: "unauthorized", messageKey: "error.401")
            }
            return request.redirect(to: redirect.to, redirectType: .normal)
        }
    }
}
