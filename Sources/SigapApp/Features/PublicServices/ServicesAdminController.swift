import Fluent
import Foundation
import SigapCore
import Vapor

/// `/dasbor/layanan`: an agency head's (or an admin's) services, and the form that defines one — its form and
/// documents written as lines (`ServiceFormText`), its promised time, fee and legal basis.
struct ServicesAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("dasbor", "layanan").requiring(.manageServices(agencyID: nil))
        admin.get(use: list)
        let record = admin.recordGuarded("Policy.manageServices on the service's agency (ServiceCatalogue.save)")
        record.get("baru", use: form)
        record.post("baru", use: save)
        record.get(":id", use: form)
        record.post(":id", use: save)
    }

    struct ListPage {
        let page: PageContext
        let rows: [(name: String, detail: String, url: String)]
    }

    func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        var query = PublicService.query(on: req.db)
        if user.role != .admin { query = query.filter(\.$agencyID == user.$agency.id!) }
        let reference = try await req.reference()
        let services = try await query.sort(\.$name).all()
        return req.page(
            ListPage(
                page: PageContext(req, title: req.t("service.admin_title")),
                rows: services.map { s in
                    (
                        s.name,
                        [
                            reference.agencyCodes[s.agencyID] ?? "", req.t("service.days", String(s.days)),
                            s.active ? "" : req.t("service.inactive"),
                        ].filter { !$0.isEmpty }.joined(separator: " · "),
                        SiteURL.servicesAdmin + "/\(s.id!)"
                    )
                }))
    }

    struct FormPage {
        let page: PageContext
        let form: FormState
        let action: String
        let agencies: [Choice]?
        let desa: [Choice]
    }

    func form(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let raw = req.parameters.get("id") else {
            return try await render(req, user, FormState(values: ["active": "on"]), id: nil)
        }
        guard let id = Int(raw), let s = try await PublicService.find(id, on: req.db) else { throw AppError.notFound() }
        guard Policy.allows(user.actor, .manageServices(agencyID: s.agencyID)) else { throw AppError.forbidden() }
        let reference = try await req.reference()
        return try await render(
            req, user,
            FormState(values: [
                "code": s.code, "name": s.name, "agency": reference.agencyCodes[s.agencyID] ?? "",
                "description": s.description, "eligibility": s.eligibility,
                "fields": ServiceFormText.text(s.fields), "requirements": ServiceFormText.text(s.requirements),
                "days": String(s.days), "fee": String(s.fee), "legal_basis": s.legalBasis,
                "active": s.active ? "on" : "", "desa": s.desaID.flatMap { reference.desaByID[$0]?.code } ?? "",
            ]), id: id)
    }

    func render(_ req: Request, _ user: User, _ form: FormState, id: Int?, status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        let reference = try await req.reference()
        return req.page(
            FormPage(
                page: PageContext(req, title: req.t(id == nil ? "service.define" : "service.change")), form: form,
                action: SiteURL.servicesAdmin + "/" + (id.map(String.init) ?? "baru"),
                agencies: user.role == .admin ? reference.agencyChoices : nil, desa: reference.desaChoices),
            status: status)
    }

    struct Input: Content {
        var code: String?
        var name: String?
        var agency: String?
        var desa: String?
        var description: String?
        var eligibility: String?
        var fields: String?
        var requirements: String?
        var days: String?
        var fee: String?
        var legalBasis: String?
        var active: String?

        enum CodingKeys: String, CodingKey {
            case code, name, agency, desa, description, eligibility, fields, requirements, days, fee, active
            case legalBasis = "legal_basis"
        }
    }

    func save(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let id = req.parameters.get("id", as: Int.self)
        let input = try req.content.decode(Input.self)
        do {
            let service = try await ServiceCatalogue.save(
                id,
                .init(
                    code: input.code, name: input.name, agencyCode: input.agency, desaCode: input.desa,
                    description: input.description,
                    eligibility: input.eligibility, fields: input.fields, requirements: input.requirements,
                    days: input.days.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) },
                    fee: input.fee.flatMap { Int64($0.filter(\.isNumber)) }, legalBasis: input.legalBasis,
                    active: input.active == "on"),
                context: req.context)
            req.setNotice("service.saved")
            return req.redirect(to: SiteURL.service(service.code), redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity {
            var form = FormState(values: [
                "code": input.code ?? "", "name": input.name ?? "", "agency": input.agency ?? "",
                "desa": input.desa ?? "",
                "description": input.description ?? "", "eligibility": input.eligibility ?? "",
                "fields": input.fields ?? "", "requirements": input.requirements ?? "", "days": input.days ?? "",
                "fee": input.fee ?? "", "legal_basis": input.legalBasis ?? "", "active": input.active ?? "",
            ])
            form.errors = error.fields.mapValues { req.t($0) }
            form.error = req.t("error.422")
            return try await render(req, user, form, id: id, status: error.status)
        }
    }
}

