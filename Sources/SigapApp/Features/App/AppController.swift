import Crypto
import Foundation
import NIOConcurrencyHelpers
import SigapCore
import Vapor

/// The installable app (PWA): the manifest with the region's name and icons, the service worker that keeps the
/// app shell and the citizen's recent reports for when there is no signal, the icons, and the page shown
/// offline.
struct AppController: RouteCollection {
    /// The service worker's source with its version filled in, read once at start.
    let serviceWorker: ByteBuffer

    /// The icons in the region's colour, each drawn at its first request (not at start: every test builds the
    /// app) and kept.
    static let drawn = NIOLockedValueBox<[String: ByteBuffer]>([:])

    static func icon(_ name: String, colour: String) -> ByteBuffer {
        let key = colour + "/" + name
        if let kept = drawn.withLockedValue({ $0[key] }) { return kept }
        let size = Int(name.filter(\.isNumber)) ?? 192
        let background = RegionSettings.rgb(colour) ?? (0x0b, 0x6e, 0x4f)
        let png = ByteBuffer(
            data: AppIcon.png(size: size, maskable: name.contains("maskable"), background: background))
        drawn.withLockedValue { $0[key] = png }
        return png
    }
    static let iconNames = AppIcon.sizes.flatMap { ["icon-\($0).png", "icon-maskable-\($0).png"] }

    init(resources: String) throws {
        let source = try String(contentsOfFile: resources + "App/sw.js", encoding: .utf8)
        let version = try Self.assetVersion(resources: resources, serviceWorker: source)
        serviceWorker = ByteBuffer(string: source.replacingOccurrences(of: "__VERSION__", with: version))
    }

    func boot(routes: any RoutesBuilder) throws {
        let open = routes.open("the installable app: manifest, service worker, icons, offline page")
        open.get("manifest.webmanifest", use: manifest)
        open.get("sw.js", use: worker)
        for name in Self.iconNames {
            open.get(PathComponent(stringLiteral: name)) { req in try await self.icon(name, req) }
        }
        open.get("luring", use: offline)
    }

    func manifest(req: Request) async throws -> Response {
        let manifest = AppManifest.make(
            region: req.sigap.config.region, language: req.language, catalog: req.application.catalog)
        let response = try await manifest.encodeResponse(for: req)
        response.headers.contentType = HTTPMediaType(type: "application", subType: "manifest+json")
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }

    /// Served from the root so its scope is the whole site; never cached by HTTP, so a new version reaches
    /// phones on their next visit.
    func worker(req: Request) -> Response {
        let response = Response(status: .ok, body: .init(buffer: serviceWorker))
        response.headers.contentType = HTTPMediaType(
            type: "text", subType: "javascript", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        return response
    }

    /// Drawing takes a moment the first time, so it happens on the thread pool, not an event loop.
    func icon(_ name: String, _ req: Request) async throws -> Response {
        let colour = req.sigap.config.region.colour
        let png = try await req.application.threadPool.runIfActive { Self.icon(name, colour: colour) }
        let response = Response(status: .ok, body: .init(buffer: png))
        response.headers.contentType = .png
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=86400")
        return response
    }

    struct OfflinePage {
        let page: PageContext
    }

    /// What the service worker shows when a page is neither reachable nor kept: the drafts waiting on this
    /// phone (filled in by `drafts.js`) and the way back.
    func offline(req: Request) -> Response {
        req.page(
            OfflinePage(
                page: PageContext(title: req.t("offline.title"), lang: req.language.rawValue, path: SiteURL.offline)))
    }

    /// A short hash of the files the service worker keeps, so changing any of them makes a new worker that
    /// replaces the old shell.
    static func assetVersion(resources: String, serviceWorker: String) throws -> String {
        var hash = SHA256()
        hash.update(data: Data(serviceWorker.utf8))
        let files = FileManager.default
        for folder in ["Public/css", "Public/js"] {
            for name in try files.contentsOfDirectory(atPath: resources + folder).sorted() {
                hash.update(data: Data(name.utf8))
                hash.update(data: files.contents(atPath: resources + folder + "/" + name) ?? Data())
            }
        }
        return String(Data(hash.finalize()).hexString.prefix(12))
    }
}

extension AppController.OfflinePage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("offline.title"))</h1>
        <p>\(page.t("offline.intro"))</p>
        \(DraftsPanel.render(page, always: true))
        <p><a href="\(SiteURL.home)">\(page.t("offline.try_again"))</a></p>
        """
    }
}
