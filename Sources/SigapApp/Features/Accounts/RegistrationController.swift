import Fluent
import SigapCore
import Vapor

/// `/daftar`: a citizen creates an account with a name, an e-mail or mobile number, a password and,
/// optionally, a NIK; `/daftar/kode` finishes it with the code sent to that contact. The first step answers the
/// same whether or not the contact already has an account (its owner is told by message instead), so the page
/// cannot be used to learn who is registered.
struct RegistrationController: RouteCollection {
    static let sessionKey = "registration"

    func boot(routes: any RoutesBuilder) throws {
        let open = routes.open("creating an account")
        open.get("daftar", use: form)
        open.post("daftar", use: submit)
        open.get("daftar", "kode", use: codeForm)
        open.post("daftar", "kode", use: submitCode)
    }

    struct CodePage {
        let page: PageContext
        let contact: String
        let error: String?
    }

    struct CodeInput: Content { var code: String? }

    struct RegistrationPage {
        let page: PageContext
        let form: FormState
    }

    struct RegistrationInput: Content {
        var name: String?
        var contact: String?
        var password: String?
        var passwordConfirmation: String?
        var nik: String?
        var consent: String?

        enum CodingKeys: String, CodingKey {
            case name, contact, password, nik, consent
            case passwordConfirmation = "password_confirmation"
        }
    }

    func form(req: Request) async throws -> Response {
        try await render(req, FormState())
    }

    func submit(req: Request) async throws -> Response {
        try await LoginThrottle(request: req).admitRegistration()
        let input = try req.content.decode(RegistrationInput.self)
        var form = FormState(values: [
            "name": input.name ?? "", "contact": input.contact ?? "", "nik": input.nik ?? "",
            "consent": input.consent == nil ? "" : "on",
        ])

        // The same cleaning as report fields: no NUL, no invisible direction overrides in a name others see.
        let name = ReportChecks.clean(input.name).trimmedOrNil
        if name == nil || name!.count < 2 || name!.count > 100 { form.errors["name"] = req.t("register.name_invalid") }
        let contact = input.contact?.trimmedOrNil.flatMap(ContactIdentifier.init)
        if contact == nil { form.errors["contact"] = req.t("register.contact_invalid") }
        let password = input.password ?? ""
        if let problem = PasswordPolicy.check(password, context: [name, input.contact].compactMap { $0 }) {
            form.errors["password"] = req.t(problem.rawValue, String(PasswordPolicy.minimumLength))
        } else if password != input.passwordConfirmation {
            form.errors["password_confirmation"] = req.t("register.password_mismatch")
        }
        var nik: NIK?
        if let rawNIK = input.nik?.trimmedOrNil {
            nik = NIK(rawNIK)
            if nik == nil { form.errors["nik"] = req.t("register.nik_invalid") }
        }
        if input.consent == nil { form.errors["consent"] = req.t("register.consent_required") }
        guard form.isValid, let name, let contact else {
            return try await render(req, form, status: .unprocessableEntity)
        }
        // The same work whether or not the contact is taken (the password is hashed either way), so neither the
        // answer nor its timing tells.
        let registration = PendingRegistration(
            name: name, passwordHash: try await req.sigap.passwords.hash(password), nik: nik?.digits,
            locale: req.language.rawValue)
        let id = try await ContactVerification.beginRegistration(
            contact, registration: registration, context: req.context)
        req.session.data[Self.sessionKey] = id.uuidString
        return req.redirect(to: SiteURL.registerCode, redirectType: .normal)
    }

    /// The registration this session waits on, with the contact its code went to (masked).
    private func pending(_ req: Request) async throws -> (id: UUID, contact: String)? {
        guard let id = req.session.data[Self.sessionKey].flatMap(UUID.init(uuidString:)),
            let contact = try await ContactVerification.maskedContact(of: id, context: req.context)
        else { return nil }
        return (id, contact)
    }

    func codeForm(req: Request) async throws -> Response {
        guard let (_, contact) = try await pending(req) else {
            return req.redirect(to: SiteURL.register, redirectType: .normal)
        }
        return try await renderCode(req, contact: contact, error: nil)
    }

    func submitCode(req: Request) async throws -> Response {
        try await LoginThrottle(request: req).admitRegistration()
        guard let (id, contact) = try await pending(req) else {
            req.setNotice("register.code_expired")
            return req.redirect(to: SiteURL.register, redirectType: .normal)
        }
        let code = try req.content.decode(CodeInput.self).code ?? ""
        switch try await ContactVerification.completeRegistration(id, code: code, context: req.context) {
        case .accepted(let created):
            try await req.rotateSession()
            req.session.data[Self.sessionKey] = nil
            req.session.data[SessionKeys.userID] = created.user.id!.uuidString
            req.currentUser = created.user
            req.setNotice(created.nikLeftOut ? "register.done_without_nik" : "register.done")
            return req.redirect(to: SiteURL.account, redirectType: .normal)
        case .wrong(let remaining):
            return try await renderCode(
                req, contact: contact, error: req.t("register.code_wrong", String(remaining)),
                status: .unprocessableEntity)
        case .expired:
            req.session.data[Self.sessionKey] = nil
            req.setNotice("register.code_expired")
            return req.redirect(to: SiteURL.register, redirectType: .normal)
        }
    }

    private func renderCode(_ req: Request, contact: String, error: String?, status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        req.page(
            CodePage(page: PageContext(req, title: req.t("register.code_title")), contact: contact, error: error),
            status: status)
    }

    private func render(_ req: Request, _ form: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        req.page(
            RegistrationPage(page: PageContext(req, title: req.t("register.title")), form: form),
            status: status)
    }
}
