import Fluent
import SigapCore
import Vapor

/// `/pendamping`: the reports a village facilitator filed for citizens, the way to file another (the filing form,
/// which asks a pendamping for the citizen), and the number of the one just filed to read out to the citizen.
struct AssistedController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.requiring(.assistCitizens).get("pendamping", use: list)
    }

    struct HelpedRow {
        let report: ReportRow
        let citizen: String
    }

    struct AssistedPage {
        let page: PageContext
        let justFiled: String?
        let rows: [HelpedRow]
        let desa: String
    }

    func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let reference = try await req.reference()
        let reports = try await AssistedFiling.helped(by: user.requireID(), on: req.db)
        let citizens = try await User.query(on: req.db).filter(\.$id ~~ Set(reports.compactMap(\.reporterID))).all()
        let names = Dictionary(citizens.map { ($0.id!, $0.name) }, uniquingKeysWith: { first, _ in first })
        let rows = reports.map {
            HelpedRow(
                report: req.reportRow(ReportListItem($0), reference: reference, staff: true),
                citizen: $0.reporterID.flatMap { names[$0] } ?? "—")
        }
        let justFiled = (try? req.query.get(String.self, at: "nomor")).flatMap(ReportNumber.init)?.description
        let desa = user.$desa.id.flatMap { id in reference.desa.values.first { $0.id == id }?.name } ?? ""
        return req.page(
            AssistedPage(
                page: PageContext(req, title: req.t("assist.title")), justFiled: justFiled, rows: rows, desa: desa))
    }
}

extension AssistedController.AssistedPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("assist.title"))</h1>
        <p class="hint">\(page.t("assist.intro", desa))</p>
        \(some: justFiled, { "<p class=\"notice\" role=\"status\">\(page.t("assist.filed", $0))</p>" })
        <p><a class="cta" href="\(SiteURL.fileReport)">\(page.t("assist.file"))</a> <a class="cta secondary" href="\(SiteURL.practiceAdmin)">\(page.t("practice.admin_title"))</a> <a href="\(SiteURL.guides)">\(page.t("guide.title"))</a></p>
        <h2>\(page.t("assist.helped"))</h2>
        \(when: rows.isEmpty, "<p>\(page.t("assist.none"))</p>")
        <ul class="cards">\(each: rows, { r in "<li class=\"card\"><a href=\"\(SiteURL.report(r.report.number))\"><strong>\(r.report.number)</strong> \(r.report.title)</a><br><small>\(page.t("assist.for_citizen", r.citizen)) · \(r.report.statusLabel)</small></li>" })</ul>
        """
    }
}
