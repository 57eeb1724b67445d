import SigapCore
import Vapor

/// The public front page, the privacy policy and the icon.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.open("the front page, the privacy policy, the icon")
        open.get(use: home)
        open.get("privasi", use: privacy)
        open.get("lacak", use: track)
        // Browsers ask for /favicon.ico whatever the page says; the icon is an SVG.
        open.get("favicon.ico") { req in req.redirect(to: SiteURL.favicon, redirectType: .permanent) }
    }

    struct HomePage {
        let page: PageContext
        let highlights: HomeHighlights
    }

    struct PrivacyPage {
        let page: PageContext
        let retention: RetentionPeriods
        let wbsRetentionDays: Int
    }

    func privacy(req: Request) async throws -> Response {
        let config = req.sigap.config
        return req.page(
            PrivacyPage(
                page: PageContext(req, title: req.t("privacy.title")), retention: config.retention,
                wbsRetentionDays: config.wbsRetentionDays))
    }

    func home(req: Request) async throws -> Response {
        var context = PageContext(req, title: req.t("app.name"))
        context.share = ShareCard(
            title: "Sigap · " + context.region.name, description: req.t("home.intro"), path: SiteURL.home)
        return req.page(HomePage(page: context, highlights: try await HomeHighlights.load(req)))
    }

    /// "Follow a report" on the front page: the number typed goes to the report's page (a guest's private
    /// link adds the key; the public page is what a number alone opens).
    func track(req: Request) async throws -> Response {
        let typed = (try? req.query.get(String.self, at: "nomor"))?.trimmingCharacters(in: .whitespaces)
        guard let number = typed.flatMap(ReportNumber.init)?.description else {
            return req.redirect(to: SiteURL.reports, redirectType: .normal)
        }
        return req.redirect(to: SiteURL.report(number), redirectType: .normal)
    }
}
