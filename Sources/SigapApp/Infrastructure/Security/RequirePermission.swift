import SigapCore
import Vapor

/// Guards a group of routes: only fully signed-in accounts for which `action` is allowed get through. Declared
/// with `RoutesBuilder.requiring`, which also stamps the routes for the route walk.
struct RequirePermission: AsyncMiddleware {
    let action: Action
    /// Answer 404 instead of 403, so the area's existence is not confirmed (the inspectorate's pages).
    var hidden = false
    /// Let a browser that joined a practice session through too: it uses the real form, whose handler keeps
    /// what it sends as practice (`PracticeSessions`), so no account is needed.
    var practiceParticipantsPass = false

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if practiceParticipantsPass, request.practiceParticipant != nil { return try await next.respond(to: request) }
        if hidden {
            guard let user = request.currentUser, Policy.allows(user.actor, action) else { throw AppError.notFound() }
        } else {
            _ = try request.authorize(action)
        }
        return try await next.respond(to: request)
    }
}
