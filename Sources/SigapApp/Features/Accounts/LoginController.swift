import Fluent
import SigapCore
import Vapor

/// `/masuk` and `/keluar`: password log-in with throttling, session rotation and audit.
struct LoginController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.open("signing in and out")
        open.get("masuk", use: form)
        open.post("masuk", use: submit)
        open.post("keluar", use: logout)
    }

    struct LoginPage {
        let page: PageContext
        let form: FormState
    }

    struct LoginInput: Content {
        var identifier: String?
        var password: String?
        var next: String?
    }

    func form(req: Request) async throws -> Response {
        if req.currentUser != nil { return req.redirect(to: SiteURL.account) }
        let next = SiteURL.safeNext(try? req.query.get(String.self, at: "next")) ?? ""
        return try await render(req, FormState(values: ["next": next]))
    }

    func submit(req: Request) async throws -> Response {
        let input = try req.content.decode(LoginInput.self)
        let identifier = input.identifier?.trimmedOrNil ?? ""
        let password = input.password ?? ""
        let throttle = LoginThrottle(request: req)
        let keys = throttle.keys(identifier: identifier)
        try await throttle.check(keys)

        let user = try await ContactIdentifier(identifier).asyncFlatMap {
            try await Accounts.find(identifier: $0, cipher: req.sigap.cipher, on: req.db)
        }
        let accepted: Bool
        if let user, user.disabledAt == nil {
            accepted = try await req.sigap.passwords.verify(password, against: user.passwordHash)
        } else {
            try await req.sigap.passwords.verifyAgainstNothing(password)
            accepted = false
        }
        guard let user, accepted else {
            try await throttle.recordFailure(keys)
            try await AuditLog.record(
                "login.failure", actor: nil, subjectType: user == nil ? nil : "user", subjectID: user?.id?.uuidString,
                on: req.writeDB, at: req.now)
            var state = FormState(values: ["identifier": identifier, "next": input.next ?? ""])
            state.error = req.t("login.wrong_credentials")
            return try await render(req, state, status: .unauthorized)
        }

        try await req.rotateSession()
        req.session.data[SessionKeys.userID] = user.id!.uuidString
        req.session.data[SessionKeys.secondFactor] = nil
        req.session.data[SessionKeys.csrf] = nil
        req.pendingUser = user
        if !user.role.isStaff {
            req.currentUser = user
            try await req.audit("login.success", subjectType: "user", subjectID: user.id)
            return req.redirect(to: SiteURL.safeNext(input.next) ?? SiteURL.account, redirectType: .normal)
        }
        try await AuditLog.record(
            "login.password_accepted", actor: user, subjectType: "user", subjectID: user.id?.uuidString,
            on: req.writeDB,
            at: req.now)
        return req.redirect(to: user.hasTwoFactor ? SiteURL.twoFactor : SiteURL.twoFactorEnrol, redirectType: .normal)
    }

    func logout(req: Request) async throws -> Response {
        if let user = req.pendingUser {
            try await AuditLog.record(
                "logout", actor: user, subjectType: "user", subjectID: user.id?.uuidString, on: req.writeDB, at: req.now
            )
        }
        req.session.destroy()
        return req.redirect(to: SiteURL.home, redirectType: .normal)
    }

    private func render(_ req: Request, _ form: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        req.page(
            LoginPage(page: PageContext(req, title: req.t("login.title")), form: form), status: status
        )
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
