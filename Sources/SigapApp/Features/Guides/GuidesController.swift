import Foundation
import SigapCore
import Vapor

/// `/panduan`: the guides on screen, each as a one-page A4 print for a village notice board or a training
/// session, and a poster with the region's name, the site's address as a QR code, the WhatsApp number and the
/// Telegram bot.
struct GuidesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.open("guides and posters are public")
        open.get("panduan", use: index)
        open.get("panduan", "poster", use: poster)
        open.get("panduan", ":slug", use: guide)
        open.get("panduan", ":slug", "cetak", use: printable)
    }

    struct IndexPage {
        let page: PageContext
    }

    struct GuidePage {
        let page: PageContext
        let guide: Guide
        let printable: Bool
        /// For the printed page: the site's address and its QR code.
        let site: String
        let qr: QRCode?
    }

    struct PosterPage {
        let page: PageContext
        let site: String
        let qr: QRCode?
        let whatsapp: String?
        let telegram: String?
    }

    func index(req: Request) -> Response {
        req.page(IndexPage(page: PageContext(req, title: req.t("guide.title"))))
    }

    func guide(req: Request) throws -> Response {
        try render(req, printable: false)
    }

    func printable(req: Request) throws -> Response {
        try render(req, printable: true)
    }

    private func render(_ req: Request, printable: Bool) throws -> Response {
        guard let guide = req.parameters.get("slug").flatMap(Guide.named) else { throw AppError.notFound() }
        let site = req.sigap.config.baseURL
        return req.page(
            GuidePage(
                page: PageContext(req, title: req.t("guide.\(guide.slug).title")), guide: guide, printable: printable,
                site: site, qr: printable ? try? QRCode(site + guide.start) : nil))
    }

    func poster(req: Request) -> Response {
        let config = req.sigap.config
        let telegram = config.telegram?.botUsername.map { "@" + $0 }
        let whatsapp = config.region.whatsappNumber
        return req.page(
            PosterPage(
                page: PageContext(req, title: req.t("guide.poster_title")), site: config.baseURL,
                qr: try? QRCode(config.baseURL + "/?sumber=poster"), whatsapp: whatsapp, telegram: telegram))
    }
}
