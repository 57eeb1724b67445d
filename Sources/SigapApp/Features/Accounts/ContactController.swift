import Fluent
import SigapCore
import Vapor

/// `/akun/kontak`: the signed-in person proves the e-mail address or phone number on their account, or adds or
/// changes one, with a code sent to it. A number proven here is what lets WhatsApp messages from it act as the
/// account.
struct ContactController: RouteCollection {
    static let sessionKey = "contact-code"

    func boot(routes: any RoutesBuilder) throws {
        let own = routes.requiring(.useOwnAccount)
        own.get("akun", "kontak", use: show)
        own.post("akun", "kontak", use: sendCode)
        own.post("akun", "kontak", "kode", use: submitCode)
    }

    struct ContactPage {
        let page: PageContext
        let email: String?
        let emailVerified: Bool
        let phone: String?
        let phoneVerified: Bool
        /// Where the pending code went (masked), when one was asked for.
        let pending: String?
        let form: FormState
    }

    struct ContactInput: Content { var contact: String? }
    struct CodeInput: Content { var code: String? }

    func show(req: Request) async throws -> Response {
        try await render(req, form: FormState())
    }

    func sendCode(req: Request) async throws -> Response {
        try await LoginThrottle(request: req).admitRegistration()
        let raw = try req.content.decode(ContactInput.self).contact ?? ""
        guard let contact = raw.trimmedOrNil.flatMap(ContactIdentifier.init) else {
            var form = FormState(values: ["contact": raw])
            form.errors["contact"] = req.t("register.contact_invalid")
            return try await render(req, form: form, status: .unprocessableEntity)
        }
        let id = try await ContactVerification.beginForAccount(contact, context: req.context)
        req.session.data[Self.sessionKey] = id.uuidString
        return req.redirect(to: SiteURL.verifyContact, redirectType: .normal)
    }

    func submitCode(req: Request) async throws -> Response {
        try await LoginThrottle(request: req).admitRegistration()
        guard let id = pendingID(req) else { return req.redirect(to: SiteURL.verifyContact, redirectType: .normal) }
        let code = try req.content.decode(CodeInput.self).code ?? ""
        switch try await ContactVerification.completeForAccount(id, code: code, context: req.context) {
        case .accepted(let result):
            req.session.data[Self.sessionKey] = nil
            req.setNotice(result == .proven ? "contact.proven" : "contact.taken")
            return req.redirect(to: SiteURL.account, redirectType: .normal)
        case .wrong(let remaining):
            var form = FormState()
            form.errors["code"] = req.t("register.code_wrong", String(remaining))
            return try await render(req, form: form, status: .unprocessableEntity)
        case .expired:
            req.session.data[Self.sessionKey] = nil
            req.setNotice("register.code_expired")
            return req.redirect(to: SiteURL.verifyContact, redirectType: .normal)
        }
    }

    private func pendingID(_ req: Request) -> UUID? {
        req.session.data[Self.sessionKey].flatMap(UUID.init(uuidString:))
    }

    private func render(_ req: Request, form: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let user = try req.requireUser()
        let pending = try await pendingID(req).asyncFlatMap {
            try await ContactVerification.maskedContact(of: $0, context: req.context)
        }
        let page = ContactPage(
            page: PageContext(req, title: req.t("contact.title")), email: user.email,
            emailVerified: user.emailVerifiedAt != nil, phone: Accounts.maskedPhone(of: user, cipher: req.sigap.cipher),
            phoneVerified: user.phoneVerifiedAt != nil, pending: pending, form: form)
        return req.page(page, status: status)
    }
}
