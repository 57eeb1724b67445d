import Fluent
import SigapCore
import Vapor

/// `/dasbor/admin/wilayah`: kecamatan and their desa/kelurahan. Admin only.
struct RegionsAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("dasbor", "admin", "wilayah").requiring(.manageRegions)
        admin.get(use: list)
        admin.post("kecamatan", use: addKecamatan)
        admin.post("kecamatan", ":id", use: renameKecamatan)
        admin.post("desa", use: addDesa)
        admin.post("desa", ":id", use: renameDesa)
    }

    struct KecamatanRow {
        let id: UUID
        let code: String
        let name: String
        let desa: [DesaRow]
    }

    struct DesaRow {
        let id: UUID
        let code: String
        let name: String
        let kind: String
    }

    struct RegionsPage {
        let page: PageContext
        let kecamatan: [KecamatanRow]
        let form: FormState
    }

    struct RegionInput: Content {
        var code: String?
        var name: String?
        var kecamatanID: UUID?
        var kind: String?

        enum CodingKeys: String, CodingKey {
            case code, name, kind
            case kecamatanID = "kecamatan_id"
        }
    }

    func list(req: Request) async throws -> Response {
        try await render(req, FormState())
    }

    func addKecamatan(req: Request) async throws -> Response {
        let input = try req.content.decode(RegionInput.self)
        var form = validate(req, input, needsCode: true)
        if let code = input.code?.trimmedOrNil,
            try await Kecamatan.query(on: req.db).filter(\.$code == code).count() > 0
        {
            form.errors["code"] = req.t("admin.code_taken")
        }
        guard form.isValid else { return try await render(req, form, status: .unprocessableEntity) }
        let kecamatan = Kecamatan(code: input.code!.trimmedOrNil!, name: input.name!.trimmedOrNil!)
        try await req.audited("region.kecamatan_created", subjectType: "kecamatan", detail: { kecamatan.code }) { db in
            try await kecamatan.create(on: db)
            return kecamatan.id
        }
        return saved(req)
    }

    func renameKecamatan(req: Request) async throws -> Response {
        guard let kecamatan = try await Kecamatan.find(req.parameters.get("id"), on: req.db) else {
            throw AppError.notFound()
        }
        let input = try req.content.decode(RegionInput.self)
        let form = validate(req, input, needsCode: false)
        guard form.isValid else { return try await render(req, form, status: .unprocessableEntity) }
        kecamatan.name = input.name!.trimmedOrNil!
        try await req.audited("region.kecamatan_renamed", subjectType: "kecamatan") { db in
            try await kecamatan.save(on: db)
            return kecamatan.id
        }
        return saved(req)
    }

    func addDesa(req: Request) async throws -> Response {
        let input = try req.content.decode(RegionInput.self)
        var form = validate(req, input, needsCode: true)
        let kecamatan = try await Kecamatan.find(input.kecamatanID, on: req.db)
        if kecamatan == nil { form.errors["kecamatan_id"] = req.t("admin.choose_kecamatan") }
        let kind = input.kind.flatMap(Desa.Kind.init(rawValue:))
        if kind == nil { form.errors["kind"] = req.t("admin.choose_kind") }
        if let code = input.code?.trimmedOrNil, try await Desa.query(on: req.db).filter(\.$code == code).count() > 0 {
            form.errors["code"] = req.t("admin.code_taken")
        }
        guard form.isValid, let kecamatan, let kind else {
            return try await render(req, form, status: .unprocessableEntity)
        }
        let desa = Desa(
            code: input.code!.trimmedOrNil!, name: input.name!.trimmedOrNil!, kind: kind,
            kecamatanID: try kecamatan.requireID())
        try await req.audited("region.desa_created", subjectType: "desa", detail: { desa.code }) { db in
            try await desa.create(on: db)
            return desa.id
        }
        return saved(req)
    }

    func renameDesa(req: Request) async throws -> Response {
        guard let desa = try await Desa.find(req.parameters.get("id"), on: req.db) else { throw AppError.notFound() }
        let input = try req.content.decode(RegionInput.self)
        let form = validate(req, input, needsCode: false)
        guard form.isValid else { return try await render(req, form, status: .unprocessableEntity) }
        desa.name = input.name!.trimmedOrNil!
        try await req.audited("region.desa_renamed", subjectType: "desa") { db in
            try await desa.save(on: db)
            return desa.id
        }
        return saved(req)
    }

    private func validate(_ req: Request, _ input: RegionInput, needsCode: Bool) -> FormState {
        var form = FormState(values: ["code": input.code ?? "", "name": input.name ?? "", "kind": input.kind ?? ""])
        form.requireText("name", input.name, maxLength: 100, message: req.t("admin.name_invalid", "100"))
        if needsCode, !AdminInput.isValidCode(input.code) { form.errors["code"] = req.t("admin.code_invalid") }
        return form
    }

    private func saved(_ req: Request) -> Response {
        req.application.sigap.reference.invalidate()
        req.setNotice("admin.saved")
        return req.redirect(to: SiteURL.adminRegions, redirectType: .normal)
    }

    private func render(_ req: Request, _ form: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let all = try await Kecamatan.query(on: req.db).with(\.$desa).sort(\.$code).all()
        let rows = try all.map { k in
            KecamatanRow(
                id: try k.requireID(), code: k.code, name: k.name,
                desa: try k.desa.sorted { $0.code < $1.code }.map {
                    DesaRow(id: try $0.requireID(), code: $0.code, name: $0.name, kind: $0.kind.rawValue)
                })
        }
        return req.page(
            RegionsPage(page: PageContext(req, title: req.t("admin.regions.title")), kecamatan: rows, form: form),
            status: status)
    }
}

/// Shared checks for the short codes used by regions, agencies and categories.
enum AdminInput {
    /// Letters, digits, dots, dashes and underscores, 1–40 characters: safe in URLs and exports.
    static func isValidCode(_ raw: String?) -> Bool {
        guard let code = raw?.trimmedOrNil, code.count <= 40 else { return false }
        return code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }
}
