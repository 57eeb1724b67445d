import Foundation
import Testing
import VaporTesting

@testable import SigapApp

/// The API shapes written in openapi.yaml are the ones the server returns.
@Suite struct OpenAPIConformanceTests {
    func check(_ response: TestingHTTPResponse, _ method: String, _ path: String, _ spec: OpenAPISchema) throws {
        let schema = try spec.responseSchema(method, path, status: Int(response.status.code))
        let body = try JSONSerialization.jsonObject(with: Data(response.body.string.utf8))
        let problems = spec.problems(body, schema)
        #expect(problems.isEmpty, "\(method) \(path) \(response.status.code): \(problems)")
    }

    @Test func everyDocumentedResponseMatchesItsSchema() async throws {
        try await withSigap { context in
            let spec = try OpenAPISchema.load()
            _ = try await Fixtures.citizen(in: context)
            let tokenResponse = try await APIClient(app: context.app).send(
                .POST, "/api/v1/tokens", json: ["login": "081234567890", "password": Fixtures.password])
            try check(tokenResponse, "POST", "/tokens", spec)
            let citizen = APIClient(app: context.app, token: try tokenResponse.content.get(String.self, at: "token"))

            let guestFiled = try await APIClient(app: context.app).send(
                .POST, "/api/v1/reports", json: ReportFixtures.draft(contact: "0812 9999 0000"))
            try check(guestFiled, "POST", "/reports", spec)
            let filed = try await citizen.send(.POST, "/api/v1/reports", json: ReportFixtures.draft())
            try check(filed, "POST", "/reports", spec)
            let number = try filed.content.get(String.self, at: "number")
            let invalid = try await citizen.send(.POST, "/api/v1/reports", json: ["kind": "gosip"])
            try check(invalid, "POST", "/reports", spec)

            let png = try Data(contentsOf: ReportPhotoTests.fixtures.appendingPathComponent("text-chunks.png"))
            try check(
                try await citizen.upload("/api/v1/reports/\(number)/photos", files: [("a.png", png)]), "POST",
                "/reports/{number}/photos", spec)

            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let staff = try await APIClient.signedIn(clerk.email, staff: clerk, context)
            for body in [
                ["action": "verify"], ["action": "note", "text": "internal"], ["action": "resolve", "text": "Selesai"],
            ] {
                try check(
                    try await staff.send(.POST, "/api/v1/reports/\(number)/actions", json: body), "POST",
                    "/reports/{number}/actions", spec)
            }
            try check(
                try await staff.send(.POST, "/api/v1/reports/\(number)/actions", json: ["action": "start"]), "POST",
                "/reports/{number}/actions", spec)
            try check(try await staff.send(.GET, "/api/v1/reports/\(number)"), "GET", "/reports/{number}", spec)
            try check(try await citizen.send(.GET, "/api/v1/reports/\(number)"), "GET", "/reports/{number}", spec)
            try check(
                try await APIClient(app: context.app).send(.GET, "/api/v1/reports/SGP-2026-999999"), "GET",
                "/reports/{number}", spec)
            try check(
                try await citizen.send(.POST, "/api/v1/reports/\(number)/rating", json: ["rating": 5]), "POST",
                "/reports/{number}/rating", spec)
            try check(
                try await citizen.send(.POST, "/api/v1/reports/\(number)/reopen", json: ["reason": "Rusak lagi"]),
                "POST", "/reports/{number}/reopen", spec)
            try check(
                try await citizen.send(.POST, "/api/v1/reports/\(number)/support"), "POST", "/reports/{number}/support",
                spec)
            try check(try await APIClient(app: context.app).send(.GET, "/api/v1/reports"), "GET", "/reports", spec)
            try check(
                try await APIClient(app: context.app).send(.GET, "/api/v1/reports?bbox=98,3,99,4"), "GET", "/reports",
                spec)
            try check(
                try await APIClient(app: context.app).send(.GET, "/api/v1/reports?bbox=x"), "GET", "/reports", spec)
            let search = try await APIClient(app: context.app).send(.GET, "/api/v1/search?q=jalan+berlubang")
            #expect(search.status == .ok)
            #expect(try search.content.get([String].self, at: "terms") == ["jalan", "lubang"])
            try check(search, "GET", "/search", spec)
            try check(
                try await APIClient(app: context.app).send(.GET, "/api/v1/search?q=jalan&kind=x"), "GET", "/search",
                spec)

            // A discussion with an official answer, a hidden reply and a pinned outcome.
            let opened = try await Forum.open(
                .init(title: "Jadwal pengangkutan sampah", topic: "umum", body: "Kapan truk lewat?"),
                context: context.app.context(acting: try #require(try await User.query(on: context.db).first())))
            let threadID = try #require(opened.id)
            let answer = try await Forum.reply(
                to: threadID, body: "Setiap Selasa dan Jumat pagi.", quoting: nil,
                context: context.app.context(acting: clerk.user))
            let moderator = try await Fixtures.staff(.moderator, in: context)
            _ = try await Forum.moderate(
                try #require(answer.id), .hide, reason: "Uji sembunyi",
                context: context.app.context(acting: moderator.user))
            try await Forum.conclude(
                threadID, outcome: "Jadwal diumumkan.", context: context.app.context(acting: clerk.user))
            let threads = try await APIClient(app: context.app).send(.GET, "/api/v1/forum")
            #expect(threads.status == .ok)
            try check(threads, "GET", "/forum", spec)
            let thread = try await APIClient(app: context.app).send(.GET, "/api/v1/forum/\(threadID)")
            #expect(thread.status == .ok)
            try check(thread, "GET", "/forum/{id}", spec)
            try check(try await APIClient(app: context.app).send(.GET, "/api/v1/forum/0"), "GET", "/forum/{id}", spec)
            try check(try await APIClient(app: context.app).send(.GET, "/api/v1/regions"), "GET", "/regions", spec)
            try check(try await APIClient(app: context.app).send(.GET, "/api/v1/agencies"), "GET", "/agencies", spec)
            try check(
                try await APIClient(app: context.app).send(.GET, "/api/v1/categories"), "GET", "/categories", spec)
        }
    }

    @Test func theSpecIsServedAndIsTheFileAtTheRoot() async throws {
        try await withSigap { context in
            let served = try await APIClient(app: context.app).send(.GET, "/api/v1/openapi.yaml")
            #expect(served.status == .ok)
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("openapi.yaml")
            #expect(served.body.string == (try String(contentsOf: root, encoding: .utf8)))
        }
    }
}
