import Fluent
import Foundation
import SigapCore
import Vapor

/// `/layanan`: the public catalogue, searchable by name and description, each service with its requirements,
/// fee, promised time and legal basis, and the way to apply.
struct ServicesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.open("the service catalogue is public")
        open.get("layanan", use: list)
        open.get("layanan", ":code", use: show)
    }

    struct ListPage {
        let page: PageContext
        let query: String
        let rows: [(name: String, agency: String, days: Int, fee: String, url: String)]
    }

    func list(req: Request) async throws -> Response {
        let text = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
        let reference = try await req.reference()
        var services = try await PublicService.query(on: req.db).filter(\.$active == true).sort(\.$name).all()
        if !text.isEmpty {
            // A few hundred services at most: matched in memory, word by word, in any case.
            let words = text.lowercased().split(separator: " ")
            services = services.filter { s in
                let haystack = (s.name + " " + s.description).lowercased()
                return words.allSatisfy { haystack.contains($0) }
            }
        }
        return req.page(
            ListPage(
                page: PageContext(req, title: req.t("service.catalogue")), query: text,
                rows: services.map { s in
                    (
                        s.name, reference.agencyNames[s.agencyID] ?? "", s.days, Self.fee(s.fee, req),
                        SiteURL.service(s.code)
                    )
                }))
    }

    static func fee(_ rupiah: Int64, _ req: Request) -> String {
        guard rupiah > 0 else { return req.t("service.free") }
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.groupingSeparator = "."
        return "Rp " + (formatter.string(from: NSNumber(value: rupiah)) ?? String(rupiah))
    }

    struct ServicePage {
        let page: PageContext
        let service: PublicService
        let agency: String
        /// A desa office's service: "Kantor Desa …".
        let desa: String?
        let fee: String
        let canApply: Bool
    }

    func show(req: Request) async throws -> Response {
        guard let code = req.parameters.get("code"),
            let service = try await PublicService.query(on: req.db).filter(\.$code == code).first(), service.active
        else { throw AppError.notFound() }
        let reference = try await req.reference()
        return req.page(
            ServicePage(
                page: PageContext(req, title: service.name), service: service,
                agency: reference.agencyNames[service.agencyID] ?? "",
                desa: service.desaID.flatMap { reference.desaByID[$0]?.name }, fee: Self.fee(service.fee, req),
                canApply: req.currentUser?.role == .warga))
    }
}

extension ServicesController.ListPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("service.catalogue"))</h1>
        <p>\(page.t("service.intro"))</p>
        <form method="get" action="\(SiteURL.services)" class="filters">
          <label>\(page.t("service.search"))<input type="search" name="q" value="\(query)" maxlength="100"></label>
          <button type="submit" class="secondary">\(page.t("search.submit"))</button>
        </form>
        \(when: rows.isEmpty, "<p>\(page.t("service.none"))</p>")
        <ul class="services">\(each: rows, { r in
            "<li><a href=\"\(r.url)\">\(r.name)</a><br><span class=\"hint\">\(r.agency) · \(page.t("service.days", String(r.days))) · \(r.fee)</span></li>"
        })</ul>
        """
    }
}

extension ServicesController.ServicePage: PageView {
    func render(_ page: Page) -> HTML {
        let s = service
        return """
            <p class="crumbs"><a href="\(SiteURL.services)">\(page.t("service.catalogue"))</a></p>
            <h1>\(s.name)</h1>
            <p class="text">\(s.description)</p>
            <dl class="facts">
              <dt>\(page.t("report.agency"))</dt><dd>\(agency)</dd>
              \(some: desa, { "<dt>\(page.t("service.desa_office"))</dt><dd>\($0)</dd>" })
              <dt>\(page.t("service.promise"))</dt><dd>\(page.t("service.days", String(s.days)))</dd>
              <dt>\(page.t("service.fee"))</dt><dd>\(fee)</dd>
              \(when: !s.eligibility.isEmpty, "<dt>\(page.t("service.eligibility"))</dt><dd>\(s.eligibility)</dd>")
              \(when: !s.legalBasis.isEmpty, "<dt>\(page.t("service.legal_basis"))</dt><dd>\(s.legalBasis)</dd>")
            </dl>
            <h2>\(page.t("service.requirements"))</h2>
            \(when: s.requirements.isEmpty, "<p>\(page.t("service.no_documents"))</p>")
            <ul>\(each: s.requirements, { r in "<li>\(r.label) <span class=\"hint\">(\(r.accepted.map { $0.rawValue.uppercased() }.joined(separator: ", "))\(when: !r.required, ", \(page.t("service.optional"))"))</span></li>" })</ul>
            <h2>\(page.t("service.form"))</h2>
            <ul>\(each: s.fields, { f in "<li>\(f.label)\(when: !f.required, " <span class=\"hint\">(\(page.t("service.optional")))</span>")</li>" })</ul>
            <p>\(when: canApply, "<a class=\"button\" href=\"\(SiteURL.service(s.code))/ajukan\">\(page.t("service.apply"))</a>")\(when: !canApply, "<a class=\"button\" href=\"\(SiteURL.login)?next=\(SiteURL.service(s.code))\">\(page.t("service.sign_in_to_apply"))</a>")</p>
            """
    }
}
