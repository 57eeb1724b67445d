import Vapor

/// The public front page and the health check.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.open("the front page").get(use: home)
    }

    struct HomePage {
        let page: PageContext
    }

    func home(req: Request) async throws -> Response {
        req.page(HomePage(page: PageContext(req, title: req.t("app.name"))))
    }
}
