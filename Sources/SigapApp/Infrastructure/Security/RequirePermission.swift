import SigapCore
import Vapor

/// Guards a group of routes: only fully signed-in accounts for which `action` is allowed get through. Declared
/// with `RoutesBuilder.requiring`, which also stamps the routes for the route walk.
struct RequirePermission: AsyncMiddleware {
    let action: Action
    /// Answer 404 instead of 403, so the area's existence is not confirmed (the inspectorate's pages).
    var hidden = false

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if hidden {
            guard let user = request.currentUser, Policy.allows(user.actor, action) else { throw AppError.notFound() }
        } else {
            _ = try request.authorize(action)
        }
        return try await next.respond(to: request)
    }
}
