import CImageScale
import Fluent
import Foundation
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 14: pages show photos at display sizes (320 and 1280 px JPEG made when the photo is stored); staff
/// open the original.
@Suite struct PhotoSizesTests {
    static let tall = ReportPagesTests.fixtures.appendingPathComponent("tall-screenshot.png")  // 360 × 1596 PNG

    /// Width and height of an image, read from its header.
    func size(_ data: Data) -> (Int, Int)? {
        data.withUnsafeBytes { raw in
            var width: Int32 = 0
            var height: Int32 = 0
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress,
                image_scale_info(base, Int32(data.count), &width, &height) == 1
            else { return nil }
            return (Int(width), Int(height))
        }
    }

    @Test func theScalerKeepsTheShapeAndNeverEnlarges() throws {
        let png = try Data(contentsOf: Self.tall)
        #expect(size(png)! == (360, 1596))
        let small = try #require(ImageScaler.jpeg(png, longerSide: 320))
        #expect((small.width, small.height) == (72, 320))
        #expect(small.data.starts(with: [0xFF, 0xD8, 0xFF]))
        #expect(size(small.data)! == (72, 320))
        let same = try #require(ImageScaler.jpeg(png, longerSide: 4000))
        #expect((same.width, same.height) == (360, 1596))
        #expect(ImageScaler.jpeg(Data("bukan gambar".utf8), longerSide: 320) == nil)
    }

    @Test func pagesGetSmallCopiesAndStaffTheOriginal() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let citizen = try await APIClient.signedIn("081234567890", context)
            let number = try await ReportFixtures.file(citizen)
            let uploaded = try await citizen.upload(
                "/api/v1/reports/\(number)/photos", files: [("layar.png", try Data(contentsOf: Self.tall))])
            #expect(uploaded.status == .created)
            let url = try #require((try uploaded.json()["photos"] as? [String])?.first)

            let page = try await Browser(context.app).get("/laporan/\(number)").body.string
            #expect(page.contains("<img src=\"\(url)?ukuran=kecil\""))
            #expect(page.contains("<a href=\"\(url)?ukuran=sedang\">"))

            let guest = Browser(context.app)
            let small = try await guest.get(url + "?ukuran=kecil")
            #expect(small.status == .ok)
            #expect(small.headers.contentType?.description.hasPrefix("image/jpeg") == true)
            #expect(size(Data(small.body.readableBytesView))! == (72, 320))
            let medium = try await guest.get(url + "?ukuran=sedang")
            #expect(size(Data(medium.body.readableBytesView))! == (288, 1280))
            let original = try await guest.get(url)
            #expect(original.headers.contentType?.description.hasPrefix("image/png") == true)
            #expect(size(Data(original.body.readableBytesView))! == (360, 1596))
            #expect(small.body.readableBytes < original.body.readableBytes / 3)

            // A photo stored before the copies existed is served as it is, whatever size is asked.
            let row = try #require(try await ReportPhoto.query(on: context.db).first())
            let files = context.app.context().files
            for size in PhotoSize.allCases { unlink(files.path(of: size.storedName(of: row.storedName), .reportPhoto)) }
            let fallback = try await guest.get(url + "?ukuran=kecil")
            #expect(fallback.status == .ok)
            #expect(size(Data(fallback.body.readableBytesView))! == (360, 1596))
        }
    }

    @Test func aGuestSeesTheirOwnPhotosBeforeTheReportIsPublic() async throws {
        try await withSigap(adjust: { $0.publication = .afterVerification }) { context in
            let browser = Browser(context.app)
            let formPage = try await browser.get("/lapor")
            #expect(formPage.status == .ok)  // the form, and its token
            let filed = try await browser.postMultipart(
                "/lapor", GuestFollowLinkTests().form, files: [("layar.png", try Data(contentsOf: Self.tall))])
            let page = try await browser.get(try #require(filed.location)).body.string
            let thumbnail = try #require(Browser.firstMatch(#"<img src="(/foto/[^"]+)""#, in: page))
                .replacingOccurrences(of: "&amp;", with: "&")
            #expect(thumbnail.contains("?ukuran=kecil&kunci="))
            let shown = try await Browser(context.app).get(thumbnail)
            #expect(shown.status == .ok)
            #expect(size(Data(shown.body.readableBytesView))! == (72, 320))
            // Without the key the unpublished report's photo does not exist for a stranger.
            let bare = String(thumbnail.prefix { $0 != "?" })
            #expect(try await Browser(context.app).get(bare).status == .notFound)
        }
    }
}
