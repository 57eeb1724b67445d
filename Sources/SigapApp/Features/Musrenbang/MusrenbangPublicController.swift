import SigapCore
import Vapor

/// `/musrenbang`: the current cycle — plan year, phases with their dates, the one running today.
struct MusrenbangPublicController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.open("the Musrenbang cycle is public").get("musrenbang", use: show)
    }

    struct PublicPage {
        let page: PageContext
        let planYear: Int?
        let phases: [MusrenbangAdminController.PhaseRow]?
    }

    func show(req: Request) async throws -> Response {
        let today = req.regionToday
        let current = try await MusrenbangCycles.current(req.context)
        return req.page(
            PublicPage(
                page: PageContext(req, title: req.t("musrenbang.title")), planYear: current?.planYear,
                phases: current.map { req.phaseRows($0.cycle, today: today) }))
    }
}
