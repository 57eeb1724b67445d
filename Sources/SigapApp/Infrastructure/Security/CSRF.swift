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
        // Open311 posts are authorised by the integration's api_key alone and act as no account, whatever
        // session cookie the sender has, so a cross-site form gains nothing from a visitor's session.
        if request.url.path.hasPrefix("/open311/") { return try await next.respond(to: request) }

        let expected = request.hasSessionCookie ? request.session.data[SessionKeys.csrf] : nil
        var sent =
            request.headers.first(name: Self.headerName) ?? (try? request.query.get(String.self, at: Self.fieldName))
        if sent == nil, request.headers.contentType == .urlEncodedForm {
            _ = try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
            sent = try? request.content.get(String.self, at: Self.fieldName)
        }
        guard let expected, let sent, SecretToken.constantTimeEquals(expected, sent) else {
            return try await expired(request, chainingTo: next)
        }
        return try await next.respond(to: request)
    }

    /// Multipart forms whose handler shows the form again itself when the token is stale (`Request.formExpired`):
    /// it reads what was typed and files nothing.
    static let rerenderedByHandler: Set<String> = [SiteURL.fileReport]

    /// A form sent with a stale or missing token (it stayed open past the session, the session ended): nothing
    /// is done, and the person gets what they typed back with a fresh token instead of a bare 403.
    private func expired(_ request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Only a form sent from one of Sigap's own pages is offered again: one posted from another site gets a
        // bare 403, so a stale token never becomes a one-click confirmation of someone else's form.
        guard Self.cameFromHere(request) else { throw Abort(.forbidden, reason: "csrf") }
        if Self.rerenderedByHandler.contains(request.url.path) {
            request.storage[ExpiredFormKey.self] = true
            return try await next.respond(to: request)
        }
        guard !request.url.path.hasPrefix("/api/"), request.headers.contentType == .urlEncodedForm,
            let fields = try? request.content.decode([String: String].self)
        else { throw Abort(.forbidden, reason: "csrf") }
        let kept = fields.filter { !$0.key.hasPrefix("_") && !ExpiredFormPage.secretFields.contains($0.key) }
        var address = URLComponents(string: request.url.string) ?? URLComponents()
        let items = address.queryItems?.filter { $0.name != Self.fieldName }
        address.queryItems = items?.isEmpty == false ? items : nil
        let action = request.url.path + (address.percentEncodedQuery.map { "?" + $0 } ?? "")
        let page = ExpiredFormPage(
            page: PageContext(request, title: request.t("form.expired_title")), action: action,
            fields: kept.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            asksSecretAgain: fields.keys.contains { ExpiredFormPage.secretFields.contains($0) })
        return request.page(page, status: .forbidden)
    }
}

extension CSRFMiddleware {
    /// The browser says the form was on one of our pages: `Origin` (or, without it, `Referer`) is the public
    /// address (`SIGAP_BASE_URL`). No header at all: not from here.
    static func cameFromHere(_ request: Request) -> Bool {
        let base = request.sigap.config.baseURL
        if let origin = request.headers.first(name: "Origin") { return origin == base }
        guard let referer = request.headers.first(name: .referer) else { return false }
        return referer == base || referer.hasPrefix(base + "/")
    }
}

private enum ExpiredFormKey: StorageKey {
    typealias Value = Bool
}

extension Request {
    /// The form's token was stale and the handler shows the form again (`CSRFMiddleware.rerenderedByHandler`).
    var formExpired: Bool { storage[ExpiredFormKey.self] ?? false }
}

/// A form that arrived with a stale token, offered again: what was typed goes back hidden (shown so the person
/// can check it), a fresh token, one button. Passwords and codes are never echoed; they are asked again.
struct ExpiredFormPage {
    static let secretFields: Set<String> = [
        "password", "password_confirmation", "current_password", "new_password", "new_password_again", "code",
        "receipt",
    ]

    let page: PageContext
    let action: String
    let fields: [(name: String, value: String)]
    let asksSecretAgain: Bool
}

extension ExpiredFormPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("form.expired_title"))</h1>
        <p>\(page.t("form.expired_intro"))</p>
        <form method="post" action="\(action)">\(page.csrfField)
          <dl class="facts">\(each: fields, { f in
              "<dt>\(f.name)</dt><dd class=\"text\">\(f.value)</dd>"
          })</dl>
          \(each: fields, { f in "<input type=\"hidden\" name=\"\(f.name)\" value=\"\(f.value)\">" })
          \(when: asksSecretAgain, "<p class=\"warning\">\(page.t("form.expired_secret"))</p>")
          <button type="submit">\(page.t("form.expired_send"))</button>
        </form>
        """
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
