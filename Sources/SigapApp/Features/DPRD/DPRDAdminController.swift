import Fluent
import Foundation
import SigapCore
import Vapor

/// `/dasbor/admin/dprd`: the council's commissions and members, added by an administrator (`DPRDCouncil`).
struct DPRDAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("dasbor", "admin", "dprd").requiring(.manageDPRD)
        admin.get(use: list)
        admin.post("komisi", use: addCommission)
        admin.post("anggota", use: saveMember)
        admin.get("anggota", ":id", use: editMember)
        admin.post("anggota", ":id", use: saveMember)
        admin.post("anggota", ":id", "hapus", use: removeMember)
    }

    struct AdminPage {
        let page: PageContext
        let commissions: [DPRDCommission]
        let members: [(name: String, detail: String, url: String)]
        let categories: [Choice]
        let agencies: [Choice]
        let districts: [Choice]
        let form: FormState
        /// The member being changed (`/anggota/{id}`); nil: the list with the empty form.
        let editing: UUID?
    }

    func list(req: Request) async throws -> Response {
        try await render(req, FormState())
    }

    func editMember(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self), let m = try await DPRDMember.find(id, on: req.db)
        else { throw AppError.notFound() }
        let commission = try await m.commissionID.asyncFlatMap { try await DPRDCommission.find($0, on: req.db) }
        let account = try await m.userID.asyncFlatMap { try await User.find($0, on: req.db) }
        let values = [
            "name": m.name, "faction": m.faction, "position": m.position,
            "district": m.electoralDistrictID?.uuidString ?? "", "commission": commission?.code ?? "",
            "account": account?.email ?? "",
        ]
        return try await render(req, FormState(values: values), editing: id)
    }

    func render(
        _ req: Request, _ form: FormState, editing: UUID? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let reference = try await req.reference()
        let commissions = try await DPRDCommission.query(on: req.db).sort(\.$code).all()
        let members = try await DPRDMember.query(on: req.db).sort(\.$name).all()
        return req.page(
            AdminPage(
                page: PageContext(req, title: req.t("dprd.admin_title")), commissions: commissions,
                members: members.map { m in
                    (
                        m.name,
                        [m.position, m.faction, commissions.first { $0.id == m.commissionID }?.name ?? ""]
                            .filter { !$0.isEmpty }.joined(separator: " · "),
                        SiteURL.dprdAdmin + "/anggota/\(m.id!)"
                    )
                },
                categories: reference.categories.values.sorted { $0.name < $1.name }.map {
                    Choice(value: $0.code, label: $0.name)
                },
                agencies: reference.agencyChoices,
                districts: reference.electoralDistrictNames.sorted { $0.value < $1.value }.map {
                    Choice(value: $0.key.uuidString, label: $0.value)
                }, form: form, editing: editing),
            status: status)
    }

    struct CommissionInput: Content {
        var code: String?
        var name: String?
        var fields: String?
        var categories: [String]?
        var agencies: [String]?
    }

    func addCommission(req: Request) async throws -> Response {
        let input = try req.content.decode(CommissionInput.self)
        do {
            _ = try await DPRDCouncil.addCommission(
                .init(
                    code: input.code, name: input.name, fields: input.fields, categories: input.categories ?? [],
                    agencies: input.agencies ?? []),
                context: req.context)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(req, refused(error, req), status: error.status)
        }
        req.setNotice("dprd.saved")
        return req.redirect(to: SiteURL.dprdAdmin, redirectType: .normal)
    }

    struct MemberInput: Content {
        var name: String?
        var faction: String?
        var position: String?
        var district: UUID?
        var commission: String?
        var account: String?
    }

    func saveMember(req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        let upload = try await StreamedForm.read(
            req, store: req.context.files, maxFileBytes: FilePurpose.memberPhoto.policy.maxBytes, maxFiles: 1,
            tooLarge: "report.photo_too_large")
        defer { upload.removeIncoming() }
        let input = try upload.decode(MemberInput.self)
        do {
            let photo = try await upload.checkedPhotos(for: .memberPhoto, context: req.context).first
            _ = try await DPRDCouncil.saveMember(
                id,
                .init(
                    name: input.name, faction: input.faction, position: input.position, districtID: input.district,
                    commissionCode: input.commission, accountEmail: input.account, photo: photo),
                context: req.context)
        } catch let error as AppError where error.status == .unprocessableEntity {
            var form = refused(error, req)
            form.values = [
                "name": input.name ?? "", "faction": input.faction ?? "", "position": input.position ?? "",
                "district": input.district?.uuidString ?? "", "commission": input.commission ?? "",
                "account": input.account ?? "",
            ]
            return try await render(req, form, editing: id, status: error.status)
        }
        req.setNotice("dprd.saved")
        return req.redirect(to: SiteURL.dprdAdmin, redirectType: .normal)
    }

    func removeMember(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound() }
        try await DPRDCouncil.removeMember(id, context: req.context)
        req.setNotice("dprd.member_removed")
        return req.redirect(to: SiteURL.dprdAdmin, redirectType: .normal)
    }

    private func refused(_ error: AppError, _ req: Request) -> FormState {
        var form = FormState()
        form.errors = error.fields.mapValues { req.t($0) }
        form.error = error.fields.values.first.map { req.t($0) } ?? req.message(of: error)
        return form
    }
}

