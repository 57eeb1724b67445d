import Fluent
import Foundation
import SQLKit
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 11: the mechanisms every feature plugs into — subjects in the outbox, the file store and its orphan
/// sweep, idempotent filing, scoped policy — shown working beyond reports.
@Suite struct SharedMechanismsTests {
    // MARK: - events about a subject other than a report

    @Test func aWhistleblowingCaseReachesTheInspectorateInAppAndOnTelegramWithItsLink() async throws {
        try await withTelegram { context, telegram in
            let inspector = try await Fixtures.staff(.inspektorat, in: context)
            try await ChatLink(userID: inspector.user.id!, channel: .telegram, chatID: "4242", at: context.clock.now)
                .create(on: context.db)
            let filed = try await Browser(context.app).postMultipart(
                "/wbs", ["type": "gratifikasi", "what": "Petugas loket meminta uang pelicin untuk KTP."])
            #expect(filed.status == .created)
            let wbsCase = try #require(try await WBSCase.query(on: context.db).first())
            let subject = Subject(.wbsCase, wbsCase.id!.uuidString)
            let link = "/dasbor/wbs/\(wbsCase.id!.uuidString)"

            let rows = try await OutboxMessage.about(subject, on: context.db).all()
            #expect(Set(rows.map(\.channel)) == [.inApp, .telegram])
            #expect(rows.allSatisfy { $0.event == .wbsCaseFiled && $0.recipientUserID == inspector.user.id })
            // nothing of the case's content travels in the message
            #expect(rows.allSatisfy { !$0.payload.contains("pelicin") })

            let browser = Browser(context.app)
            try await browser.logIn(inspector, context)
            let page = try await browser.get("/notifikasi")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Ada pengaduan WBS baru (Gratifikasi)"))
            #expect(page.body.string.contains("href=\"\(link)\""))
            #expect(try await browser.get(link).status == .ok)

            // Chat channels get it the next morning, so no message's time says when the reporter wrote.
            let delivery = OutboxDelivery(
                app: context.app, senders: context.app.channelSenders, logger: context.app.logger)
            _ = try await delivery.runOnce()
            #expect(telegram.received.isEmpty)
            context.clock.advance(seconds: 24 * 3600)
            _ = try await delivery.runOnce()
            let sent = telegram.received
            #expect(sent.count == 1)
            #expect(sent.first?.chatID == "4242")
            #expect(sent.first?.text.contains("Ada pengaduan WBS baru (Gratifikasi)") == true)
            #expect(sent.first?.text.contains(context.app.sigap.config.baseURL + link) == true)
        }
    }

