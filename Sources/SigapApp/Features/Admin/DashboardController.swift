import SigapCore
import Vapor

/// `/dasbor`: the staff start page, listing only what the person's role may open.
struct DashboardController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.requiring(.enterStaffArea).get("dasbor", use: show)
    }

    struct Link {
        let href: String
        let label: String
    }

    struct DashboardPage {
        let page: PageContext
        let links: [Link]
    }

    func show(req: Request) async throws -> Response {
        let user = try req.authorize(.enterStaffArea)
        let candidates: [(Action, String, String)] = [
            (.readReportQueue, SiteURL.staffQueue, "staff.queue_title"),
            (.manageRegions, SiteURL.adminRegions, "admin.regions.title"),
            (.manageAgencies, SiteURL.adminAgencies, "admin.agencies.title"),
            (.listCategories, SiteURL.adminCategories, "admin.categories.title"),
            (.listStaff, SiteURL.adminStaff, "admin.staff.title"),
            (.viewAuditLog, SiteURL.adminAudit, "admin.audit.title"),
            (.manageCalendar, SiteURL.adminCalendar, "admin.calendar.title"),
            (.manageMessages, SiteURL.adminMessages, "admin.messages.title"),
            (.viewLeadershipDashboard, SiteURL.leadership, "leadership.title"),
            // Shown only to those who may open them (everyone else gets 404 there).
            (.workWBSCases, SiteURL.wbsCases, "wbs.inspectorate_title"),
        ]
        let links = candidates.filter { Policy.allows(user.actor, $0.0) }.map { Link(href: $0.1, label: req.t($0.2)) }
        return req.page(DashboardPage(page: PageContext(req, title: req.t("dashboard.title")), links: links))
    }
}
