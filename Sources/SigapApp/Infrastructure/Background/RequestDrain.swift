import Foundation
import Synchronization
import Vapor

/// Counts requests being handled, and at shutdown waits for them before the databases close. Without it, a
/// SIGTERM under load crashed the server: a filing still streaming its photo reached `req.db` after Fluent had
/// shut down (Fluent force-unwraps the database; scripts/fault-kill stops the server under load to hold this).
/// Registered after Fluent's handler, so it shuts down first (lifecycle handlers stop in reverse order), and it
/// stops the HTTP server before waiting.
final class RequestDrain: LifecycleHandler, AsyncMiddleware, Sendable {
    private let inFlight = Atomic<Int>(0)
    /// How long shutdown waits for requests in flight; a request slower than this meets a closed database.
    /// Short enough that a process manager's stop (and the smoke test's 10 s) is not outwaited by a request
    /// stuck on a dead PostgreSQL connection (`TransactionWatchdog`).
    static let patience: TimeInterval = 8

    var requestsInFlight: Int { inFlight.load(ordering: .relaxed) }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        inFlight.add(1, ordering: .relaxed)
        defer { inFlight.subtract(1, ordering: .relaxed) }
        return try await next.respond(to: request)
    }

    func shutdownAsync(_ application: Application) async {
        // Vapor stops the HTTP server only after every lifecycle handler (it lives in the application's storage,
        // cleared last), so the server would go on accepting requests while Fluent closes. Stop it first: the
        // listening socket closes and open connections end after their current request.
        await application.http.server.shared.shutdown()
        let deadline = Date().addingTimeInterval(Self.patience)
        while requestsInFlight > 0, Date() < deadline {
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
        if requestsInFlight > 0 {
            application.logger.warning("shutting down with \(requestsInFlight) requests still in flight")
        }
    }
}
