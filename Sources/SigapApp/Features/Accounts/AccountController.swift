import Fluent
import SigapCore
import Vapor

/// `/akun`: the signed-in person's own account, and changing the password.
struct AccountController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let own = routes.requiring(.useOwnAccount)
        own.get("akun", use: show)
        own.post("akun", "token", ":id", "cabut", use: revokeToken)
        own.post("akun", "token", "cabut-semua", use: revokeAllTokens)
        // Reached before the account is fully usable (a one-time password must be changed first).
        let password = routes.recordGuarded("the session's own account (pendingUser)")
        password.get("akun", "kata-sandi", use: passwordForm)
        password.post("akun", "kata-sandi", use: changePassword)
    }

    struct AccountPage {
        let page: PageContext
        let name: String
        let email: String?
        let emailVerified: Bool
        let phone: String?
        let phoneVerified: Bool
        let nik: String?
        let role: String
        let twoFactor: Bool
        let tokens: [TokenRow]?
    }

    /// A live API token on the account page.
    struct TokenRow {
        let id: String
        let client: String
        let createdAt: String
        let lastUsedAt: String?
        let expiresAt: String
    }

    struct PasswordPage {
        let page: PageContext
        let form: FormState
        let required: Bool
    }

    struct PasswordInput: Content {
        var current: String?
        var password: String?
        var passwordConfirmation: String?

        enum CodingKeys: String, CodingKey {
            case current, password
            case passwordConfirmation = "password_confirmation"
        }
    }

    func show(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let cipher = req.sigap.cipher
        let page = AccountPage(
            page: PageContext(req, title: req.t("account.title")), name: user.name, email: user.email,
            emailVerified: user.emailVerifiedAt != nil, phone: Accounts.maskedPhone(of: user, cipher: cipher),
            phoneVerified: user.phoneVerifiedAt != nil, nik: Accounts.maskedNIK(of: user, cipher: cipher),
            role: req.t("role.\(user.role.rawValue)"), twoFactor: user.hasTwoFactor,
            tokens: try await liveTokens(of: user, req).map {
                TokenRow(
                    id: $0.id!.uuidString, client: $0.client ?? req.t("account.token_unknown_client"),
                    createdAt: req.localDateTime($0.createdAt), lastUsedAt: $0.lastUsedAt.map(req.localDateTime),
                    expiresAt: req.localDateTime($0.expiresAt))
            }.nilIfEmpty)
        return req.page(page)
    }

    private func liveTokens(of user: User, _ req: Request) async throws -> [APIToken] {
        try await APIToken.query(on: req.db).filter(\.$userID == user.id!).filter(\.$revokedAt == nil)
            .filter(\.$expiresAt > req.now).sort(\.$createdAt, .descending).limit(50).all()
    }

    /// Revokes one of the account's own tokens (another account's is a 404).
    func revokeToken(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let token = try await APIToken.find(req.parameters.get("id"), on: req.db), token.userID == user.id
        else { throw AppError.notFound() }
        let now = req.now
        try await req.audited("token.revoked", subjectType: "user") { db in
            token.revokedAt = token.revokedAt ?? now
            try await token.save(on: db)
            return user.id
        }
        req.setNotice("account.token_revoked")
        return req.redirect(to: SiteURL.account, redirectType: .normal)
    }

    func revokeAllTokens(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let now = req.now
        try await req.audited("token.revoked_all", subjectType: "user") { db in
            try await APIToken.revokeAll(of: user.requireID(), on: db, at: now)
            return user.id
        }
        req.setNotice("account.token_revoked")
        return req.redirect(to: SiteURL.account, redirectType: .normal)
    }

    func passwordForm(req: Request) async throws -> Response {
        let user = try signedIn(req)
        return try await render(req, user: user, form: FormState())
    }

    func changePassword(req: Request) async throws -> Response {
        let user = try signedIn(req)
        let input = try req.content.decode(PasswordInput.self)
        var form = FormState()
        if !(try await LoginThrottle(request: req).confirmPassword(input.current, of: user, step: "password-change")) {
            form.errors["current"] = req.t("password.current_wrong")
        }
        let password = input.password ?? ""
        if let problem = PasswordPolicy.check(password, context: [user.name, user.email].compactMap { $0 }) {
            form.errors["password"] = req.t(problem.rawValue, String(PasswordPolicy.minimumLength))
        } else if password != input.passwordConfirmation {
            form.errors["password_confirmation"] = req.t("register.password_mismatch")
        } else if try await req.sigap.passwords.verify(password, against: user.passwordHash) {
            form.errors["password"] = req.t("password.same_as_old")
        }
        guard form.isValid else { return try await render(req, user: user, form: form, status: .unprocessableEntity) }

        user.passwordHash = try await req.sigap.passwords.hash(password)
        user.mustChangePassword = false
        let now = req.now
        try await req.audited("password.changed", subjectType: "user") { db in
            try await user.save(on: db)
            // Other browsers and API clients signed in with the old password are signed out; this browser
            // continues on a new session id.
            try await Accounts.signOutEverywhere(user.requireID(), on: db, at: now)
            return user.id
        }
        req.session.id = nil
        req.setNotice("password.changed")
        return req.redirect(to: user.role.isStaff ? SiteURL.dashboard : SiteURL.account, redirectType: .normal)
    }

    /// Signed in (two-factor included) but possibly still owing a password change.
    private func signedIn(_ req: Request) throws -> User {
        guard let user = req.currentUser else { _ = try req.requireUser(); throw Abort(.unauthorized) }
        return user
    }

    private func render(_ req: Request, user: User, form: FormState, status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let page = PasswordPage(
            page: PageContext(req, title: req.t("password.title")), form: form, required: user.mustChangePassword)
        return req.page(page, status: status)
    }
}
