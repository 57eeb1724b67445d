import Fluent
import Foundation
import SigapCore
import Vapor

/// `POST /api/v1/tokens`: an API client trades credentials (and, for staff, a current TOTP code) for a bearer
/// token: 30 days for citizens, no longer than a staff session for staff (its absolute time-out, and its idle
/// time-out between uses). Throttled like the log-in form. Tokens end early when revoked (`APIToken`).
struct TokensController: RouteCollection {
    static let lifetime: TimeInterval = 30 * 86_400
    static let clientLength = 80

    func boot(routes: any RoutesBuilder) throws {
        routes.open("exchanges a password (and a TOTP code for staff) for a token").post(
            "api", "v1", "tokens", use: create)
    }

    struct TokenRequest: Content {
        var login: String?
        var password: String?
        var code: String?
        /// What the client calls itself ("Sigap Android 1.2"); the User-Agent when absent.
        var client: String?
    }

    struct TokenResponse: Content {
        let token: String
        let expiresAt: Date
        let role: Role
    }

    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(TokenRequest.self)
        let identifier = input.login?.trimmedOrNil ?? ""
        let throttle = LoginThrottle(request: req)
        let keys = throttle.keys(identifier: identifier)
        try await throttle.check(keys)
        let user = try await ContactIdentifier(identifier).asyncFlatMap {
            try await Accounts.find(identifier: $0, cipher: req.sigap.cipher, on: req.db)
        }
        var accepted = false
        if let user, user.disabledAt == nil, !user.mustChangePassword {
            accepted = try await req.sigap.passwords.verify(input.password ?? "", against: user.passwordHash)
            if accepted, user.role.isStaff {
                // Staff need an enrolled authenticator and a fresh code, exactly as on the web.
                if let secret = try TwoFactor.secret(of: user, cipher: req.sigap.cipher),
                    let step = TwoFactor.acceptedStep(
                        code: input.code ?? "", secret: secret, lastUsedStep: user.totpLastStep, now: req.now)
                {
                    user.totpLastStep = step
                    try await user.save(on: req.writeDB)
                } else {
                    accepted = false
                }
            }
        } else {
            try await req.sigap.passwords.verifyAgainstNothing(input.password ?? "")
        }
        guard let user, accepted else {
            try await throttle.recordFailure(keys)
            try await AuditLog.record(
                "token.failure", actor: nil, subjectType: user == nil ? nil : "user", subjectID: user?.id?.uuidString,
                on: req.writeDB, at: req.now)
            throw AppError(status: .unauthorized, code: "unauthorized", messageKey: "login.wrong_credentials")
        }
        let token = SecretToken.urlSafe()
        let lifetime = user.role.isStaff ? min(Self.lifetime, req.sigap.config.sessionAbsoluteTimeout) : Self.lifetime
        let expiresAt = req.now.addingTimeInterval(lifetime)
        let client = (input.client?.trimmedOrNil ?? req.headers.first(name: .userAgent)?.trimmedOrNil)
            .map { String(ReportChecks.clean($0, keepNewlines: false).prefix(Self.clientLength)) }
        try await APIToken(
            userID: user.id!, tokenHash: SecretToken.digest(token), createdAt: req.now, expiresAt: expiresAt,
            client: client
        )
        .create(on: req.writeDB)
        try await AuditLog.record(
            "token.issued", actor: user, subjectType: "user", subjectID: user.id?.uuidString, on: req.writeDB,
            at: req.now)
        let response = Response(status: .created)
        try response.content.encode(TokenResponse(token: token, expiresAt: expiresAt, role: user.role))
        return response
    }
}

/// `Authorization: Bearer …` on `/api/…`: the token's account becomes the current user. A bad, expired or
/// revoked token, a staff token idle longer than a staff session may be, a disabled account, or one that must
/// change its password first is a 401, never a silent fall-back to guest.
struct BearerTokenMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.url.path.hasPrefix("/api/"), let bearer = request.headers.bearerAuthorization else {
            return try await next.respond(to: request)
        }
        let now = request.now
        guard
            let token = try await APIToken.query(on: request.db).filter(
                \.$tokenHash == SecretToken.digest(bearer.token)
            )
            .first(), token.expiresAt > now, token.revokedAt == nil,
            let user = try await User.find(token.userID, on: request.db), user.disabledAt == nil
        else { throw AppError(status: .unauthorized, code: "unauthorized", messageKey: "error.401") }
        if user.role.isStaff,
            now.timeIntervalSince(token.lastUsedAt ?? token.createdAt) > request.sigap.config.sessionIdleTimeout
        {
            throw AppError(status: .unauthorized, code: "unauthorized", messageKey: "error.401")
        }
        if user.mustChangePassword {
            throw AppError(status: .unauthorized, code: "password_change_required", messageKey: "password.required")
        }
        if now.timeIntervalSince(token.lastUsedAt ?? .distantPast) > 60 {
            // At most one write a minute per token, like a session's last-seen time.
            token.lastUsedAt = now
            try await token.save(on: request.writeDB)
        }
        try await user.takeCouncilSeat(on: request.db)
        request.currentUser = user
        request.pendingUser = user
        request.usesBearerToken = true
        return try await next.respond(to: request)
    }
}

extension Request {
    private struct BearerKey: StorageKey { typealias Value = Bool }

    var usesBearerToken: Bool {
        get { storage[BearerKey.self] ?? false }
        set { storage[BearerKey.self] = newValue }
    }
}
