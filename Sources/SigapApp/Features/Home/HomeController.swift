import SigapCore
import Vapor

/// The public front page, the privacy policy and the icon.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.open("the front page, the privacy policy, the icon")
        open.get(use: home)
        open.get("privasi", use: privacy)
        // Browsers ask for /favicon.ico whatever the page says; the icon is an SVG.
        open.get("favicon.ico") { req in req.redirect(to: SiteURL.favicon, redirectType: .permanent) }
    }

    struct HomePage {
        let page: PageContext
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
        req.page(HomePage(page: PageContext(req, title: req.t("app.name"))))
    }
}
