import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// The installable app's parts, as Chromium reads them: the manifest with the region's name and real PNG icons
/// of the sizes it names, the service worker at the root with its version, the offline page, and the headers
/// that keep static files and let pages register them.
@Suite struct InstallableAppTests {
    @Test func theManifestNamesTheRegionAndItsIconsArePNGsOfTheirSize() async throws {
        try await withSigap(adjust: { $0.region.name = "Pemerintah Kabupaten Uji" }) { context in
            let browser = Browser(context.app)
            let response = try await browser.get("/manifest.webmanifest")
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.description.hasPrefix("application/manifest+json") == true)
            let manifest = try #require(
                try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])
            #expect(manifest["name"] as? String == "Sigap · Pemerintah Kabupaten Uji")
            #expect(manifest["display"] as? String == "standalone")
            #expect(manifest["start_url"] as? String == "/?sumber=aplikasi")
            let icons = try #require(manifest["icons"] as? [[String: String]])
            var checked = 0
            for icon in icons where icon["type"] == "image/png" {
                let png = try await browser.get(try #require(icon["src"]))
                #expect(png.status == .ok && png.headers.contentType == .png)
                let bytes = [UInt8](png.body.readableBytesView)
                #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
                // IHDR: width and height as big-endian 32-bit numbers at bytes 16 and 20.
                let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
                let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
                #expect("\(width)x\(height)" == icon["sizes"])
                checked += 1
            }
            #expect(checked == 4)
            #expect(icons.contains { $0["purpose"] == "maskable" && $0["sizes"] == "512x512" })
            // Every page links the manifest.
            #expect(
                try await browser.get("/").body.string.contains(
                    "<link rel=\"manifest\" href=\"/manifest.webmanifest\">"))
        }
    }

    @Test func theServiceWorkerIsServedFromTheRootWithItsVersionAndNoHTTPCache() async throws {
        try await withSigap { context in
            let worker = try await Browser(context.app).get("/sw.js")
            #expect(worker.status == .ok)
            #expect(worker.headers.first(name: .cacheControl) == "no-cache")
            #expect(worker.headers.contentType?.subType == "javascript")
            let source = worker.body.string
            #expect(!source.contains("__VERSION__"))
            #expect(Browser.firstMatch(#"var VERSION = '([0-9a-f]{12})'"#, in: source) != nil)
            for part in ["addEventListener('push'", "addEventListener('sync'", "importScripts('/js/drafts.js')"] {
                #expect(source.contains(part))
            }
            // What the worker keeps at install must exist, or installing fails in the browser.
            let files = try #require(Browser.firstMatch(#"SHELL_FILES = \[([^\]]+)\]"#, in: source))
            for path in Browser.allMatches(#"'(/[^']*)'"#, in: files) {
                #expect(try await Browser(context.app).get(path).status == .ok, "\(path)")
            }
        }
    }

    @Test func theOfflinePageListsDraftsAndStaticFilesAreKeptAnHour() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            let offline = try await browser.get("/luring")
            #expect(offline.status == .ok)
            #expect(offline.body.string.contains("id=\"drafts\""))
            #expect(offline.body.string.contains("/js/drafts.js"))
            let style = try await browser.get("/css/sigap.css")
            // Vapor writes the directives in no fixed order.
            let directives = Set(
                (style.headers.first(name: .cacheControl) ?? "").split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces)
                })
            #expect(directives == ["public", "max-age=3600", "stale-while-revalidate=86400"])
            #expect(style.headers.first(name: .eTag) != nil)
            // Pages allow the manifest and the worker from this site only.
            let policy = offline.headers.first(name: "Content-Security-Policy") ?? ""
            #expect(policy.contains("manifest-src 'self'") && policy.contains("worker-src 'self'"))
        }
    }

    /// The report form is the one that keeps drafts: it carries the attribute `lapor.js` looks for, the notice
    /// it shows, and the drafts list.
    @Test func theReportFormKeepsDraftsOffline() async throws {
        try await withSigap { context in
            let form = try await Browser(context.app).get("/lapor").body.string
            #expect(form.contains("data-drafts"))
            #expect(form.contains("id=\"draft-saved\""))
            #expect(form.contains("id=\"drafts\""))
            #expect(form.contains("name=\"kirim\""))
        }
    }

    /// gzip for pages when the browser asks, through a real connection (the compressor is part of the server).
    @Test func pagesAreCompressedWhenTheBrowserAsks() async throws {
        try await withSigap { context in
            let server = try context.app.testing(method: .running(port: 0))
            let zipped = try await server.sendRequest(.GET, "/lapor", headers: ["Accept-Encoding": "gzip"])
            #expect(zipped.status == .ok)
            #expect(zipped.headers.first(name: .contentEncoding) == "gzip")
            let plain = try await server.sendRequest(.GET, "/lapor")
            #expect(plain.headers.first(name: .contentEncoding) == nil)
            #expect(zipped.body.readableBytes * 2 < plain.body.readableBytes)
        }
    }
}
