import Fluent
import SigapCore
import Vapor

/// `/dasbor/admin/opd`: the agencies (OPD). Admin only.
struct AgenciesAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("dasbor", "admin", "opd").requiring(.manageAgencies)
        admin.get(use: list)
        admin.post(use: create)
        admin.post(":id", use: update)
    }

    struct AgencyRow {
        let id: UUID
        let code: String
        let name: String
        let shortName: String
        let active: Bool
    }

    struct AgenciesPage {
        let page: PageContext
        let agencies: [AgencyRow]
        let form: FormState
    }

    struct AgencyInput: Content {
        var code: String?
        var name: String?
        var shortName: String?
        var active: String?

        enum CodingKeys: String, CodingKey {
            case code, name, active
            case shortName = "short_name"
        }
    }

    func list(req: Request) async throws -> Response {
        try await render(req, FormState())
    }

    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(AgencyInput.self)
        var form = validate(req, input)
        if !AdminInput.isValidCode(input.code) { form.errors["code"] = req.t("admin.code_invalid") }
        if let code = input.code?.trimmedOrNil, try await Agency.query(on: req.db).filter(\.$code == code).count() > 0 {
            form.errors["code"] = req.t("admin.code_taken")
        }
        guard form.isValid else { return try await render(req, form, status: .unprocessableEntity) }
        let agency = Agency(
            code: input.code!.trimmedOrNil!, name: input.name!.trimmedOrNil!, shortName: input.shortName!.trimmedOrNil!)
        try await req.audited("agency.created", subjectType: "agency", detail: { agency.code }) { db in
            try await agency.create(on: db)
            return agency.id
        }
        return saved(req)
    }

    func update(req: Request) async throws -> Response {
        guard let agency = try await Agency.find(req.parameters.get("id"), on: req.db) else {
            throw AppError.notFound()
        }
        let input = try req.content.decode(AgencyInput.self)
        let form = validate(req, input)
        guard form.isValid else { return try await render(req, form, status: .unprocessableEntity) }
        agency.name = input.name!.trimmedOrNil!
        agency.shortName = input.shortName!.trimmedOrNil!
        agency.active = input.active != nil
        try await req.audited(
            "agency.updated", subjectType: "agency", detail: { agency.active ? "active" : "inactive" }
        ) { db in
            try await agency.save(on: db)
            return agency.id
        }
        return saved(req)
    }

    private func validate(_ req: Request, _ input: AgencyInput) -> FormState {
        var form = FormState(values: [
            "code": input.code ?? "", "name": input.name ?? "", "short_name": input.shortName ?? "",
        ])
        form.requireText("name", input.name, maxLength: 100, message: req.t("admin.name_invalid", "100"))
        form.requireText("short_name", input.shortName, maxLength: 40, message: req.t("admin.name_invalid", "40"))
        return form
    }

    private func saved(_ req: Request) -> Response {
        req.application.sigap.reference.invalidate()
        req.setNotice("admin.saved")
        return req.redirect(to: SiteURL.adminAgencies, redirectType: .normal)
    }

    private func render(_ req: Request, _ form: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let rows = try await Agency.query(on: req.db).sort(\.$name).all().map {
            AgencyRow(id: try $0.requireID(), code: $0.code, name: $0.name, shortName: $0.shortName, active: $0.active)
        }
        return req.page(
            AgenciesPage(page: PageContext(req, title: req.t("admin.agencies.title")), agencies: rows, form: form),
            status: status)
    }
}
