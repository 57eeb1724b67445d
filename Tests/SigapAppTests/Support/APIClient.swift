import Foundation
import NIOHTTP1
import VaporTesting

@testable import SigapApp

/// Calls the JSON API with an optional bearer token.
struct APIClient {
    let app: Application
    var token: String?
    var address = "192.0.2.150"

    func send(_ method: HTTPMethod, _ path: String, json: [String: Any]? = nil, headers extra: HTTPHeaders = [:])
        async throws
        -> TestingHTTPResponse
    {
        var headers = extra
        headers.add(name: "X-Forwarded-For", value: address)
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        var body: ByteBuffer?
        if let json {
            headers.contentType = .json
            body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))
        }
        return try await app.testing().sendRequest(method, path, headers: headers, body: body)
    }

    /// Multipart upload of `files` under the field `photo`.
    func upload(_ path: String, files: [(name: String, data: Data)]) async throws -> TestingHTTPResponse {
        let boundary = "sigap-test-boundary"
        var body = Data()
        for file in files {
            body += Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"photo[]\"; filename=\"\(file.name)\"\r\n".utf8)
            body += Data("Content-Type: application/octet-stream\r\n\r\n".utf8)
            body += file.data
            body += Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        var headers = HTTPHeaders()
        headers.add(name: "X-Forwarded-For", value: address)
        headers.add(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        return try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(data: body))
    }

    /// A token for a fixture account (staff get a fresh TOTP code).
    static func signedIn(
        _ identifier: String, staff: Fixtures.Staff? = nil, _ context: TestContext, client: String? = nil
    ) async throws -> APIClient {
        var body: [String: Any] = ["login": identifier, "password": Fixtures.password]
        if let client { body["client"] = client }
        if let staff { body["code"] = Fixtures.currentCode(staff, context) }
        let response = try await APIClient(app: context.app).send(.POST, "/api/v1/tokens", json: body)
        guard response.status == .created else {
            throw TestFailure("token: \(response.status) \(response.body.string)")
        }
        let token = try response.content.get(String.self, at: "token")
        return APIClient(app: context.app, token: token)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension TestingHTTPResponse {
    func json() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(body.string.utf8)) as? [String: Any] ?? [:]
    }
}

enum ReportFixtures {
    static func draft(
        category: String = "jalan", desa: String = "99.01.01.1001", privacy: String? = nil, contact: String? = nil,
        lat: Double? = 3.6031, lon: Double? = 98.4821, title: String = "Jalan berlubang di depan pasar"
    ) -> [String: Any] {
        var body: [String: Any] = [
            "kind": "pengaduan", "category": category, "title": title,
            "description": "Lubangnya dalam dan sudah dua motor jatuh minggu ini.", "desa": desa,
            "address": "Jl. Pasar Baru No. 3",
        ]
        if let lat, let lon {
            body["lat"] = lat
            body["lon"] = lon
        }
        if let privacy { body["privacy"] = privacy }
        if let contact { body["contact"] = contact }
        return body
    }

    /// Files a report as `client` and returns its number.
    static func file(_ client: APIClient, _ body: [String: Any] = draft()) async throws -> String {
        let response = try await client.send(.POST, "/api/v1/reports", json: body)
        guard response.status == .created else {
            throw TestFailure("filing: \(response.status) \(response.body.string)")
        }
        return try response.content.get(String.self, at: "number")
    }
}
