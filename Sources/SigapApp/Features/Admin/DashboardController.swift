import SigapCore
import Vapor

/// `/dasbor`: where a staff member's work starts — their queue's counts (new, due today, late, reopened), each a
/// link into the queue, then the pages their role may open.
struct DashboardController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.requiring(.enterStaffArea).get("dasbor", use: show)
    }

    struct Link {
        let href: String
        let label: String
    }

    struct Count {
        let label: String
        let value: Int
        let href: String
        /// Shown as needing attention when not zero (late, due today).
        let urgent: Bool
    }

    struct DashboardPage {
        let page: PageContext
        /// The queue's counts; nil for roles without a queue.
        let counts: [Count]?
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
            (.handleDataRequests, SiteURL.dataRequestsAdmin, "mydata.admin_title"),
            (.manageCalendar, SiteURL.adminCalendar, "admin.calendar.title"),
            (.manageMessages, SiteURL.adminMessages, "admin.messages.title"),
            (.viewLeadershipDashboard, SiteURL.leadership, "leadership.title"),
            (.manageMusrenbang, SiteURL.musrenbangAdmin, "musrenbang.admin_title"),
            (.manageIntegrations, SiteURL.open311Keys, "open311.keys_title"),
            (.assistCitizens, SiteURL.assisted, "assist.title"),
            (.runPracticeSessions, SiteURL.practiceAdmin, "practice.admin_title"),
            // Shown only to those who may open them (everyone else gets 404 there).
            (.workWBSCases, SiteURL.wbsCases, "wbs.inspectorate_title"),
        ]
        let links = candidates.filter { Policy.allows(user.actor, $0.0) }.map { Link(href: $0.1, label: req.t($0.2)) }
        var counts: [Count]?
        if let area = Policy.queueArea(user.actor) {
            let reference = try await req.reference()
            let numbers = try await ReportQueries.queueCounts(
                area: area, endOfToday: reference.calendar.endOfDay(containing: req.now), on: req.db)
            let queue = SiteURL.staffQueue
            counts = [
                Count(
                    label: req.t("dashboard.new"), value: numbers.new, href: queue + "?status=diterima", urgent: false),
                Count(
                    label: req.t("dashboard.due_today"), value: numbers.dueToday,
                    href: queue + "?status=terbuka&tempo=hari-ini&urut=terlama", urgent: true),
                Count(
                    label: req.t("dashboard.late"), value: numbers.late,
                    href: queue + "?status=terbuka&terlambat=1&urut=terlama", urgent: true),
                Count(
                    label: req.t("dashboard.reopened"), value: numbers.reopened,
                    href: queue + "?status=dibuka_kembali", urgent: false),
            ]
        }
        return req.page(
            DashboardPage(page: PageContext(req, title: req.t("dashboard.title")), counts: counts, links: links))
    }
}
