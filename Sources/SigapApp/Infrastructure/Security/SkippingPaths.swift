import Vapor

/// Runs `wrapped` for every request except those under `prefixes`. The whistleblowing pages use it to stay
/// outside sessions, accounts, CSRF state and request logging: nothing about their visitors is written.
struct SkippingPaths: AsyncMiddleware {
    static let anonymous = ["/wbs"]

    let prefixes: [String]
    let wrapped: any Middleware

    init(_ wrapped: any Middleware, except prefixes: [String] = SkippingPaths.anonymous) {
        self.prefixes = prefixes
        self.wrapped = wrapped
    }

    static func matches(_ path: String, _ prefixes: [String] = anonymous) -> Bool {
        prefixes.contains { path == $0 || path.hasPrefix($0 + "/") }
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if Self.matches(request.url.path, prefixes) { return try await next.respond(to: request) }
        return try await wrapped.respond(to: request, chainingTo: next).get()
    }
}

extension PageContext {
    /// For pages that must not touch the session or the account (the whistleblowing channel).
    init(anonymous request: Request, title: String) {
        self.init(title: title, lang: request.language.rawValue, path: request.url.path)
    }
}
