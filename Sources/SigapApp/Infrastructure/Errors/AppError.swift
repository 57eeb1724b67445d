import Vapor

/// An error the app raises on purpose: a status, a machine-readable code for API clients, a catalog key for
/// people, and per-field messages for forms and the API.
struct AppError: AbortError {
    let status: HTTPResponseStatus
    let code: String
    let messageKey: String
    var fields: [String: String] = [:]
    var headers: HTTPHeaders = [:]
    /// Filled into the message's placeholders (a phase's name and dates).
    var arguments: [String] = []

    var reason: String { code }

    static func notFound() -> AppError { AppError(status: .notFound, code: "not_found", messageKey: "error.404") }
    static func forbidden() -> AppError { AppError(status: .forbidden, code: "forbidden", messageKey: "error.403") }

    static func conflict(_ messageKey: String, _ arguments: String...) -> AppError {
        AppError(status: .conflict, code: "conflict", messageKey: messageKey, arguments: arguments)
    }

    static func tooManyAttempts(retryAfter seconds: Int) -> AppError {
        AppError(
            status: .tooManyRequests, code: "too_many_requests", messageKey: "error.429",
            headers: ["Retry-After": String(seconds)])
    }
}

extension Request {
    /// An error's message in the reader's language, its arguments filled in (a form's error line).
    func message(of error: AppError) -> String {
        application.catalog.text(error.messageKey, language, error.arguments)
    }
}
