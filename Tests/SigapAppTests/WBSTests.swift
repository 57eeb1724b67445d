import Fluent
import Foundation
import Logging
import NIOConcurrencyHelpers
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Keeps every log line, to check what the logs never contain.
final class CapturedLog: LogHandler, @unchecked Sendable {
    let lines = NIOLockedValueBox<[String]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(
        level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
        function: String, line: UInt
    ) {
        lines.withLockedValue { $0.append("\(message) \(metadata ?? [:]) \(self.metadata)") }
    }
}

@Suite struct WBSTests {
    static let address = "203.0.113.77"
    static let agent = "PlantedAgent/9.9 (wbs-test)"

    /// Posts a multipart form to the anonymous WBS routes, from a known address and user agent, without cookies.
    func post(
        _ path: String, _ fields: [String: String], files: [(String, Data)] = [], from address: String = address,
        _ context: TestContext
    ) async throws -> TestingHTTPResponse {
        let boundary = "wbs-boundary"
        var body = Data()
        for (name, value) in fields {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for (name, data) in files {
            body += Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"evidence[]\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    .utf8)
            body += data + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        headers.add(name: "X-Forwarded-For", value: address)
        headers.add(name: .userAgent, value: Self.agent)
        return try await context.app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(data: body))
    }

    func receipt(from page: TestingHTTPResponse) throws -> String {
        try #require(
            Browser.firstMatch(#"<output id="receipt">([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})</output>"#, in: page.body.string)
        )
    }

    func inspector(_ context: TestContext) async throws -> Browser {
        let staff = try await Fixtures.staff(.inspektorat, in: context)
        let browser = Browser(context.app)
        try await browser.logIn(staff, context)
        return browser
    }

    @Test func aFullRoundTripBetweenReporterAndInspectorate() async throws {
        try await withSigap { context in
            let filed = try await post(
                "/wbs",
                ["type": "gratifikasi", "official": "Kabid X", "what": "Pejabat menerima amplop dari rekanan."],
                context)
            #expect(filed.status == .created)
            #expect(filed.headers.setCookie == nil)  // no cookie at all
            let code = try receipt(from: filed)
            // The receipt stands out, with copy and print (issue 14).
            #expect(filed.body.string.contains("data-copy=\"receipt-text\""))
            #expect(filed.body.string.contains("data-print"))

            let inspectorate = try await inspector(context)
            let list = try await inspectorate.get("/dasbor/wbs")
            let id = try #require(Browser.firstMatch(#"/dasbor/wbs/([0-9A-F-]{36})"#, in: list.body.string))
            #expect(try await inspectorate.get("/dasbor/wbs/\(id)").body.string.contains("menerima amplop"))
            let sent = try await inspectorate.submit(
                "/dasbor/wbs/\(id)", to: "/dasbor/wbs/\(id)/pesan", ["text": "Mohon kirim foto amplopnya."])
            #expect(sent.status == .seeOther)

            // the reporter opens the case with the receipt (typed loosely), reads and answers
            let opened = try await post(
                "/wbs/lanjut", ["receipt": code.lowercased().replacingOccurrences(of: "-", with: " ")], context)
            #expect(opened.status == .ok)
            #expect(opened.body.string.contains("Mohon kirim foto amplopnya."))
            // What was reported, decrypted for the receipt holder; days written in the page's language.
            #expect(opened.body.string.contains("<h2>Yang Anda laporkan</h2>"))
            #expect(opened.body.string.contains("<dd>Gratifikasi</dd>"))
            #expect(opened.body.string.contains("<dd>Kabid X</dd>"))
            #expect(opened.body.string.contains("Pejabat menerima amplop dari rekanan."))
            #expect(Browser.firstMatch(#"<time>(\d{1,2} [A-Z][a-z]{2} 20\d\d)</time>"#, in: opened.body.string) != nil)
            #expect(Browser.firstMatch(#"<time>(20\d\d-\d\d-\d\d)</time>"#, in: opened.body.string) == nil)
            let answered = try await post("/wbs/lanjut", ["receipt": code, "message": "Foto menyusul besok."], context)
            #expect(answered.body.string.contains("Foto menyusul besok."))
            #expect(try await inspectorate.get("/dasbor/wbs/\(id)").body.string.contains("Foto menyusul besok."))

            // declining needs a reason, which the reporter reads
            let noReason = try await inspectorate.submit(
                "/dasbor/wbs/\(id)", to: "/dasbor/wbs/\(id)/status", ["status": "tidak_dapat_ditindaklanjuti"])
            #expect(noReason.status == .unprocessableEntity)
            _ = try await inspectorate.submit(
                "/dasbor/wbs/\(id)", to: "/dasbor/wbs/\(id)/status",
                ["status": "tidak_dapat_ditindaklanjuti", "reason": "Bukan kewenangan Inspektorat kabupaten."])
            #expect(try await post("/wbs/lanjut", ["receipt": code], context).body.string.contains("Bukan kewenangan"))

            // reads and status changes are audited with the case
            let audited = try await AuditEvent.query(on: context.db).filter(\.$subjectID == id).all().map(\.action)
            #expect(
                audited.contains("wbs.read") && audited.contains("wbs.status_changed")
                    && audited.contains("wbs.message_sent"))
        }
    }

