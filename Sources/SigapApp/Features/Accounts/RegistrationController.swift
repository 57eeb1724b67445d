import Fluent
import SigapCore
import Vapor

/// `/daftar`: a citizen creates an account with a name, an e-mail or mobile number, a password and,
/// optionally, a NIK.
struct RegistrationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.open("creating an account")
        open.get("daftar", use: form)
        open.post("daftar", use: submit)
    }

    struct RegistrationPage: Encodable {
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
        let cipher = req.sigap.cipher
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
        if let contact, try await Accounts.find(identifier: contact, cipher: cipher, on: req.db) != nil {
            form.errors["contact"] = req.t("register.contact_taken")
        }
        if let nik, try await Accounts.isNIKTaken(nik, cipher: cipher, on: req.db) {
            form.errors["nik"] = req.t("register.nik_taken")
        }
        guard form.isValid, let name, let contact else {
            return try await render(req, form, status: .unprocessableEntity)
        }

        let user = User(
            name: name, role: .warga, passwordHash: try await req.sigap.passwords.hash(password),
            locale: req.language.rawValue)
        switch contact {
        case .email(let email): user.email = email.value
        case .phone(let phone): try Accounts.setPhone(phone, of: user, cipher: cipher)
        }
        try Accounts.setNIK(nik, of: user, cipher: cipher)
        try await req.audited("account.registered", subjectType: "user") { db in
            try await user.create(on: db)
            return user.id
        }
        try await req.rotateSession()
        req.session.data[SessionKeys.userID] = user.id!.uuidString
        req.currentUser = user
        req.setNotice("register.done")
        return req.redirect(to: SiteURL.account, redirectType: .normal)
    }

    private func render(_ req: Request, _ form: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        try await req.page(
            "accounts/register", RegistrationPage(page: PageContext(req, title: req.t("register.title")), form: form),
            status: status)
    }
}
