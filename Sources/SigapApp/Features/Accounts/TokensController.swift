import Fluent
import Foundation
import SigapCore
import Vapor

/// `POST /api/v1/tokens`: an API client trades credentials (and, for staff, a current TOTP code) for a bearer
/// token valid 30 days. Throttled like the log-in form.
struct TokensController: RouteCollection {
    static let lifetime: TimeInterval = 30 * 86_400

    func boot(routes: any RoutesBuilder) throws {
        routes.open("exchanges a password (and a TOTP code for staff) for a token").post(
            "api", "v1", "tokens", use: create)
    }

    struct TokenRequest: Content {
        var login: String?
        var password: String?
        var code: String?
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
        let expiresAt = req.now.addingTimeInterval(Self.lifetime)
        try await APIToken(
            userID: user.id!, tokenHash: SecretToken.digest(token), createdAt: req.now, expiresAt: expiresAt
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

/// `Authorization: Bearer …` on `/api/…`: the token's account becomes the current user. A bad or expired token
/// is a 401, never a silent fall-back to guest.
struct BearerTokenMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.url.path.hasPrefix("/api/"), let bearer = request.headers.bearerAuthorization else {
            return try await next.respond(to: request)
        }
        guard
            let token = try await APIToken.query(on: request.db).filter(
                \.$tokenHash == SecretToken.digest(bearer.token)
            )
            .first(), token.expiresAt > request.now,
            let user = try await User.find(token.userID, on: request.db), user.disabledAt == nil
        else { throw AppError(status: .unauthorized, code: "unauthorized", messageKey: "error.401") }
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
