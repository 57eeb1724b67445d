import Foundation
import Testing
import VaporTesting

@testable import SigapApp

@Suite struct BasicsTests {
    @Test func healthzAnswersOkAndNothingElse() async throws {
        try await withSigap { context in
            let response = try await Browser(context.app).get("/healthz")
            #expect(response.status == .ok)
            #expect(response.body.string == "ok")
            #expect(response.headers[.setCookie].isEmpty)
        }
    }

    @Test func pagesAreIndonesianByDefaultAndEnglishOnRequestRememberedInACookie() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            #expect(try await browser.get("/masuk").body.string.contains("Kata sandi"))
            let english = try await browser.get("/masuk?lang=en")
            #expect(english.body.string.contains("Password"))
            #expect(browser.cookies["lang"] == "en")
            #expect(try await browser.get("/daftar").body.string.contains("Create a citizen account"))
        }
    }

    @Test func everyCatalogEntryHasBothLanguagesAndEveryUsedKeyExists() async throws {
        try await withSigap { context in
            let catalog = context.app.catalog
            for (key, entry) in catalog.entries {
                #expect(entry["id"]?.isEmpty == false, "\(key) has no Indonesian text")
                #expect(entry["en"]?.isEmpty == false, "\(key) has no English text")
            }
            // Every catalog key the code names literally (views, controllers, messages) exists.
            var used = 0
            for (file, text) in try SourceFiles.app() {
                let regex = try NSRegularExpression(pattern: #"\bt\("([a-z0-9_]+(?:\.[a-z0-9_]+)+)"[,)]"#)
                for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    let key = String(text[Range(match.range(at: 1), in: text)!])
                    #expect(catalog.entries[key] != nil, "\(file) uses missing key \(key)")
                    used += 1
                }
            }
            #expect(used > 300)
        }
    }
}

/// The app's Swift sources, for checks over the code itself.
enum SourceFiles {
    static func app() throws -> [(name: String, text: String)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/SigapApp")
        let walker = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
        return try walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.map {
            ($0.lastPathComponent, try String(contentsOf: $0, encoding: .utf8))
        }
    }
}

@Suite struct ErrorHandlingTests {
    @Test func unknownPagesGetAnHTMLPageInTheReadersLanguage() async throws {
        try await withSigap { context in
            let response = try await Browser(context.app).get("/tidak-ada?lang=en")
            #expect(response.status == .notFound)
            #expect(response.headers.contentType == .html)
            #expect(response.body.string.contains("was not found"))
        }
    }

    @Test func apiErrorsUseTheJSONShape() async throws {
        try await withSigap { context in
            let response = try await Browser(context.app).get("/api/v1/tidak-ada")
            #expect(response.status == .notFound)
            let body = try response.content.decode(APIErrorBody.self)
            #expect(body.error.code == "not_found")
            #expect(!body.error.message.isEmpty)
        }
    }

    @Test func malformedFormBodiesAreBadRequestsNotServerErrors() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            try await browser.get("/daftar")
            let garbage = try await browser.send(
                .POST, "/daftar", body: "_csrf=\(browser.csrf!)&name[=%%%",
                contentType: "application/x-www-form-urlencoded")
            #expect(garbage.status.code < 500)
            let wrongType = try await browser.send(
                .POST, "/daftar", body: "{\"name\":1}", contentType: "application/json")
            #expect(wrongType.status.code < 500)
            let notJSON = try await browser.send(.POST, "/masuk", body: "{", contentType: "application/json")
            #expect(notJSON.status.code < 500)
        }
    }

    @Test func nonsenseIdentifiersInAdminPathsAre404() async throws {
        try await withSigap { context in
            let admin = try await Fixtures.staff(.admin, in: context)
            let browser = Browser(context.app)
            try await browser.logIn(admin, context)
            #expect(try await browser.get("/dasbor/admin/kategori/not-a-uuid").status == .notFound)
            #expect(try await browser.get("/dasbor/admin/pengguna/\(UUID())").status == .notFound)
        }
    }
}

@Suite struct SecurityHeadersTests {
    @Test func pagesAndErrorsCarryTheSecurityHeaders() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            for path in ["/", "/masuk", "/tidak-ada", "/api/v1/x"] {
                let response = try await browser.get(path)
                #expect(
                    response.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(response.headers.first(name: "X-Frame-Options") == "DENY")
                #expect(response.headers.first(name: "Referrer-Policy") == "same-origin")
                #expect(response.headers.first(name: "Strict-Transport-Security") == nil)
            }
        }
    }

    @Test func httpsDeploymentsAddHSTSAndSecureCookies() async throws {
        try await withSigap(adjust: { $0.baseURL = "https://sigap.example.go.id" }) { context in
            let browser = Browser(context.app)
            let response = try await browser.get("/masuk")
            #expect(response.headers.first(name: "Strict-Transport-Security")?.contains("max-age=") == true)
            let session = browser.lastSetCookies.first { $0.hasPrefix("sigap_session=") }
            #expect(session?.contains("Secure") == true)
        }
    }
}
