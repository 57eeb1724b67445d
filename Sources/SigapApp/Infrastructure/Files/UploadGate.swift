import Vapor

/// Bounds the uploads handled at once (`SIGAP_UPLOADS_AT_ONCE`): reading the body to disk, checking and scrubbing
/// the images, storing them. An upload beyond that waits its turn with its body unread (the connection's flow
/// control holds the client back); beyond four waiting per slot the answer is 503 with Retry-After, so a flood of
/// large posts can neither fill memory nor queue without end. The idle time-out still cuts off a client that
/// stops sending.
///
/// A body that declares itself small (a receipt check, a form without files) passes without a slot: it cannot
/// weigh on memory, and a flood of large posts must not keep a whistleblower from checking a receipt.
struct UploadGate: AsyncMiddleware {
    static let waitingPerSlot = 4
    static let retryAfterSeconds = 10
    static let smallBody = 64 * 1024

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let length = request.headers.first(name: .contentLength).flatMap(Int.init), length <= Self.smallBody {
            return try await next.respond(to: request)
        }
        do {
            return try await request.sigap.uploads.withPermit { try await next.respond(to: request) }
        } catch is AsyncGate.Busy {
            throw AppError(
                status: .serviceUnavailable, code: "busy", messageKey: "error.503", fields: [:],
                headers: ["Retry-After": String(Self.retryAfterSeconds)])
        }
    }
}

extension RoutesBuilder {
    /// A POST whose body carries files: streamed to disk by `StreamedForm`, and counted by `UploadGate`.
    @discardableResult
    func upload<Response: AsyncResponseEncodable>(
        _ path: PathComponent..., use closure: @escaping @Sendable (Request) async throws -> Response
    ) -> Route {
        grouped(UploadGate()).on(.POST, path, body: .stream, use: closure)
    }
}
