import Fluent
import Foundation
import SigapCore
import Vapor

/// `/dasbor/admin/open311`: the integrations allowed to post Open311 requests. An admin issues a key per
/// integration (shown once), sees when each was last used and how many reports it filed, and revokes it.
struct Open311KeysController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("dasbor", "admin", "open311").requiring(.manageIntegrations)
        admin.get(use: list)
        admin.post(use: issue)
        admin.post(":id", "cabut", use: revoke)
    }

    struct KeysPage {
        let page: PageContext
        let keys: [Entry]
        let form: FormState
        /// The key just issued, shown this once.
        let issued: (name: String, secret: String)?
        let endpoint: String
    }

    struct Entry {
        let id: UUID
        let name: String
        let contact: String
        let hint: String
        let created: String
        let lastUsed: String?
        let revoked: Bool
        let filed: Int
    }

    func list(req: Request) async throws -> Response {
        try await render(req, FormState())
    }

    struct IssueInput: Content {
        var name: String?
        var contact: String?
    }

    func issue(req: Request) async throws -> Response {
        let input = try req.content.decode(IssueInput.self)
        var form = FormState(values: ["name": input.name ?? "", "contact": input.contact ?? ""])
        form.requireText("name", input.name, maxLength: 100, message: req.t("admin.name_invalid", "100"))
        form.requireText("contact", input.contact, maxLength: 200, message: req.t("open311.contact_required"))
        guard form.isValid else { return try await render(req, form, status: .unprocessableEntity) }
        let (key, secret) = try await Open311Keys.issue(
            name: input.name!.trimmedOrNil!, contact: input.contact!.trimmedOrNil!, context: req.context)
        return try await render(req, FormState(), issued: (key.name, secret))
    }

    func revoke(req: Request) async throws -> Response {
        guard let key = try await Open311Key.find(req.parameters.get("id"), on: req.db) else {
            throw AppError.notFound()
        }
        try await Open311Keys.revoke(key, context: req.context)
        req.setNotice("open311.key_revoked")
        return req.redirect(to: SiteURL.open311Keys, redirectType: .normal)
    }

    private func render(
        _ req: Request, _ form: FormState, issued: (name: String, secret: String)? = nil,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let keys = try await Open311Key.query(on: req.db).sort(\.$createdAt, .descending).all()
        let counts = try await Open311Request.query(on: req.db).all(\.$keyID)
            .reduce(into: [UUID: Int]()) { $0[$1, default: 0] += 1 }
        let zone = req.sigap.config.timeZone
        let day = { (date: Date) in CivilDay(of: date, in: zone).description }
        return req.page(
            KeysPage(
                page: PageContext(req, title: req.t("open311.keys_title")),
                keys: keys.map { k in
                    Entry(
                        id: k.id!, name: k.name, contact: k.contact, hint: k.keyHint + "…", created: day(k.createdAt),
                        lastUsed: k.lastUsedAt.map(day), revoked: k.revokedAt != nil, filed: counts[k.id!] ?? 0)
                }, form: form, issued: issued, endpoint: req.sigap.config.baseURL + SiteURL.open311Base),
            status: status)
    }
}

extension Open311KeysController.KeysPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("open311.keys_title"))</h1>
        <p>\(page.t("open311.keys_intro")) <code>\(endpoint)</code></p>
        \(some: issued, { i in "<section class=\"card\" role=\"status\"><h2>\(page.t("open311.key_issued", i.name))</h2><p>\(page.t("open311.key_once"))</p><p><code class=\"secret\">\(i.secret)</code></p></section>" })
        <section class="card">
        <h2>\(page.t("open311.issue"))</h2>
        <form method="post" action="\(SiteURL.open311Keys)">\(page.csrfField)
          <label>\(page.t("open311.integration_name"))<input name="name" maxlength="100" required value="\(form.values["name"])"></label>\(page.fieldError(form, "name"))
          <label>\(page.t("open311.integration_contact"))<input name="contact" maxlength="200" required value="\(form.values["contact"])"></label>\(page.fieldError(form, "contact"))
          <button type="submit">\(page.t("open311.issue_button"))</button>
        </form>
        </section>
        \(when: keys.isEmpty, "<p>\(page.t("open311.no_keys"))</p>")
        \(DataTable.render(columns: [page.t("open311.integration_name"), page.t("open311.integration_contact"), page.t("open311.key"), page.t("open311.created"), page.t("open311.last_used"), page.t("open311.filed"), ""], rows: keys) { k in
            [
                "\(k.name)", "\(k.contact)", "<code>\(k.hint)</code>", "\(k.created)", "\(k.lastUsed ?? "—")", "\(String(k.filed))",
                k.revoked
                    ? "<span class=\"late\">\(page.t("open311.revoked"))</span>"
                    : "<form method=\"post\" action=\"\(SiteURL.open311Keys)/\(k.id.uuidString)/cabut\">\(page.csrfField)<button type=\"submit\" class=\"secondary\">\(page.t("open311.revoke"))</button></form>",
            ]
        })
        """
    }
}
