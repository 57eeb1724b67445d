import Fluent
import SigapCore
import Vapor

/// `/dasbor/admin/kategori`: report categories and the agency each routes to. Admins manage all; an agency's
/// `opd_admin` sees and edits only its own agency's categories (another agency's gives 404).
struct CategoriesAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("dasbor", "admin", "kategori").requiring(.listCategories)
        admin.get(use: list)
        admin.post(use: create)
        admin.get(":id", use: edit)
        admin.post(":id", use: update)
    }

    struct CategoryRow {
        let id: UUID
        let code: String
        let name: String
        let kind: String
        let agency: String
        let responseWorkingDays: Int
        let resolutionWorkingDays: Int
        let active: Bool
    }

    struct CategoriesPage {
        let page: PageContext
        let categories: [CategoryRow]
        let agencies: [SelectOption]
        let kinds: [String]
        let form: FormState
    }

    struct EditPage {
        let page: PageContext
        let id: UUID
        let code: String
        let agencies: [SelectOption]
        let kinds: [String]
        let form: FormState
    }

    struct CategoryInput: Content {
        var code: String?
        var name: String?
        var description: String?
        var nameEnglish: String?
        var descriptionEnglish: String?
        var keywords: String?
        var kind: String?
        var agencyID: UUID?
        // Typed as text so "abc" gets a message next to the field instead of a 400 page.
        var responseWorkingDays: String?
        var resolutionWorkingDays: String?

        var responseDays: Int? { responseWorkingDays.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
        var resolutionDays: Int? { resolutionWorkingDays.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
        var active: String?

        enum CodingKeys: String, CodingKey {
            case code, name, description, keywords, kind, active
            case nameEnglish = "name_en"
            case descriptionEnglish = "description_en"
            case agencyID = "agency_id"
            case responseWorkingDays = "response_working_days"
            case resolutionWorkingDays = "resolution_working_days"
        }
    }

    func list(req: Request) async throws -> Response {
        try await renderList(req, FormState())
    }

    func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = try req.content.decode(CategoryInput.self)
        var form = validate(req, input, actor: user.actor)
        if !AdminInput.isValidCode(input.code) { form.errors["code"] = req.t("admin.code_invalid") }
        if let code = input.code?.trimmedOrNil, try await Category.query(on: req.db).filter(\.$code == code).count() > 0
        {
            form.errors["code"] = req.t("admin.code_taken")
        }
        if try await Agency.find(input.agencyID, on: req.db) == nil {
            form.errors["agency_id"] = req.t("admin.choose_agency")
        }
        guard form.isValid else { return try await renderList(req, form, status: .unprocessableEntity) }
        let category = Category(
            code: input.code!.trimmedOrNil!, name: "", description: "", keywords: "", kind: .pengaduan,
            agencyID: input.agencyID!)
        apply(input, to: category)
        try await req.audited("category.created", subjectType: "category", detail: { category.code }) { db in
            try await category.create(on: db)
            return category.id
        }
        req.application.sigap.reference.invalidate()
        // New names and keywords change what the text suggests.
        try await req.sigap.suggester.train(req.context)
        req.setNotice("admin.saved")
        return req.redirect(to: SiteURL.adminCategories, redirectType: .normal)
    }

    func edit(req: Request) async throws -> Response {
        let category = try await visibleCategory(req)
        let form = FormState(values: [
            "name": category.name, "description": category.description, "keywords": category.keywords,
            "name_en": category.nameEnglish, "description_en": category.descriptionEnglish,
            "kind": category.kind.rawValue, "agency_id": category.$agency.id.uuidString,
            "response_working_days": String(category.responseWorkingDays),
            "resolution_working_days": String(category.resolutionWorkingDays), "active": category.active ? "on" : "",
        ])
        return try await renderEdit(req, category, form)
    }

    func update(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let category = try await visibleCategory(req)
        let input = try req.content.decode(CategoryInput.self)
        var form = validate(req, input, actor: user.actor)
        if try await Agency.find(input.agencyID, on: req.db) == nil {
            form.errors["agency_id"] = req.t("admin.choose_agency")
        }
        guard form.isValid else { return try await renderEdit(req, category, form, status: .unprocessableEntity) }
        let previousAgency = category.$agency.id
        apply(input, to: category)
        try await req.audited(
            "category.updated", subjectType: "category",
            detail: { previousAgency == category.$agency.id ? "" : "agency \(previousAgency) → \(category.$agency.id)" }
        ) { db in
            try await category.save(on: db)
            return category.id
        }
        req.application.sigap.reference.invalidate()
        // New names and keywords change what the text suggests.
        try await req.sigap.suggester.train(req.context)
        req.setNotice("admin.saved")
        return req.redirect(to: SiteURL.adminCategories, redirectType: .normal)
    }

    // MARK: - helpers

    /// The category named in the path, if this person may manage it; otherwise 404, so other agencies'
    /// categories are not even confirmed to exist.
    private func visibleCategory(_ req: Request) async throws -> Category {
        let user = try req.requireUser()
        guard let category = try await Category.find(req.parameters.get("id"), on: req.db),
            Policy.allows(user.actor, .manageCategory(agencyID: category.$agency.id))
        else { throw AppError.notFound() }
        return category
    }

    private func validate(_ req: Request, _ input: CategoryInput, actor: Actor) -> FormState {
        var form = FormState(values: [
            "code": input.code ?? "", "name": input.name ?? "", "description": input.description ?? "",
            "name_en": input.nameEnglish ?? "", "description_en": input.descriptionEnglish ?? "",
            "keywords": input.keywords ?? "", "kind": input.kind ?? "", "agency_id": input.agencyID?.uuidString ?? "",
            "response_working_days": input.responseWorkingDays ?? "",
            "resolution_working_days": input.resolutionWorkingDays ?? "",
            "active": input.active == nil ? "" : "on",
        ])
        form.requireText("name", input.name, maxLength: 100, message: req.t("admin.name_invalid", "100"))
        if (input.description ?? "").count > 1000 { form.errors["description"] = req.t("admin.too_long", "1000") }
        if (input.nameEnglish ?? "").count > 100 { form.errors["name_en"] = req.t("admin.too_long", "100") }
        if (input.descriptionEnglish ?? "").count > 1000 {
            form.errors["description_en"] = req.t("admin.too_long", "1000")
        }
        if (input.keywords ?? "").count > 1000 { form.errors["keywords"] = req.t("admin.too_long", "1000") }
        if input.kind.flatMap(Category.Kind.init(rawValue:)) == nil { form.errors["kind"] = req.t("admin.choose_kind") }
        if !(1...60).contains(input.responseDays ?? 0) {
            form.errors["response_working_days"] = req.t("admin.days_invalid")
        }
        if !(1...365).contains(input.resolutionDays ?? 0) {
            form.errors["resolution_working_days"] = req.t("admin.days_invalid")
        }
        if let agencyID = input.agencyID, !Policy.allows(actor, .manageCategory(agencyID: agencyID)) {
            form.errors["agency_id"] = req.t("admin.choose_agency")
        }
        return form
    }

    private func apply(_ input: CategoryInput, to category: Category) {
        category.name = input.name!.trimmedOrNil!
        category.description = input.description?.trimmedOrNil ?? ""
        category.nameEnglish = input.nameEnglish?.trimmedOrNil ?? ""
        category.descriptionEnglish = input.descriptionEnglish?.trimmedOrNil ?? ""
        category.keywords = (input.keywords ?? "").split(separator: ",")
            .compactMap { String($0).trimmedOrNil?.lowercased() }.joined(separator: ", ")
        category.kind = Category.Kind(rawValue: input.kind!)!
        category.$agency.id = input.agencyID!
        category.responseWorkingDays = input.responseDays!
        category.resolutionWorkingDays = input.resolutionDays!
        category.active = input.active != nil
    }

    /// Agencies this person may route categories to.
    private func agencyOptions(_ req: Request) async throws -> [SelectOption] {
        let user = try req.requireUser()
        return try await Agency.query(on: req.db).sort(\.$name).all()
            .filter { Policy.allows(user.actor, .manageCategory(agencyID: try $0.requireID())) }
            .map { SelectOption(id: try $0.requireID().uuidString, name: $0.name) }
    }

    private func renderList(_ req: Request, _ form: FormState, status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let user = try req.requireUser()
        var query = Category.query(on: req.db).with(\.$agency).sort(\.$name)
        if case .agency(let agencyID) = user.actor.area { query = query.filter(\.$agency.$id == agencyID) }
        let rows = try await query.all().map {
            CategoryRow(
                id: try $0.requireID(), code: $0.code, name: $0.name, kind: $0.kind.rawValue,
                agency: $0.agency.shortName,
                responseWorkingDays: $0.responseWorkingDays, resolutionWorkingDays: $0.resolutionWorkingDays,
                active: $0.active)
        }
        let page = CategoriesPage(
            page: PageContext(req, title: req.t("admin.categories.title")), categories: rows,
            agencies: try await agencyOptions(req), kinds: Category.Kind.allCases.map(\.rawValue), form: form)
        return req.page(page, status: status)
    }

    private func renderEdit(_ req: Request, _ category: Category, _ form: FormState, status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        let page = EditPage(
            page: PageContext(req, title: req.t("admin.categories.edit")), id: try category.requireID(),
            code: category.code,
            agencies: try await agencyOptions(req), kinds: Category.Kind.allCases.map(\.rawValue), form: form)
        return req.page(page, status: status)
    }
}
