import SigapCore
import Vapor

/// Synchroniser-token CSRF protection for every browser form: each session holds a random token, every
/// form carries it (`page.csrfField` in views), and every state-changing request must send it back.
/// On the JSON API (`/api/…`) a bearer token or no credentials at all need no token (a cross-site page cannot
/// set the header), but a signed-in browser session must send `X-CSRF-Token`.
/// Multipart forms carry the token in the action URL (`?_csrf=`), so a large upload is not read before the
/// check; other forms carry it as a field.
struct CSRFMiddleware: AsyncMiddleware {
    static let fieldName = "_csrf"
    static let headerName = "X-CSRF-Token"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard [.POST, .PUT, .PATCH, .DELETE].contains(request.method) else {
            return try await next.respond(to: request)
        }
        if request.url.path.hasPrefix("/api/"), request.usesBearerToken || request.pendingUser == nil {
            return try await next.respond(to: request)
        }

        let expected = request.hasSessionCookie ? request.session.data[SessionKeys.csrf] : nil
        var sent =
            request.headers.first(name: Self.headerName) ?? (try? request.query.get(String.self, at: Self.fieldName))
        if sent == nil, request.headers.contentType == .urlEncodedForm {
            _ = try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
            sent = try? request.content.get(String.self, at: Self.fieldName)
        }
        guard let expected, let sent, SecretToken.constantTimeEquals(expected, sent) else {
            throw Abort(.forbidden, reason: "csrf")
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    /// The session's CSRF token, created on first use (which starts a session for a guest viewing a form).
    var csrfToken: String {
        if let token = session.data[SessionKeys.csrf] { return token }
        let token = SecretToken.urlSafe()
        session.data[SessionKeys.csrf] = token
        return token
    }

    var hasSessionCookie: Bool { cookies[SessionSettings.cookieName] != nil }
}