extension DPRDAdminController.AdminPage: PageView {
    func render(_ page: Page) -> HTML {
        let commissionChoices = commissions.map { Choice(value: $0.code, label: $0.name) }
        return """
            <h1>\(page.t("dprd.admin_title"))</h1>
            \(some: form.error, { "<p class=\"error\" role=\"alert\">\($0)</p>" })
            <h2>\(page.t("dprd.commissions"))</h2>
            <ul>\(each: commissions, { c in "<li><strong>\(c.code)</strong> \(c.name)<br><span class=\"hint\">\(c.categoryCodes) · \(c.agencyCodes)</span></li>" })</ul>
            <details><summary>\(page.t("dprd.add_commission"))</summary>
            <form method="post" action="\(SiteURL.dprdAdmin)/komisi">\(page.csrfField)
              <label>\(page.t("dprd.code"))<input name="code" maxlength="10" required></label>
              <label>\(page.t("dprd.name"))<input name="name" maxlength="120" required></label>
              <label>\(page.t("dprd.fields"))<input name="fields" maxlength="300"></label>
              <fieldset><legend>\(page.t("report.category"))</legend>\(each: categories, { c in "<label class=\"check\"><input type=\"checkbox\" name=\"categories[]\" value=\"\(c.value)\"> \(c.label)</label>" })</fieldset>
              <fieldset><legend>\(page.t("report.agency"))</legend>\(each: agencies, { a in "<label class=\"check\"><input type=\"checkbox\" name=\"agencies[]\" value=\"\(a.value)\"> \(a.label)</label>" })</fieldset>
              <button type="submit">\(page.t("portal.save"))</button>
            </form></details>
            <h2>\(page.t("dprd.members"))</h2>
            <ul>\(each: members, { m in "<li><a href=\"\(m.url)\">\(m.name)</a> <span class=\"hint\">\(m.detail)</span></li>" })</ul>
            <details\(when: editing != nil || !form.values.isEmpty, " open")><summary>\(page.t(editing == nil ? "dprd.add_member" : "dprd.change_member"))</summary>
            <form method="post" enctype="multipart/form-data" action="\(SiteURL.dprdAdmin)/anggota\(some: editing, { "/\($0.uuidString)" })">\(page.csrfField)
              <label>\(page.t("dprd.name"))<input name="name" maxlength="120" required value="\(form.values["name"] ?? "")"></label>\(page.fieldError(form, "name"))
              <label>\(page.t("dprd.faction"))<input name="faction" maxlength="80" required value="\(form.values["faction"] ?? "")"></label>\(page.fieldError(form, "faction"))
              <label>\(page.t("dprd.position"))<input name="position" maxlength="40" placeholder="Anggota" value="\(form.values["position"] ?? "")"></label>\(page.fieldError(form, "position"))
              <label>\(page.t("staff.electoral_district"))<select name="district"><option value="">—</option>\(FormPieces.options(districts, selected: form.values["district"]))</select></label>
              <label>\(page.t("dprd.commission"))<select name="commission"><option value="">—</option>\(FormPieces.options(commissionChoices, selected: form.values["commission"]))</select></label>\(page.fieldError(form, "commission"))
              <label>\(page.t("dprd.account"))<input type="email" name="account" maxlength="200" value="\(form.values["account"] ?? "")"></label>\(page.fieldError(form, "account"))
              <label>\(page.t("dprd.photo"))<input type="file" name="photo" accept="image/jpeg,image/png"></label>\(page.fieldError(form, "photo"))
              <button type="submit">\(page.t("portal.save"))</button>
            </form></details>
            \(some: editing, { id in "<form method=\"post\" action=\"\(SiteURL.dprdAdmin)/anggota/\(id.uuidString)/hapus\">\(page.csrfField)<button type=\"submit\" class=\"secondary\">\(page.t("dprd.remove_member"))</button></form>" })
            """
    }
}
