import Fluent
import Foundation
import SigapCore
import Vapor

/// `/dprd`: the council's commissions with the fields they oversee and their members, and the way to send the
/// DPRD an aspiration or a question (the report form addressed to the DPRD). `/dasbor/dprd`: a council
/// member's commission's aspirations.
struct DPRDController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.open("the council's composition is public").get("dprd", use: show)
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
    }

    func show(req: Request) async throws -> Response {
        let commissions = try await DPRDCommission.query(on: req.db).sort(\.$code).all()
        let members = try await DPRDMember.query(on: req.db).sort(\.$name).all()
        let reference = try await req.reference()
        func view(_ m: DPRDMember) -> MemberView {
            MemberView(
                name: m.name, faction: m.faction,
                district: m.electoralDistrictID.flatMap { reference.electoralDistrictNames[$0] } ?? "",
                position: m.position)
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

    struct CommissionPage {
        let page: PageContext
        let commission: String?
        let rows: [ReportRow]
    }

    /// The aspirations routed to the member's commission, newest first (public ones: confidential aspirations
    /// stay with the secretariat, which answers them).
    func commission(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let member = try await DPRDMember.query(on: req.db).filter(\.$userID == user.id!).first()
        var rows: [ReportRow] = []
        var name: String?
        if let id = member?.commissionID, let commission = try await DPRDCommission.find(id, on: req.db) {
            name = commission.name
            let reference = try await req.reference()
            rows = try await Report.query(on: req.db).filter(\.$dprdCommissionID == id).filter(\.$privacy != .rahasia)
                .sort(\.$id, .descending).limit(100).all()
                .map { req.reportRow(ReportListItem($0), reference: reference) }
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
            <ul>\(each: list, { m in "<li><strong>\(m.name)</strong> · \(m.position) · \(m.faction)\(when: !m.district.isEmpty, " · \(m.district)")</li>" })</ul>
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
