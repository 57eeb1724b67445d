import Foundation
import NIOHTTP1
import VaporTesting

@testable import SigapApp

/// Talks to the app like one browser: keeps its cookies, remembers the CSRF token of the last form it saw,
/// and sends its own client address (the test app trusts `X-Forwarded-For`).
final class Browser {
    let app: Application
    var cookies: [String: String] = [:]
    var csrf: String?
    var address: String
    /// The page the browser says a POST comes from (`Origin`), as a browser on Sigap's own pages does; nil to
    /// send none, another site's to play a cross-site form.
    var origin: String? = "http://127.0.0.1:8080"
    /// The raw `Set-Cookie` values of the last response, to check flags.
    var lastSetCookies: [String] = []

    init(_ app: Application, address: String = "192.0.2.10") {
        self.app = app
        self.address = address
    }

    @discardableResult
    func get(_ path: String) async throws -> TestingHTTPResponse {
        try await send(.GET, path, body: nil as Data?)
    }

    /// Posts a urlencoded form with the remembered CSRF token unless one is given in `fields`.
    @discardableResult
    func post(_ path: String, _ fields: [String: String] = [:], withCSRF: Bool = true) async throws
        -> TestingHTTPResponse
    {
        var fields = fields
        if withCSRF, fields["_csrf"] == nil, let csrf { fields["_csrf"] = csrf }
        let body = fields.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        return try await send(.POST, path, body: body, contentType: "application/x-www-form-urlencoded")
    }

    /// Registers with `fields` and the code sent to the contact, as a person does: the form, then the code page.
    /// Returns the code page's answer (a redirect to `/akun` when the account was created).
    @discardableResult
    func register(_ fields: [String: String], _ context: TestContext) async throws -> TestingHTTPResponse {
        let started = try await submit("/daftar", fields)
        guard started.status == .seeOther, started.location == "/daftar/kode" else { return started }
        let code = try await context.lastCode(sentTo: fields["contact"] ?? "") ?? "000000"
        return try await submit("/daftar/kode", ["code": code])
    }

    /// Opens `page` to pick up its form's CSRF token, then posts `fields` to `action`.
    @discardableResult
    func submit(_ page: String, to action: String? = nil, _ fields: [String: String]) async throws
        -> TestingHTTPResponse
    {
        try await get(page)
        return try await post(action ?? page, fields)
    }

    /// Posts a multipart form (the CSRF token goes in the URL, as the pages do); `files` go under `photo[]`.
    @discardableResult
    /// A multipart form: `files` go in the `photo[]` field, `attachments` in the fields they name.
    func postMultipart(
        _ path: String, _ fields: [String: String], files: [(name: String, data: Data)] = [],
        attachments: [(field: String, name: String, data: Data)] = []
    ) async throws -> TestingHTTPResponse {
        let boundary = "sigap-browser-boundary"
        var body = Data()
        for (name, value) in fields {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files.map({ (field: "photo[]", name: $0.name, data: $0.data) }) + attachments {
            body += Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\n"
                    .utf8)
            body += Data("Content-Type: application/octet-stream\r\n\r\n".utf8) + file.data + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        let separator = path.contains("?") ? "&" : "?"
        return try await send(
            .POST, path + separator + "_csrf=" + (csrf ?? ""), body: body,
            contentType: "multipart/form-data; boundary=\(boundary)")
    }

    func send(_ method: HTTPMethod, _ path: String, body: String?, contentType: String? = nil) async throws
        -> TestingHTTPResponse
    {
        try await send(method, path, body: body.map { Data($0.utf8) }, contentType: contentType)
    }

    func send(
        _ method: HTTPMethod, _ path: String, body: Data?, contentType: String? = nil, headers extra: HTTPHeaders = [:]
    ) async throws
        -> TestingHTTPResponse
    {
        var headers = extra
        headers.add(name: "X-Forwarded-For", value: address)
        if !cookies.isEmpty {
            headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        if let contentType { headers.add(name: .contentType, value: contentType) }
        if method == .POST, let origin { headers.add(name: "Origin", value: origin) }
        let response = try await app.testing().sendRequest(
            method, path, headers: headers, body: body.map { ByteBuffer(data: $0) })
        remember(response)
        return response
    }

    /// Posts JSON from a page's script, as `sigap.js` does: the session's CSRF token in `X-CSRF-Token`.
    @discardableResult
    func postJSON(_ path: String, _ json: String) async throws -> TestingHTTPResponse {
        try await send(
            .POST, path, body: Data(json.utf8), contentType: "application/json",
            headers: ["X-CSRF-Token": csrf ?? ""])
    }

    private func remember(_ response: TestingHTTPResponse) {
        lastSetCookies = response.headers[.setCookie]
        for header in lastSetCookies {
            let pair = header.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = String(pair[0]).trimmingCharacters(in: .whitespaces)
            let value = String(pair[1])
            if header.lowercased().contains("expires=thu, 01 jan 1970") || value.isEmpty {
                cookies[name] = nil
            } else {
                cookies[name] = value
            }
        }
        let html = response.body.string
        if let token = Self.firstMatch(#"name="_csrf" value="([^"]+)""#, in: html)
            ?? Self.firstMatch(#"_csrf=([A-Za-z0-9_-]+)"#, in: html)
        {
            csrf = token
        }
    }

    static func firstMatch(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let range = Range(match.range(at: 1), in: text)
        else { return nil }
        return String(text[range])
    }

    /// Every first group of `pattern` in `text`, in order.
    static func allMatches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension TestingHTTPResponse {
    var location: String? { headers.first(name: .location) }
}
