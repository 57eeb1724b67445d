import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 21: what a hostile client sends is refused with a 4xx or stored as harmless text, nothing is half-stored,
/// and the server keeps serving. (Image bombs, renamed files and cut-off uploads have their own tests:
/// `aPhotoClaimingTooManyPixelsIsRefusedWithItsReason`, `onlyJPEGAndPNGByContentAndAtMost10MBAreAccepted`,
/// `aCutOffUploadLeavesNoRowAndNoFile`.)
@Suite struct HostileInputTests {
    static let sqlAndTraversal = [
        "'; DROP TABLE reports; --", "\" OR \"1\"=\"1", "1) UNION SELECT password_hash FROM users --",
        "../../../../etc/passwd", "..\\..\\sigap-data\\field.key", "%2e%2e%2f%2e%2e%2fsigap.sqlite",
    ]

    func reportCount(_ context: TestContext) async throws -> Int {
        try await Report.query(on: context.db).count()
    }

    @Test func sqlAndTraversalTextInEveryFieldIsStoredAsTextAndControlCharactersGo() async throws {
        try await withSigap(adjust: { $0.publication = .onFiling }) { context in
            let api = APIClient(app: context.app)
            for (index, hostile) in Self.sqlAndTraversal.enumerated() {
                var draft = ReportFixtures.draft(
                    contact: "uji\(index)@contoh.id", title: "Jalan \u{0000}rusak \u{202E}\(hostile)")
                draft["description"] = "Lubang besar di jalan. \(hostile) \u{202E}sampai ke pasar."
                draft["address"] = "Jl. \(hostile)"
                let number = try await ReportFixtures.file(api, draft)
                let stored = try #require(try await Report.query(on: context.db).filter(\.$number == number).first())
                #expect(stored.title == "Jalan rusak \(hostile)")  // the NUL and the direction override are gone
                #expect(!stored.description.contains("\u{202E}"))
                #expect(stored.address == "Jl. \(hostile)")
                // shown as text on its page, escaped
                let page = try await Browser(context.app).get("/laporan/\(number)")
                #expect(page.status == .ok)
                #expect(!page.body.string.contains("\u{202E}"))
            }
            #expect(try await reportCount(context) == Self.sqlAndTraversal.count)  // no table was dropped
            // Hostile path parameters find nothing and reveal nothing.
            let browser = Browser(context.app)
            for path in [
                "/laporan/'%20OR%201=1--", "/api/v1/reports/1%20OR%201=1", "/api/v1/reports/..%2F..%2Fsigap.sqlite",
                "/laporan/..%2F..%2Ffield.key", "/berita/1%00", "/forum/%27%3B--",
            ] {
                let answer = try await browser.get(path)
                #expect([HTTPStatus.notFound, .forbidden].contains(answer.status), "\(path): \(answer.status)")
                #expect(!answer.body.string.contains("SQLITE") && !answer.body.string.contains("syntax"))
            }
            for path in ["/css/../../field.key", "/css/..%2F..%2Ffield.key", "/foto/..%2F..%2Ffield.key"] {
                let answer = try await browser.get(path)
                #expect([HTTPStatus.notFound, .forbidden].contains(answer.status), "\(path): \(answer.status)")
                #expect(answer.body.readableBytes < 20_000)
            }
        }
    }

    @Test func malformedBodiesAreBadRequestsAndFileNothing() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            var invalidUTF8 = Data(#"{"kind":"pengaduan","title":""#.utf8)
            invalidUTF8.append(contentsOf: [0xFF, 0xFE, 0xC3])
            invalidUTF8.append(contentsOf: Data(#""}"#.utf8))
            let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
            let answers = [
                try await browser.send(.POST, "/api/v1/reports", body: invalidUTF8, contentType: "application/json"),
                try await browser.send(.POST, "/api/v1/reports", body: deep, contentType: "application/json"),
                try await browser.send(.POST, "/api/v1/reports", body: "{\"title\":", contentType: "application/json"),
                try await browser.send(
                    .POST, "/api/v1/tokens", body: "login=a%ZZ&password=%", contentType: "application/json"),
            ]
            for answer in answers {
                #expect(answer.status == .badRequest)
                #expect(try answer.json()["error"] != nil)  // the JSON error shape, not a crash page
            }
            // Through a real connection (in memory the body arrives whole, past the limit's check).
            let huge = ByteBuffer(repeating: 0x20, count: 50 * 1024 * 1024)
            let tooLarge = try await context.app.testing(method: .running(port: 0)).sendRequest(
                .POST, "/api/v1/reports", headers: ["Content-Type": "application/json"], body: huge)
            #expect(tooLarge.status == .payloadTooLarge)
            #expect(try await reportCount(context) == 0)
            #expect(try await browser.get("/healthz").status == .ok)
        }
    }

    /// MultipartKit 4.7.1 traps on a byte above 0x7F where a part's header name goes: one such request took the
    /// whole server down, on any route that reads a multipart body (found by schemathesis).
    @Test func aMultipartBodyThatWouldCrashTheParserIsRefusedEverywhere() async throws {
        try await withSigap { context in
            let api = APIClient(app: context.app)
            let number = try await ReportFixtures.file(api, ReportFixtures.draft(contact: "uji@contoh.id"))
            let browser = Browser(context.app)
            let body = Data("--abc\r\n".utf8) + Data([0xF4, 0x81, 0xB0, 0xA1]) + Data("--abc--\r\n".utf8)
            let type = "multipart/form-data; boundary=abc"
            // a collected body decoded by Vapor, and a streamed upload
            #expect(
                try await browser.send(.POST, "/api/v1/tokens", body: body, contentType: type).status == .badRequest)
            let upload = try await browser.send(
                .POST, "/api/v1/reports/\(number)/photos", body: body, contentType: type)
            #expect([HTTPStatus.badRequest, .forbidden].contains(upload.status))
            try await browser.get("/lapor")
            let form = try await browser.send(
                .POST, "/lapor?_csrf=\(browser.csrf ?? "")", body: body, contentType: type)
            #expect(form.status == .badRequest)
            // a file name in UTF-8 (as browsers send it) still passes
            var guardian = MultipartHeaderGuard(boundary: "abc")
            #expect(throws: Never.self) {
                try guardian.scan(
                    Data(
                        "--abc\r\nContent-Disposition: form-data; name=\"photo[]\"; filename=\"fötö.jpg\"\r\n\r\nx\r\n--abc--\r\n"
                            .utf8))
            }
            #expect(try await browser.get("/healthz").status == .ok)
        }
    }

    @Test func spreadsheetFormulasReachingCSVExportsAreNeutralised() async throws {
        try await withSigap(adjust: { $0.publication = .onFiling }) { context in
            let api = APIClient(app: context.app)
            let formulas = [
                "=HYPERLINK(\"http://jahat.example\",\"klik\")", "+SUM(A1:A9)", "-2+3", "@cmd|' /C calc'!A0",
            ]
            for (index, formula) in formulas.enumerated() {
                _ = try await ReportFixtures.file(
                    api, ReportFixtures.draft(contact: "uji\(index)@contoh.id", title: "\(formula) jalan"))
            }
            let csv = try await Browser(context.app).get("/data/laporan.csv")
            #expect(csv.status == .ok)
            let text = csv.body.string
            for formula in formulas {
                #expect(!text.contains(",\(formula)") && !text.contains(",\"\(formula)"), "\(formula)")
                #expect(text.contains("'\(formula.prefix(4))"), "\(formula) is kept as text behind an apostrophe")
            }
        }
    }
}
