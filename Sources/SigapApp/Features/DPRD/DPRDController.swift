import Fluent
import Foundation
import SigapCore
import Vapor

/// `/dprd`: the council's commissions with the fields they oversee and their members, and the way to send the
/// DPRD an aspiration or a question (the report form addressed to the DPRD). `/dasbor/dprd`: a council
/// member's commission's aspirations.
struct DPRDController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.open("the council's composition is public")
        open.get("dprd", use: show)
        open.get("dprd", "anggota", ":id", "foto", use: photo)
        routes.requiring(.readCommissionAspirations).get("dasbor", "dprd", use: commission)
    }

    struct CouncilPage {
        let page: PageContext
        let commissions: [CommissionView]
        let unassigned: [MemberView]
    }

    struct CommissionView {
        let name: String
        let fields: String
        let members: [MemberView]
    }

    struct MemberView {
        let name: String
        let faction: String
        let district: String
        let position: String
        let photo: String?
    }

    func show(req: Request) async throws -> Response {
        let commissions = try await DPRDCommission.query(on: req.db).sort(\.$code).all()
        let members = try await DPRDMember.query(on: req.db).sort(\.$name).all()
        let reference = try await req.reference()
        func view(_ m: DPRDMember) -> MemberView {
            MemberView(
                name: m.name, faction: m.faction,
                district: m.electoralDistrictID.flatMap { reference.electoralDistrictNames[$0] } ?? "",
                position: m.position,
                photo: m.photoStoredName.map { _ in SiteURL.dprd + "/anggota/\(m.id!)/foto?ukuran=kecil" })
        }
        return req.page(
            CouncilPage(
                page: PageContext(req, title: req.t("dprd.title")),
                commissions: commissions.map { c in
                    CommissionView(
                        name: c.name, fields: c.fields,
                        members: members.filter { $0.commissionID == c.id }.map(view))
                }, unassigned: members.filter { $0.commissionID == nil }.map(view)))
    }

    func photo(req: Request) async throws -> Response {
        guard let member = try await DPRDMember.find(req.parameters.get("id"), on: req.db),
            let name = member.photoStoredName
        else { throw AppError.notFound() }
        return try await req.streamUpload(
            name, .memberPhoto, contentType: name.hasSuffix(".png") ? "image/png" : "image/jpeg")
    }

    struct CommissionPage {
        let page: PageContext
        let commission: String?
        let rows: [ReportRow]
    }

    /// The aspirations routed to the member's commission, newest first, each opening the staff page where the
    /// member answers it (`Policy.sitsOnCommission`).
    func commission(req: Request) async throws -> Response {
        let user = try req.requireUser()
        var rows: [ReportRow] = []
        var name: String?
        if let id = user.commissionID, let commission = try await DPRDCommission.find(id, on: req.db) {
            name = commission.name
            let reference = try await req.reference()
            rows = try await Report.query(on: req.db).filter(\.$dprdCommissionID == id)
                .sort(\.$id, .descending).limit(100).all()
                .map { req.reportRow(ReportListItem($0), reference: reference, staff: true) }
        }
        return req.page(
            CommissionPage(
                page: PageContext(req, title: req.t("dprd.commission_aspirations")), commission: name, rows: rows))
    }
}

extension DPRDController.CouncilPage: PageView {
    func render(_ page: Page) -> HTML {
        func members(_ list: [DPRDController.MemberView]) -> HTML {
            """
            <ul class="members">\(each: list, { m in "<li>\(some: m.photo, { "<img src=\"\($0)\" alt=\"\" width=\"64\" height=\"64\" loading=\"lazy\">" })<span><strong>\(m.name)</strong> · \(m.position) · \(m.faction)\(when: !m.district.isEmpty, " · \(m.district)")</span></li>" })</ul>
            """
        }
        return """
            <h1>\(page.t("dprd.title"))</h1>
            <p>\(page.t("dprd.intro"))</p>
            <p><a class="button" href="\(SiteURL.fileReport)?tujuan=dprd">\(page.t("dprd.send_aspiration"))</a> · <a href="\(SiteURL.agenda)">\(page.t("portal.agenda"))</a></p>
            \(each: commissions, { c in "<section class=\"card\"><h2>\(c.name)</h2><p class=\"hint\">\(c.fields)</p>\(members(c.members))</section>" })
            \(when: !unassigned.isEmpty, "<section class=\"card\"><h2>\(page.t("dprd.leadership"))</h2>\(members(unassigned))</section>")
            """
    }
}

extension DPRDController.CommissionPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("dprd.commission_aspirations"))</h1>
        \(when: commission == nil, "<p>\(page.t("dprd.no_commission"))</p>")
        \(some: commission, { "<p class=\"hint\">\($0)</p>" })
        \(when: commission != nil && rows.isEmpty, "<p>\(page.t("dprd.no_aspirations"))</p>")
        \(when: !rows.isEmpty, ReportListViews.rows(rows, page))
        """
    }
}