    @Test func everyEventKindHasItsTextInBothLanguagesAndALink() async throws {
        try await withSigap { context in
            let catalog = context.app.catalog
            for event in EventKind.allCases {
                for language in [Language.id, .en] {
                    let subject = event.subjectKind.map { Subject($0, "7") }
                    let message = EventMessage.make(
                        event, subject: subject,
                        payload: [
                            "number": "SGP-2026-000001", "title": "Judul", "type": "etika", "text": "Halo",
                            "code": "123456",
                        ],
                        language: language, catalog: catalog, baseURL: "https://sigap.test")
                    #expect(
                        !message.text.hasPrefix("notify.") && !message.text.isEmpty, "\(event) has no \(language) text")
                    // Personal messages (a chat answer, a code) need no link; every event about a record has one.
                    if !event.isPersonal || message.path != nil {
                        #expect(message.path?.hasPrefix("/") == true, "\(event) has no link")
                        #expect(
                            message.text.contains("https://sigap.test" + (message.path ?? "-")),
                            "\(event) text lacks its link")
                    }
                    #expect(!message.reference.isEmpty, "\(event) has no reference for the WhatsApp template")
                }
                #expect(
                    catalog.text("notifications.event.\(event.rawValue)", .id)
                        != "notifications.event.\(event.rawValue)")
            }
        }
    }

    // MARK: - files

    @Test func aCutOffUploadLeavesNoRowAndNoFile() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let citizen = try await APIClient.signedIn("081234567890", context)
            let number = try await ReportFixtures.file(citizen)
            let photo = try Data(contentsOf: ReportPhotoTests.fixtures.appendingPathComponent("gps-tagged.jpg"))
            // the body stops in the middle of the photo: no closing boundary ever comes
            var body = Data(
                "--cut\r\nContent-Disposition: form-data; name=\"photo[]\"; filename=\"a.jpg\"\r\n\r\n".utf8)
            body += photo.prefix(photo.count / 2)
            var headers = HTTPHeaders()
            headers.add(name: .contentType, value: "multipart/form-data; boundary=cut")
            headers.bearerAuthorization = BearerAuthorization(token: citizen.token!)
            let response = try await context.app.testing().sendRequest(
                .POST, "/api/v1/reports/\(number)/photos", headers: headers, body: ByteBuffer(data: body))
            #expect(response.status == .badRequest)
            #expect(try await ReportPhoto.query(on: context.db).count() == 0)
            let store = context.app.context().files
            #expect(Self.files(in: store.incomingFolder).isEmpty)
            #expect(Self.files(in: store.folder(.reportPhoto)).isEmpty)
        }
    }

    /// Issue 12: a cut-off filing form files nothing, rather than a report without its photo.
    @Test func aCutOffFilingFormFilesNoReport() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            #expect(try await browser.get("/lapor").status == .ok)
            #expect(browser.csrf != nil)
            let photo = try Data(contentsOf: ReportPhotoTests.fixtures.appendingPathComponent("gps-tagged.jpg"))
            var body = Data()
            for (name, value) in [
                ("kind", "pengaduan"), ("category", "jalan"), ("title", "Jalan berlubang di depan pasar"),
                ("description", "Lubangnya dalam dan sudah dua motor jatuh minggu ini."), ("desa", "99.01.01.1001"),
                ("privacy", "publik"), ("contact", "warga@contoh.id"), ("confirm", "on"),
            ] {
                body += Data("--cut\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
            }
            body += Data("--cut\r\nContent-Disposition: form-data; name=\"photo[]\"; filename=\"a.jpg\"\r\n\r\n".utf8)
            body += photo.prefix(photo.count / 2)
            let response = try await browser.send(
                .POST, "/lapor?_csrf=" + (browser.csrf ?? ""), body: body,
                contentType: "multipart/form-data; boundary=cut")
            #expect(response.status == .badRequest)
            #expect(try await Report.query(on: context.db).count() == 0)
        }
    }

    @Test func aPhotoClaimingTooManyPixelsIsRefusedWithItsReason() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let citizen = try await APIClient.signedIn("081234567890", context)
            let number = try await ReportFixtures.file(citizen)
            // a PNG header claiming 50,000 × 50,000 pixels in a few dozen bytes
            var bomb: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
            bomb += [0, 0, 0xC3, 0x50, 0, 0, 0xC3, 0x50, 8, 2, 0, 0, 0, 0, 0, 0, 0]
            bomb += [0, 0, 0, 0] + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82]
            let refused = try await citizen.upload("/api/v1/reports/\(number)/photos", files: [("bom.png", Data(bomb))])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("40 megapiksel"))
            #expect(try await ReportPhoto.query(on: context.db).count() == 0)
        }
    }

    @Test func anUploadOfFarTooManyFilesIsStoppedBeforeItFillsTheDisk() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let citizen = try await APIClient.signedIn("081234567890", context)
            let number = try await ReportFixtures.file(citizen)
            let png = try Data(contentsOf: ReportPhotoTests.fixtures.appendingPathComponent("text-chunks.png"))
            // one more than allowed is read and refused with the form's own message…
            let six = try await citizen.upload(
                "/api/v1/reports/\(number)/photos", files: Array(repeating: ("a.png", png), count: 6))
            #expect(six.status == .unprocessableEntity)
            // …far more is cut off while it streams
            let many = try await citizen.upload(
                "/api/v1/reports/\(number)/photos", files: Array(repeating: ("a.png", png), count: 40))
            #expect(many.status == .payloadTooLarge)
            let store = context.app.context().files
            #expect(Self.files(in: store.incomingFolder).isEmpty)
            #expect(try await ReportPhoto.query(on: context.db).count() == 0)
        }
    }

    @Test func aFilingWhoseTransactionFailsLeavesNoRowAndTheSweepRemovesItsFiles() async throws {
        try await withSigap { context in
            let photo = try Data(contentsOf: ReportPhotoTests.fixtures.appendingPathComponent("gps-tagged.jpg"))
            let store = context.app.context().files
            let draft = ReportDraft(
                kind: "pengaduan", categoryCode: "jalan", title: "Jalan berlubang di depan pasar",
                description: "Lubangnya dalam dan sudah dua motor jatuh minggu ini.", desaCode: "99.01.01.1001",
                address: "", latitude: nil, longitude: nil, privacy: "publik", contact: "warga@contoh.id")
            // one filing that succeeds: its photo is named by a row and must survive the sweep
            let kept = try await ReportIntake.file(
                draft, photos: [try store.stage(photo, for: .reportPhoto)], context: context.app.context())
            #expect(try await ReportPhoto.query(on: context.db).filter(\.$reportID == kept.report.id!).count() == 1)
            // the photo and its two display copies (`PhotoSize`)
            #expect(Self.files(in: store.folder(.reportPhoto)).count == 3)

            // the next one fails inside its transaction, after its file reached the disk
            let sql = context.db as! any SQLDatabase
            try await sql.raw("ALTER TABLE report_photos RENAME TO report_photos_away").run()
            await #expect(throws: (any Error).self) {
                _ = try await ReportIntake.file(
                    draft, photos: [try store.stage(photo, for: .reportPhoto)], context: context.app.context())
            }
            try await sql.raw("ALTER TABLE report_photos_away RENAME TO report_photos").run()
            #expect(try await Report.query(on: context.db).count() == 1)
            #expect(try await ReportPhoto.query(on: context.db).count() == 1)
            #expect(try await HistoryEvent.query(on: context.db).filter(\.$subjectKind == .report).count() == 2)
            let onDisk = Self.files(in: store.folder(.reportPhoto))
            #expect(onDisk.count == 6)

            // young orphans are left alone (their transaction may still be running)…
            #expect(try await store.removeOrphans(on: context.db) == 0)
            // …and removed once an hour old; the file a row names stays
            for name in onDisk {
                try FileManager.default.setAttributes(
                    [.modificationDate: Date().addingTimeInterval(-7200)],
                    ofItemAtPath: store.path(of: name, .reportPhoto))
            }
            #expect(try await Housekeeping.run(context.app.context()).orphanFilesRemoved == 3)  // with its copies
            let photoRow = try #require(try await ReportPhoto.query(on: context.db).first())
            let named = [photoRow.storedName] + PhotoSize.allCases.map { $0.storedName(of: photoRow.storedName) }
            #expect(Self.files(in: store.folder(.reportPhoto)) == named.sorted())

            // an orphan of an earlier version's flat layout is found only by the full sweep (`--all-files`)
            let legacy = store.folder(.reportPhoto) + "/lama.jpg"
            #expect(FileManager.default.createFile(atPath: legacy, contents: photo))
            try FileManager.default.setAttributes(
                [.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: legacy)
            #expect(try await store.removeOrphans(on: context.db) == 0)
            #expect(try await store.removeOrphans(on: context.db, everything: true) == 1)
            #expect(Self.files(in: store.folder(.reportPhoto)) == named.sorted())
        }
    }

    static func files(in folder: String) -> [String] { Fixtures.storedFiles(in: folder) }

    // MARK: - idempotent filing

    @Test func anIdempotencyKeyRetryReturnsTheSameReportAndFilesNothingNew() async throws {
        try await withSigap { context in
            let api = APIClient(app: context.app)
            let body = ReportFixtures.draft(contact: "warga@contoh.id")
            let key: HTTPHeaders = ["Idempotency-Key": "lapor-7f3a-0001"]
            let first = try await api.send(.POST, "/api/v1/reports", json: body, headers: key)
            #expect(first.status == .created)
            let firstBody = try first.json()
            let number = try #require(firstBody["number"] as? String)
            let followURL = try #require(firstBody["followUrl"] as? String)

            context.clock.advance(seconds: 3600)
            let retry = try await api.send(.POST, "/api/v1/reports", json: body, headers: key)
            #expect(retry.status == .created)
            #expect(retry.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(try retry.json()["number"] as? String == number)
            #expect(try retry.json()["followUrl"] as? String == followURL)
            #expect(try await Report.query(on: context.db).count() == 1)
            #expect(try await OutboxMessage.query(on: context.db).count() == 1)

            // the same key with another body is refused, not answered with someone else's report
            var other = body
            other["title"] = "Lampu jalan mati di gang tiga"
            let reused = try await api.send(.POST, "/api/v1/reports", json: other, headers: key)
            #expect(reused.status == .unprocessableEntity)
            // without a key, or after 24 hours, the same body files again
            #expect(try await api.send(.POST, "/api/v1/reports", json: body).status == .created)
            context.clock.advance(seconds: 24 * 3600)
            let later = try await api.send(.POST, "/api/v1/reports", json: body, headers: key)
            #expect(later.status == .created)
            #expect(try later.json()["number"] as? String != number)
            #expect(try await Report.query(on: context.db).count() == 3)
            // a malformed key is a clear 422
            let bad = try await api.send(
                .POST, "/api/v1/reports", json: body, headers: ["Idempotency-Key": "kunci dengan spasi"])
            #expect(bad.status == .unprocessableEntity)
        }
    }

    /// On PostgreSQL the requests really run at once; on SQLite they meet in the group-commit writer.
    @Test func concurrentRetriesWithOneKeyFileOnce() async throws {
        try await withSigap { context in
            let numbers = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let body = ReportFixtures.draft(contact: "warga@contoh.id")
                        let response = try await APIClient(app: context.app).send(
                            .POST, "/api/v1/reports", json: body, headers: ["Idempotency-Key": "serentak-1"])
                        return response.status == .created ? try response.json()["number"] as? String : nil
                    }
                }
                return try await group.reduce(into: [String?]()) { $0.append($1) }
            }
            #expect(numbers.count == 8)
            #expect(numbers.allSatisfy { $0 != nil })
            #expect(Set(numbers.compactMap { $0 }).count == 1)
            #expect(try await Report.query(on: context.db).count() == 1)
            #expect(try await IdempotencyRecord.query(on: context.db).count() == 1)
        }
    }

    // MARK: - scopes

    @Test func aVillageOfficerWorksInItsDesaAndIsRefusedInAnother() async throws {
        try await withSigap { context in
            let villages = try await Desa.query(on: context.db).sort(\.$code).all()
            let (home, other) = (villages[0], villages[1])
            let officer = try await Fixtures.staff(.petugasDesa, in: context)
            officer.user.$desa.id = home.id
            try await officer.user.save(on: context.db)
            let guest = APIClient(app: context.app)
            let here = try await ReportFixtures.file(
                guest, ReportFixtures.draft(desa: home.code, contact: "a@contoh.id", lat: nil, lon: nil))
            let there = try await ReportFixtures.file(
                guest, ReportFixtures.draft(desa: other.code, contact: "b@contoh.id", lat: nil, lon: nil))
            let secret = try await ReportFixtures.file(
                guest,
                ReportFixtures.draft(desa: home.code, privacy: "rahasia", contact: "c@contoh.id", lat: nil, lon: nil))

            let browser = Browser(context.app)
            try await browser.logIn(officer, context)
            let queue = try await browser.get("/dasbor/laporan")
            #expect(queue.status == .ok)
            #expect(queue.body.string.contains(here))
            #expect(!queue.body.string.contains(there))
            #expect(!queue.body.string.contains(secret))

            #expect(try await browser.get("/dasbor/laporan/\(here)").status == .ok)
            #expect(try await browser.get("/dasbor/laporan/\(there)").status == .notFound)
            #expect(try await browser.get("/dasbor/laporan/\(secret)").status == .notFound)

            // a field note in its own desa; nothing in another, and no agency decisions anywhere
            let noted = try await browser.submit(
                "/dasbor/laporan/\(here)", to: "/dasbor/laporan/\(here)/tindakan",
                ["action": "note", "text": "Sudah dicek ke lokasi, lubang memang dalam."])
            #expect(noted.status == .seeOther)
            let refused = try await browser.submit(
                "/dasbor/laporan/\(here)", to: "/dasbor/laporan/\(there)/tindakan",
                ["action": "note", "text": "Catatan di desa lain."])
            #expect(refused.status == .notFound)
            let verify = try await browser.submit(
                "/dasbor/laporan/\(here)", to: "/dasbor/laporan/\(here)/tindakan", ["action": "verify"])
            #expect(verify.status == .forbidden)

            let hereReport = try #require(try await Report.query(on: context.db).filter(\.$number == here).first())
            let thereReport = try #require(try await Report.query(on: context.db).filter(\.$number == there).first())
            #expect(try await HistoryEvent.of(hereReport.subject, on: context.db).filter(\.$kind == .note).count() == 1)
            #expect(
                try await HistoryEvent.of(thereReport.subject, on: context.db).filter(\.$kind == .note).count() == 0)
            #expect(hereReport.status == .diterima)
            // the officer never sees who reported
            #expect(!(try await browser.get("/dasbor/laporan/\(here)")).body.string.contains("a@contoh.id"))
        }
    }

    // MARK: - views link through SiteURL

    @Test func viewsNameTheirPathsThroughSiteURL() throws {
        let views = try SourceFiles.app().filter { $0.text.contains(": PageView") || $0.text.contains("-> HTML") }
        #expect(views.count > 10)
        let literal = try Regex(#"(href|action|src)=\\?"/"#)
        for view in views {
            #expect(view.text.firstMatch(of: literal) == nil, "\(view.name) spells a path instead of using SiteURL")
        }
    }

    // MARK: - every route declares its access

    @Test func everyRouteIsDeclaredPublicOrGuardedByThePolicy() async throws {
        try await withSigap { context in
            let routes = context.app.routes.all
            #expect(routes.count > 60)
            let undeclared = routes.filter { $0.access == nil }.map {
                "\($0.method) /\($0.path.map(\.description).joined(separator: "/"))"
            }
            #expect(undeclared.isEmpty, "routes without an access declaration: \(undeclared)")

            // and a declaration means what it says: every policy-guarded route turns a guest away
            for route in routes {
                guard case .permission = route.access else { continue }
                let path =
                    "/"
                    + route.path.map { component -> String in
                        if case .parameter = component { return "1" }
                        return component.description
                    }.joined(separator: "/")
                let response = try await context.app.testing().sendRequest(route.method, path)
                #expect(
                    [.seeOther, .unauthorized, .notFound, .forbidden].contains(response.status),
                    "\(route.method) \(path) answered a guest with \(response.status)")
                #expect(response.status != .ok)
            }
        }
    }
}