extension ServicesAdminController.ListPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("service.admin_title"))</h1>
        <p><a class="button" href="\(SiteURL.servicesAdmin)/baru">\(page.t("service.define"))</a></p>
        \(when: rows.isEmpty, "<p>\(page.t("service.none"))</p>")
        <ul>\(each: rows, { r in "<li><a href=\"\(r.url)\">\(r.name)</a> <span class=\"hint\">\(r.detail)</span></li>" })</ul>
        """
    }
}

extension ServicesAdminController.FormPage: PageView {
    func render(_ page: Page) -> HTML {
        let v = form.values
        return """
            <h1>\(page.frame.title)</h1>
            \(some: form.error, { "<p class=\"error\" role=\"alert\">\($0)</p>" })
            <form method="post" action="\(action)">\(page.csrfField)
              <label>\(page.t("service.code"))<input name="code" maxlength="40" required value="\(v["code"] ?? "")" placeholder="izin-keramaian"></label>\(page.fieldError(form, "code"))
              <label>\(page.t("service.name"))<input name="name" maxlength="150" required value="\(v["name"] ?? "")"></label>\(page.fieldError(form, "name"))
              \(some: agencies, { a in "<label>\(page.t("report.agency"))<select name=\"agency\">\(FormPieces.options(a, selected: v["agency"]))</select></label>" })
              <label>\(page.t("service.desa_office"))<select name="desa"><option value="">\(page.t("service.no_desa"))</option>\(FormPieces.options(desa, selected: v["desa"]))</select></label>\(page.fieldError(form, "desa"))
              <label>\(page.t("service.description"))<textarea name="description" rows="3" maxlength="4000" required>\(v["description"] ?? "")</textarea></label>\(page.fieldError(form, "description"))
              <label>\(page.t("service.eligibility"))<input name="eligibility" maxlength="300" value="\(v["eligibility"] ?? "")"></label>
              <label>\(page.t("service.form"))<textarea name="fields" rows="5" maxlength="8000">\(v["fields"] ?? "")</textarea></label>\(page.fieldError(form, "fields"))
              <p class="hint">\(page.t("service.fields_hint"))</p>
              <label>\(page.t("service.requirements"))<textarea name="requirements" rows="4" maxlength="4000">\(v["requirements"] ?? "")</textarea></label>\(page.fieldError(form, "requirements"))
              <p class="hint">\(page.t("service.requirements_hint"))</p>
              <label>\(page.t("service.promise_days"))<input type="number" name="days" min="1" max="365" required value="\(v["days"] ?? "")"></label>\(page.fieldError(form, "days"))
              <label>\(page.t("service.fee_rupiah"))<input type="number" name="fee" min="0" value="\(v["fee"] ?? "0")"></label>\(page.fieldError(form, "fee"))
              <label>\(page.t("service.legal_basis"))<input name="legal_basis" maxlength="300" value="\(v["legal_basis"] ?? "")"></label>
              <label class="check"><input type="checkbox" name="active"\(when: v["active"] == "on", " checked")> \(page.t("service.active"))</label>
              <button type="submit">\(page.t("portal.save"))</button>
            </form>
            """
    }
}
