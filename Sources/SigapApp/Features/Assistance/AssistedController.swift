import Fluent
import SigapCore
import Vapor

/// `/pendamping`: what a village facilitator entered for citizens — reports, Musrenbang proposals and service
/// applications — the ways to enter another (the usual forms, which ask a pendamping for the citizen), and the
/// number of the one just entered to read out to the citizen.
struct AssistedController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.requiring(.assistCitizens).get("pendamping", use: list)
    }

    /// One thing entered for a citizen: its number and page, what it is about, for whom, and where it stands.
    struct HelpedRow {
        let number: String
        let url: String
        let title: String
        let citizen: String
        let status: String
    }

    struct AssistedPage {
        let page: PageContext
        let justFiled: String?
        let reports: [HelpedRow]
        let proposals: [HelpedRow]
        let applications: [HelpedRow]
        let desa: String
    }

    func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let helper = try user.requireID()
        let reference = try await req.reference()
        let reports = try await AssistedFiling.helped(by: helper, on: req.db)
        let proposals = try await AssistedFiling.proposals(by: helper, on: req.db)
        let applications = try await AssistedFiling.applications(by: helper, on: req.db)
        let citizenIDs = Set(reports.compactMap(\.reporterID) + proposals.compactMap(\.proposerID))
            .union(applications.map(\.applicantID))
        let citizens = try await User.query(on: req.db).filter(\.$id ~~ citizenIDs).all()
        let names = Dictionary(citizens.map { ($0.id!, $0.name) }, uniquingKeysWith: { first, _ in first })
        func name(_ id: UUID?) -> String { id.flatMap { names[$0] } ?? "—" }
        let services = try await PublicService.query(on: req.db).filter(\.$id ~~ Set(applications.map(\.serviceID)))
            .all()
        let serviceNames = Dictionary(services.map { ($0.id!, $0.name) }, uniquingKeysWith: { first, _ in first })
        let reportRows = reports.map { report in
            let row = req.reportRow(ReportListItem(report), reference: reference, staff: true)
            return HelpedRow(
                number: row.number, url: SiteURL.report(row.number), title: row.title, citizen: name(report.reporterID),
                status: row.statusLabel)
        }
        let proposalRows = proposals.map {
            HelpedRow(
                number: $0.number, url: SiteURL.proposal($0.number), title: $0.title, citizen: name($0.proposerID),
                status: req.t("proposal.stage.\($0.stage.rawValue)"))
        }
        let applicationRows = applications.map {
            HelpedRow(
                number: $0.number, url: SiteURL.application($0.number), title: serviceNames[$0.serviceID] ?? "",
                citizen: name($0.applicantID), status: req.t("application.status.\($0.status.rawValue)"))
        }
        // Only a number of this pendamping's own lists is echoed back.
        let asked = try? req.query.get(String.self, at: "nomor")
        let justFiled = (reportRows + proposalRows + applicationRows).first { $0.number == asked }?.number
        let desa = user.$desa.id.flatMap { reference.desaByID[$0]?.name } ?? ""
        return req.page(
            AssistedPage(
                page: PageContext(req, title: req.t("assist.title")), justFiled: justFiled, reports: reportRows,
                proposals: proposalRows, applications: applicationRows, desa: desa))
    }
}

extension AssistedController.AssistedPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("assist.title"))</h1>
        <p class="hint">\(page.t("assist.intro", desa))</p>
        \(some: justFiled, { "<p class=\"notice\" role=\"status\">\(page.t("assist.filed", $0))</p>" })
        <p><a class="cta" href="\(SiteURL.fileReport)">\(page.t("assist.file"))</a> <a class="cta secondary" href="\(SiteURL.proposalNew)">\(page.t("assist.propose"))</a> <a class="cta secondary" href="\(SiteURL.services)">\(page.t("assist.apply"))</a></p>
        <p><a href="\(SiteURL.practiceAdmin)">\(page.t("practice.admin_title"))</a> · <a href="\(SiteURL.guides)">\(page.t("guide.title"))</a></p>
        \(section(page, "assist.helped", reports))
        \(section(page, "assist.helped_proposals", proposals))
        \(section(page, "assist.helped_applications", applications))
        """
    }

    private func section(_ page: Page, _ title: String, _ rows: [AssistedController.HelpedRow]) -> HTML {
        """
        <h2>\(page.t(title))</h2>
        \(when: rows.isEmpty, "<p>\(page.t("assist.none"))</p>")
        <ul class="cards">\(each: rows, { r in "<li class=\"card\"><a href=\"\(r.url)\"><strong>\(r.number)</strong> \(r.title)</a><br><small>\(page.t("assist.for_citizen", r.citizen)) · \(r.status)</small></li>" })</ul>
        """
    }
}
