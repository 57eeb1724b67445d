import Fluent
import SigapCore
import Vapor

/// Loads the account of the session, if any. A staff member who has not yet passed two-factor is only
/// `pendingUser`: `currentUser` stays nil, so no page can mistake a password alone for a staff login.
struct SessionUserMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.hasSessionCookie, let raw = request.session.data[SessionKeys.userID],
            let id = UUID(uuidString: raw)
        {
            // Read with the session in one query (`DatabaseSessionDriver.readSession`); looked up only if not.
            let preloaded = request.storage[DatabaseSessionDriver.SessionAccountKey.self].flatMap {
                $0.id == id ? $0 : nil
            }
            let account: User? = if let preloaded { preloaded } else { try await User.find(id, on: request.db) }
            if let user = account, user.disabledAt == nil {
                try await user.takeCouncilSeat(on: request.db)
                request.pendingUser = user
                if !user.role.isStaff || request.session.data[SessionKeys.secondFactor] == "ok" {
                    request.currentUser = user
                }
            } else {
                request.session.destroy()
            }
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    private struct CurrentUserKey: StorageKey { typealias Value = User }
    private struct PendingUserKey: StorageKey { typealias Value = User }

    /// The fully signed-in account (password, and two-factor for staff).
    var currentUser: User? {
        get { storage[CurrentUserKey.self] }
        set { storage[CurrentUserKey.self] = newValue }
    }

    /// The account whose password was accepted in this session, whether or not two-factor is done.
    var pendingUser: User? {
        get { storage[PendingUserKey.self] }
        set { storage[PendingUserKey.self] = newValue }
    }

    /// The signed-in account, or an error that sends the person to the right step.
    func requireUser() throws -> User {
        guard let user = currentUser else {
            if let pending = pendingUser {
                throw Redirect(to: pending.hasTwoFactor ? SiteURL.twoFactor : SiteURL.twoFactorEnrol)
            }
            throw Redirect(
                to: SiteURL.login + "?next="
                    + (url.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
        if user.mustChangePassword { throw Redirect(to: SiteURL.changePassword) }
        return user
    }

    /// The signed-in account if `action` is allowed for it; 403 otherwise.
    func authorize(_ action: Action) throws -> User {
        let user = try requireUser()
        guard Policy.allows(user.actor, action) else { throw AppError.forbidden() }
        return user
    }

    /// Whether the person making this request (signed in or not) may take `action`.
    func allows(_ action: Action) -> Bool {
        Policy.allows(currentUser.map(\.actor), action)
    }
}
