import Vapor

/// JSON answers that belong to one person — anything asked with a bearer token, a session or a guest's
/// follow-up link, and every token issued — are marked `Cache-Control: no-store`, so no shared cache or
/// browser history keeps them. Public answers to anonymous readers keep whatever their handler set.
struct PrivateResponseMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        guard request.url.path.hasPrefix("/api/") else { return response }
        let personal =
            request.currentUser != nil || request.headers.bearerAuthorization != nil
            || request.headers.first(name: "X-Follow-Token") != nil || request.url.query?.contains("token=") == true
            || request.url.path == "/api/v1/tokens"
        if personal { response.headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
        return response
    }
}
