import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// `/panduan`: every guide in both languages with its real screenshots, a printable A4 page per guide with the
/// region's name and a QR code, and a poster with the site's address, the WhatsApp number and the Telegram bot.
@Suite struct GuidesTests {
    @Test func everyGuideHasItsStepsAndScreenshotsInBothLanguages() async throws {
        try await withSigap { context in
            let index = try await Browser(context.app).get("/panduan")
            #expect(index.status == .ok)
            for guide in Guide.all {
                #expect(index.body.string.contains("href=\"/panduan/\(guide.slug)\""))
                for (language, word) in [("id", "Panduan"), ("en", "Guides")] {
                    let page = try await Browser(context.app).get("/panduan/\(guide.slug)?lang=\(language)")
                    #expect(page.status == .ok)
                    #expect(page.body.string.contains(word))
                    #expect(page.body.string.components(separatedBy: "<li><p>").count == guide.steps + 1)
                    #expect(!page.body.string.contains("guide."), "a catalog key shows on /panduan/\(guide.slug)")
                }
                // Each screenshot is a real file, served.
                for name in guide.screenshots.values {
                    let image = try await Browser(context.app).get(Guide.screenshotURL(name))
                    #expect(image.status == .ok, "\(name)")
                    #expect(image.body.readableBytes > 5_000, "\(name) is not a screenshot")
                }
            }
            #expect(try await Browser(context.app).get("/panduan/tidak-ada").status == .notFound)
        }
    }

    @Test func printedGuidesAndThePosterCarryTheRegionTheAddressAndTheChannels() async throws {
        try await withSigap(adjust: {
            $0.region.name = "Pemerintah Kabupaten Bumi Contoh"
            $0.region.whatsappNumber = "0811-2345-6789"
            $0.telegram = .init(
                token: "1:x", webhookSecret: "s", apiURL: "http://127.0.0.1:9", botUsername: "SigapBumiBot")
            $0.baseURL = "https://sigap.bumi.example"
        }) { context in
            let printed = try await Browser(context.app).get("/panduan/lapor/cetak")
            #expect(printed.status == .ok)
            #expect(printed.body.string.contains("<article class=\"printable\">"))
            #expect(printed.body.string.contains("Pemerintah Kabupaten Bumi Contoh"))
            #expect(printed.body.string.contains("<svg class=\"qr\""))
            #expect(printed.body.string.contains("https://sigap.bumi.example/lapor"))
            let poster = try await Browser(context.app).get("/panduan/poster")
            #expect(poster.status == .ok)
            #expect(poster.body.string.contains("Pemerintah Kabupaten Bumi Contoh"))
            #expect(poster.body.string.contains("<strong>WhatsApp</strong> 0811-2345-6789"))
            #expect(poster.body.string.contains("<strong>Telegram</strong> @SigapBumiBot"))
            #expect(poster.body.string.contains("<strong>https://sigap.bumi.example</strong>"))
            #expect(poster.body.string.contains("<svg class=\"qr\""))
        }
    }
}