    @Test(arguments: [Role.admin, .opdAdmin, .opdStaf, .pimpinan, .moderator, .bappeda, .petugasDesa])
    func everyOtherRoleGetsNotFound(role: Role) async throws {
        try await withSigap { context in
            _ = try await post("/wbs", ["type": "etika", "what": "Sesuatu terjadi di kantor."], context)
            let id = try #require(try await WBSCase.query(on: context.db).first()?.id)
            let staff = try await Fixtures.staff(role, agency: role.scopeKind == .agency ? "PUPR" : nil, in: context)
            let browser = Browser(context.app)
            try await browser.logIn(staff, context)
            for path in ["/dasbor/wbs", "/dasbor/wbs/\(id)"] {
                #expect(try await browser.get(path).status == .notFound, "\(role) \(path)")
            }
            _ = try await browser.get("/akun")  // a current CSRF token, so the refusal is the route's own
            let post = try await browser.post("/dasbor/wbs/\(id)/status", ["status": "selesai"])
            #expect(post.status == .notFound)
            #expect(try await WBSCase.find(id, on: context.db)?.status == .diterima)
        }
    }

    @Test func citizensAndGuestsGetNotFoundToo() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let citizen = Browser(context.app)
            try await citizen.logIn("081234567890")
            #expect(try await citizen.get("/dasbor/wbs").status == .notFound)
            #expect(try await Browser(context.app).get("/dasbor/wbs").status == .notFound)
        }
    }

    @Test func noPlantedPhraseAddressOrUserAgentIsAnywhereOnDisk() async throws {
        let phrase = "FRASA-RAHASIA-\(UUID().uuidString.prefix(8))"
        try await withSigap(adjust: { config in
            config.store = .sqliteFile(path: config.dataDirectory + "/sigap.sqlite")
        }) { context in
            try await DatabaseSetup.tuneSQLite(context.app)
            let log = CapturedLog()
            context.app.logger = Logger(label: "capture") { _ in log }
            let pdf = Data("%PDF-1.4\n\(phrase) in a document\n%%EOF".utf8)
            let photo = try Data(contentsOf: ReportPhotoTests.fixtures.appendingPathComponent("gps-tagged.jpg"))
            let filed = try await post(
                "/wbs", ["type": "korupsi", "what": "Cerita dengan \(phrase).", "contact": "\(phrase)@contoh.id"],
                files: [("bukti-\(phrase).pdf", pdf), ("foto.jpg", photo)], context)
            #expect(filed.status == .created)
            let code = try receipt(from: filed)
            _ = try await post(
                "/wbs/lanjut", ["receipt": code, "message": "Tambahan \(phrase)", "identity": phrase], context)

            let folder = context.dataDirectory
            var files = ["sigap.sqlite", "sigap.sqlite-wal", "sigap.sqlite-shm"].map {
                folder.appendingPathComponent($0)
            }
            let uploads = folder.appendingPathComponent("uploads")
            if let walker = FileManager.default.enumerator(at: uploads, includingPropertiesForKeys: nil) {
                files += walker.compactMap { $0 as? URL }
            }
            #expect(files.count > 3)  // the database and the two sealed evidence files
            for file in files {
                guard let bytes = FileManager.default.contents(atPath: file.path) else { continue }
                for needle in [phrase, Self.address, Self.agent, code] {
                    #expect(bytes.range(of: Data(needle.utf8)) == nil, "\(needle) in \(file.lastPathComponent)")
                }
            }
            for needle in [phrase, Self.address, Self.agent, code] {
                #expect(!log.lines.withLockedValue { $0 }.joined().contains(needle), "\(needle) in the log")
            }
            // and the case still opens for the inspectorate, photo without its GPS block
            let wbsCase = try #require(try await WBSCase.query(on: context.db).first())
            let stored = try await WBSFile.query(on: context.db).filter(\.$contentType == "image/jpeg").first()
            let bytes = try WBSStore.read(try #require(stored), of: wbsCase, context.app.context())
            #expect(bytes.range(of: Data("Exif".utf8)) == nil)
            #expect(try await WBSStore.open(wbsCase, context.app.context()).identity == phrase)
        }
    }

    @Test func aWrongReceiptSixTimesInAMinuteIsThrottled() async throws {
        try await withSigap { context in
            for attempt in 1...5 {
                let status = try await post("/wbs/lanjut", ["receipt": "0000-0000-0000-0000-000\(attempt)"], context)
                    .status
                #expect(status == .notFound)
            }
            #expect(
                try await post("/wbs/lanjut", ["receipt": "0000-0000-0000-0000-0009"], context).status
                    == .tooManyRequests)
            context.clock.advance(seconds: 61)
            #expect(try await post("/wbs/lanjut", ["receipt": "0000-0000-0000-0000-0009"], context).status == .notFound)
        }
    }

    /// Issue 12: 102 wrong receipts from 21 addresses used to lock every whistleblower out for a minute.
    @Test func aFloodOfWrongReceiptsFromManyAddressesDoesNotLockOutAGenuineReporter() async throws {
        try await withSigap { context in
            let filed = try await post("/wbs", ["type": "korupsi", "what": "Proyek jalan fiktif."], context)
            let code = try receipt(from: filed)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for source in 0..<21 {
                    for attempt in 0..<5 {
                        group.addTask {
                            try await post(
                                "/wbs/lanjut", ["receipt": "0000-0000-0000-0000-\(1000 + source * 5 + attempt)"],
                                from: "198.51.100.\(source)", context
                            ).status
                        }
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.count == 105)
            #expect(statuses.allSatisfy { $0 == .notFound })
            // each flooding address is held back on its own…
            #expect(
                try await post("/wbs/lanjut", ["receipt": "0000-0000-0000-0000-9999"], from: "198.51.100.3", context)
                    .status == .tooManyRequests)
            // …and the whistleblower, from anywhere else, still opens the case
            let opened = try await post("/wbs/lanjut", ["receipt": code], from: "192.0.2.200", context)
            #expect(opened.status == .ok)
            #expect(opened.body.string.contains("Laporan Anda"))
        }
    }

    @Test func closedCasesArePurgedWithTheirFilesAfterTheRetentionPeriod() async throws {
        try await withSigap(adjust: { $0.wbsRetentionDays = 30 }) { context in
            let photo = try Data(contentsOf: ReportPhotoTests.fixtures.appendingPathComponent("gps-tagged.jpg"))
            _ = try await post(
                "/wbs", ["type": "etika", "what": "Kejadian di kantor dinas."], files: [("f.jpg", photo)], context)
            _ = try await post("/wbs", ["type": "etika", "what": "Masih berjalan."], context)
            let inspectorate = try await inspector(context)
            let withFile = try #require(try await WBSFile.query(on: context.db).first()).caseID
            let closed = try #require(try await WBSCase.find(withFile, on: context.db))
            _ = try await inspectorate.submit(
                "/dasbor/wbs/\(closed.id!)", to: "/dasbor/wbs/\(closed.id!)/status", ["status": "selesai"])
            let folder = context.dataDirectory.appendingPathComponent("uploads/wbs")
            let before = Fixtures.storedFiles(in: folder.path).count

            context.clock.advance(seconds: 29 * 86_400)
            #expect(try await WBSStore.purge(context.app.context()) == 0)
            context.clock.advance(seconds: 2 * 86_400)
            #expect(try await WBSStore.purge(context.app.context()) == 1)
            #expect(try await WBSCase.find(closed.id, on: context.db) == nil)
            #expect(try await WBSCase.query(on: context.db).count() == 1)  // the open one stays
            let after = Fixtures.storedFiles(in: folder.path).count
            #expect(before == 1 && after == 0)
            #expect(try await WBSFile.query(on: context.db).count() == 0)
        }
    }
}

extension WBSTests {
    @Test func illegalLeviesAreATypeOfTheirOwn() async throws {
        try await withSigap { context in
            #expect(try await Browser(context.app).get("/wbs").body.string.contains("value=\"pungutan_liar\""))
            let filed = try await post(
                "/wbs", ["type": "pungutan_liar", "what": "Petugas meminta uang untuk surat keterangan."], context)
            #expect(filed.status == .created)
            let stored = try #require(try await WBSCase.query(on: context.db).first())
            #expect(stored.type == .pungutanLiar)
            let opened = try await post("/wbs/lanjut", ["receipt": try receipt(from: filed)], context)
            #expect(opened.body.string.contains("<dd>Pungutan liar (pungli)</dd>"))
        }
    }
}
