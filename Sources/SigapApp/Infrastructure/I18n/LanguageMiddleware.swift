import Vapor

/// Picks the page language: `?lang=` (remembered in a cookie for a year), else the cookie, else Indonesian.
struct LanguageMiddleware: AsyncMiddleware {
    static let cookieName = "lang"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let chosen = (try? request.query.get(String.self, at: "lang")).flatMap(Language.init(rawValue:))
        request.language = chosen ?? request.cookies[Self.cookieName].flatMap { Language(rawValue: $0.string) } ?? .id
        let response = try await next.respond(to: request)
        if let chosen {
            response.cookies[Self.cookieName] = HTTPCookies.Value(
                string: chosen.rawValue, expires: nil, maxAge: 365 * 24 * 3600, path: "/",
                isSecure: request.sigap.config.usesHTTPS, isHTTPOnly: true, sameSite: .lax)
        }
        response.headers.replaceOrAdd(name: .contentLanguage, value: request.language.rawValue)
        return response
    }
}
