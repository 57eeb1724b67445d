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
        admin.post("anggota", use: addMember)
    }

    struct AdminPage {
        let page: PageContext
        let commissions: [DPRDCommission]
        let members: [(name: String, detail: String)]
        let categories: [Choice]
        let agencies: [Choice]
        let districts: [Choice]
        let form: FormState
    }

    func list(req: Request) async throws -> Response {
        try await render(req, FormState())
    }

    func render(_ req: Request, _ form: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
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
                            .filter { !$0.isEmpty }.joined(separator: " · ")
                    )
                },
                categories: reference.categories.values.sorted { $0.name < $1.name }.map {
                    Choice(value: $0.code, label: $0.name)
                },
                agencies: reference.agencyChoices,
                districts: reference.electoralDistrictNames.sorted { $0.value < $1.value }.map {
                    Choice(value: $0.key.uuidString, label: $0.value)
                }, form: form),
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

    func addMember(req: Request) async throws -> Response {
        let input = try req.content.decode(MemberInput.self)
        do {
            _ = try await DPRDCouncil.addMember(
                .init(
                    name: input.name, faction: input.faction, position: input.position, districtID: input.district,
                    commissionCode: input.commission, accountEmail: input.account),
                context: req.context)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(req, refused(error, req), status: error.status)
        }
        req.setNotice("dprd.saved")
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
            <ul>\(each: members, { m in "<li>\(m.name) <span class=\"hint\">\(m.detail)</span></li>" })</ul>
            <details><summary>\(page.t("dprd.add_member"))</summary>
            <form method="post" action="\(SiteURL.dprdAdmin)/anggota">\(page.csrfField)
              <label>\(page.t("dprd.name"))<input name="name" maxlength="120" required></label>
              <label>\(page.t("dprd.faction"))<input name="faction" maxlength="80" required></label>
              <label>\(page.t("dprd.position"))<input name="position" maxlength="40" placeholder="Anggota"></label>
              <label>\(page.t("staff.electoral_district"))<select name="district"><option value="">—</option>\(FormPieces.options(districts, selected: nil))</select></label>
              <label>\(page.t("dprd.commission"))<select name="commission"><option value="">—</option>\(FormPieces.options(commissionChoices, selected: nil))</select></label>
              <label>\(page.t("dprd.account"))<input type="email" name="account" maxlength="200"></label>
              <button type="submit">\(page.t("portal.save"))</button>
            </form></details>
            """
    }
}
