import Fluent
import SigapCore
import Vapor

/// The second step of a staff log-in (`/masuk/2fa`) and enrolment of the authenticator (`/akun/2fa/daftar`).
struct TwoFactorController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        // The second step of signing in: only the account whose password this session accepted.
        let pending = routes.recordGuarded("the session's own pending account (pendingUser)")
        pending.get("masuk", "2fa", use: challenge)
        pending.post("masuk", "2fa", use: verify)
        pending.get("akun", "2fa", "daftar", use: enrolForm)
        pending.post("akun", "2fa", "daftar", use: enrol)
    }

    struct ChallengePage {
        let page: PageContext
        let form: FormState
    }

    struct EnrolPage {
        let page: PageContext
        let form: FormState
        let secret: String
        let otpauthURI: String
        /// The link as a QR code for the authenticator app's camera; nil if it were too long to draw.
        let qr: QRCode?
    }

    struct RecoveryCodesPage {
        let page: PageContext
        let codes: [String]
    }

    struct CodeInput: Content {
        var code: String?
    }

    func challenge(req: Request) async throws -> Response {
        _ = try pendingWithTwoFactor(req)
        return req.page(ChallengePage(page: PageContext(req, title: req.t("2fa.title")), form: FormState()))
    }

    func verify(req: Request) async throws -> Response {
        let user = try pendingWithTwoFactor(req)
        let typed = try req.content.decode(CodeInput.self).code?.trimmedOrNil ?? ""
        let throttle = LoginThrottle(request: req)
        let keys = throttle.keys(account: user.id!.uuidString, step: "2fa")
        try await throttle.check(keys)

        var method = "totp"
        if let secret = try TwoFactor.secret(of: user, cipher: req.sigap.cipher),
            let step = TwoFactor.acceptedStep(
                code: typed, secret: secret, lastUsedStep: user.totpLastStep, now: req.now)
        {
            user.totpLastStep = step
            try await user.save(on: req.writeDB)
        } else if typed.count >= 12,
            try await TwoFactor.redeemRecoveryCode(typed, for: user, on: req.writeDB, now: req.now)
        {
            method = "recovery_code"
        } else {
            try await throttle.recordFailure(keys)
            try await AuditLog.record(
                "login.2fa_failure", actor: user, subjectType: "user", subjectID: user.id?.uuidString, on: req.writeDB,
                at: req.now)
            var form = FormState()
            form.error = req.t("2fa.wrong_code")
            return req.page(
                ChallengePage(page: PageContext(req, title: req.t("2fa.title")), form: form),
                status: .unauthorized)
        }
        try await completeLogin(req, user: user, method: method)
        return req.redirect(
            to: user.mustChangePassword ? SiteURL.changePassword : SiteURL.dashboard, redirectType: .normal)
    }

    func enrolForm(req: Request) async throws -> Response {
        let user = try pendingWithoutTwoFactor(req)
        let secret: [UInt8]
        if let sealed = req.session.data[SessionKeys.pendingTOTP],
            let saved = Array(decodingBase32: try req.sigap.cipher.open(sealed))
        {
            secret = saved
        } else {
            secret = TwoFactor.newSecret()
            req.session.data[SessionKeys.pendingTOTP] = try req.sigap.cipher.seal(secret.base32String())
        }
        return try await renderEnrol(req, user: user, secret: secret, form: FormState())
    }

    func enrol(req: Request) async throws -> Response {
        let user = try pendingWithoutTwoFactor(req)
        guard let sealed = req.session.data[SessionKeys.pendingTOTP],
            let secret = Array(decodingBase32: try req.sigap.cipher.open(sealed))
        else { return req.redirect(to: SiteURL.twoFactorEnrol, redirectType: .normal) }
        let typed = try req.content.decode(CodeInput.self).code?.trimmedOrNil ?? ""
        guard let step = TwoFactor.acceptedStep(code: typed, secret: secret, lastUsedStep: nil, now: req.now) else {
            var form = FormState()
            form.errors["code"] = req.t("2fa.wrong_code")
            return try await renderEnrol(req, user: user, secret: secret, form: form, status: .unprocessableEntity)
        }
        user.totpSecretCipher = sealed
        user.totpEnabledAt = req.now
        user.totpLastStep = step
        try await user.save(on: req.writeDB)
        let codes = try await TwoFactor.issueRecoveryCodes(for: user, on: req.writeDB)
        req.session.data[SessionKeys.pendingTOTP] = nil
        try await AuditLog.record(
            "2fa.enrolled", actor: user, subjectType: "user", subjectID: user.id?.uuidString, on: req.writeDB,
            at: req.now)
        try await completeLogin(req, user: user, method: "totp_enrolment")
        return req.page(RecoveryCodesPage(page: PageContext(req, title: req.t("2fa.recovery.title")), codes: codes))
    }

    // MARK: - steps

    private func pendingWithTwoFactor(_ req: Request) throws -> User {
        guard let user = req.pendingUser, user.role.isStaff else { throw Redirect(to: SiteURL.login) }
        if req.currentUser != nil { throw Redirect(to: SiteURL.dashboard) }
        guard user.hasTwoFactor else { throw Redirect(to: SiteURL.twoFactorEnrol) }
        return user
    }

    private func pendingWithoutTwoFactor(_ req: Request) throws -> User {
        guard let user = req.pendingUser, user.role.isStaff else { throw Redirect(to: SiteURL.login) }
        guard !user.hasTwoFactor else {
            throw Redirect(to: req.currentUser == nil ? SiteURL.twoFactor : SiteURL.dashboard)
        }
        return user
    }

    /// Passing two-factor is a change of privilege: the session gets a new id.
    private func completeLogin(_ req: Request, user: User, method: String) async throws {
        try await req.rotateSession()
        req.session.data[SessionKeys.secondFactor] = "ok"
        req.session.data[SessionKeys.csrf] = nil
        req.currentUser = user
        try await req.audit("login.success", subjectType: "user", subjectID: user.id, detail: method)
    }

    private func renderEnrol(
        _ req: Request, user: User, secret: [UInt8], form: FormState, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let uri = TwoFactor.otpauthURI(secret: secret, account: user.email ?? user.name)
        let page = EnrolPage(
            page: PageContext(req, title: req.t("2fa.enrol.title")), form: form,
            secret: secret.base32String().replacingOccurrences(of: "=", with: ""),
            otpauthURI: uri, qr: try? QRCode(uri))
        return req.page(page, status: status)
    }
}
