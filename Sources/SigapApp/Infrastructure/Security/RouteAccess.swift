import SigapCore
import Vapor

/// How a route is protected, declared where it is registered. Every route must have one: a test walks the
/// route table and fails on a route that is neither declared public nor guarded by a policy check.
enum RouteAccess: Sendable, CustomStringConvertible {
    /// Anyone may call it; the reason says why that is right (a public page, a webhook that verifies its
    /// caller, the anonymous whistleblowing channel).
    case open(reason: String)
    /// `Policy.allows(actor, action)` is checked before the handler runs (`RequirePermission`).
    case permission(String)
    /// The handler loads a record and asks the policy about that record (named here) before showing or
    /// changing anything.
    case perRecord(String)

    static let key = "sigap.access"

    var description: String {
        switch self {
        case .open(let reason): "open (\(reason))"
        case .permission(let action): "policy \(action)"
        case .perRecord(let check): "per record (\(check))"
        }
    }
}

extension Route {
    var access: RouteAccess? { userInfo[RouteAccess.key] as? RouteAccess }
}

/// A routes builder that stamps the routes added through it with their access declaration. The innermost
/// declaration wins, so a stricter group inside a broader one keeps its own.
struct AccessDeclaringRoutes: RoutesBuilder {
    let base: any RoutesBuilder
    let access: RouteAccess

    func add(_ route: Route) {
        if route.userInfo[RouteAccess.key] == nil { route.userInfo[RouteAccess.key] = access }
        base.add(route)
    }
}

extension RoutesBuilder {
    /// Routes anyone may call; `reason` is kept with the route and printed by the route walk.
    func open(_ reason: String) -> any RoutesBuilder {
        AccessDeclaringRoutes(base: self, access: .open(reason: reason))
    }

    /// Routes only accounts allowed `action` reach; others are sent to log in (guests) or refused (403, or 404
    /// when `hidden`, for areas whose existence is not to be confirmed).
    func requiring(_ action: Action, hidden: Bool = false) -> any RoutesBuilder {
        AccessDeclaringRoutes(
            base: grouped(RequirePermission(action: action, hidden: hidden)),
            access: .permission(String(describing: action)))
    }

    /// Routes only accounts allowed `action` reach, and browsers that joined a practice session (whose handler
    /// keeps what they send as practice).
    func requiringOrPractising(_ action: Action) -> any RoutesBuilder {
        AccessDeclaringRoutes(
            base: grouped(RequirePermission(action: action, practiceParticipantsPass: true)),
            access: .permission(String(describing: action) + " or a practice participant"))
    }

    /// Routes whose handler checks the record it loads (`check` names the policy question it asks).
    func recordGuarded(_ check: String) -> any RoutesBuilder {
        AccessDeclaringRoutes(base: self, access: .perRecord(check))
    }
}
