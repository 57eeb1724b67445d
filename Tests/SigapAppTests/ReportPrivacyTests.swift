import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

@Suite struct ReportPrivacyTests {
    @Test func aConfidentialReportIsAbsentFromEveryPublicPageListMapAndAPI() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let citizen = try await APIClient.signedIn("081234567890", context)
            let secret = try await ReportFixtures.file(
                citizen, ReportFixtures.draft(privacy: "rahasia", title: "Rahasia: pungutan di kantor desa"))
            let open = try await ReportFixtures.file(citizen, ReportFixtures.draft(title: "Jalan umum berlubang"))

            let guest = APIClient(app: context.app)
            #expect(try await guest.send(.GET, "/api/v1/reports/\(secret)").status == .notFound)
            for path in [
                "/api/v1/reports", "/api/v1/reports?bbox=98.0,3.0,99.0,4.0", "/api/v1/reports?q=pungutan",
                "/api/v1/reports?category=jalan",
            ] {
                let body = try await guest.send(.GET, path).body.string
                #expect(!body.contains(secret), "\(path)")
                #expect(!body.contains("pungutan di kantor"), "\(path)")
            }
            #expect(try await guest.send(.GET, "/api/v1/reports").body.string.contains(open))
            let browser = Browser(context.app)
            for path in ["/laporan", "/peta", "/laporan?q=pungutan"] {
                let response = try await browser.get(path)
                #expect(!response.body.string.contains(secret), "\(path)")
                #expect(!response.body.string.contains("pungutan di kantor"), "\(path)")  // the query itself is echoed
            }
            // The report's own address is a 404 like a number that does not exist (the page may repeat the
            // address the reader typed, in its language link, but nothing of the report).
            let direct = try await browser.get("/laporan/\(secret)")
            #expect(direct.status == .notFound)
            #expect(!direct.body.string.contains("pungutan di kantor"))

            // the reporter and the handling agency still see it
            #expect(try await citizen.send(.GET, "/api/v1/reports/\(secret)").status == .ok)
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let staff = try await APIClient.signedIn(clerk.email, staff: clerk, context)
            #expect(try await staff.send(.GET, "/api/v1/reports/\(secret)").status == .ok)
            // another citizen does not
            _ = try await Fixtures.citizen(phone: "085200003333", in: context)
            let neighbour = try await APIClient.signedIn("085200003333", context)
            #expect(try await neighbour.send(.GET, "/api/v1/reports/\(secret)").status == .notFound)
        }
    }

    @Test func anAnonymousReportersIdentityReachesNoStaffAndNoPublic() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let citizen = try await APIClient.signedIn("081234567890", context)
            let anonymous = try await ReportFixtures.file(citizen, ReportFixtures.draft(privacy: "anonim"))
            let named = try await ReportFixtures.file(citizen, ReportFixtures.draft(title: "Jalan rusak lagi di pasar"))

            let admin = try await Fixtures.staff(.admin, in: context)
            let adminAPI = try await APIClient.signedIn(admin.email, staff: admin, context)
            context.clock.advance(seconds: 30)
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let clerkAPI = try await APIClient.signedIn(clerk.email, staff: clerk, context)
            let leader = try await Fixtures.staff(.pimpinan, in: context)
            let leaderAPI = try await APIClient.signedIn(leader.email, staff: leader, context)

            for api in [adminAPI, clerkAPI, leaderAPI, APIClient(app: context.app)] {
                let body = try await api.send(.GET, "/api/v1/reports/\(anonymous)").body.string
                #expect(!body.contains("Siti Aminah"))
                #expect(!body.contains("7890"))
                #expect(try await api.send(.GET, "/api/v1/reports/\(anonymous)").json()["reporter"] == nil)
            }
            // staff pages too
            let staffBrowser = Browser(context.app)
            context.clock.advance(seconds: 30)  // the clerk's last code was used for the API token
            try await staffBrowser.logIn(clerk, context)
            for path in ["/dasbor/laporan", "/dasbor/laporan/\(anonymous)"] {
                let page = try await staffBrowser.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.body.string.contains("Siti Aminah"), "\(path)")
            }
            // a normal report shows the reporter to the handling staff, never to the public
            #expect(try await clerkAPI.send(.GET, "/api/v1/reports/\(named)").body.string.contains("Siti Aminah"))
            #expect(
                !(try await APIClient(app: context.app).send(.GET, "/api/v1/reports/\(named)").body.string.contains(
                    "Siti Aminah")))
            #expect(!(try await Browser(context.app).get("/laporan/\(named)").body.string.contains("Siti Aminah")))
            // the reporter sees their own name
            #expect(try await citizen.send(.GET, "/api/v1/reports/\(anonymous)").body.string.contains("Siti Aminah"))
        }
    }

    @Test func aGuestFollowsTheirReportWithThePrivateLinkOnly() async throws {
        try await withSigap { context in
            let response = try await APIClient(app: context.app).send(
                .POST, "/api/v1/reports", json: ReportFixtures.draft(privacy: "rahasia", contact: "0813 5555 6666"))
            #expect(response.status == .created)
            let number = try response.content.get(String.self, at: "number")
            let follow = try response.content.get(String.self, at: "followUrl")
            let token = try #require(follow.components(separatedBy: "kunci=").last)
            var headers = HTTPHeaders()
            headers.add(name: "X-Follow-Token", value: token)
            let mine = try await APIClient(app: context.app).send(.GET, "/api/v1/reports/\(number)", headers: headers)
            #expect(mine.status == .ok)
            #expect(mine.body.string.contains("62813••••6666"))
            headers.replaceOrAdd(name: "X-Follow-Token", value: token + "x")
            #expect(
                try await APIClient(app: context.app).send(.GET, "/api/v1/reports/\(number)", headers: headers).status
                    == .notFound)
            #expect(try await Browser(context.app).get("/laporan/\(number)?kunci=\(token)").status == .ok)
        }
    }

    @Test func staffOfAnotherAgencyCannotActAndCitizensCannotUseStaffActions() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let citizen = try await APIClient.signedIn("081234567890", context)
            let number = try await ReportFixtures.file(citizen)
            let other = try await Fixtures.staff(.opdAdmin, agency: "DLH", in: context)
            let otherAPI = try await APIClient.signedIn(other.email, staff: other, context)
            for action in ["verify", "reject", "assign", "resolve", "note"] {
                let response = try await otherAPI.send(
                    .POST, "/api/v1/reports/\(number)/actions", json: ["action": action, "text": "x", "agency": "DLH"])
                #expect(response.status == .forbidden, "\(action)")
            }
            #expect(
                try await citizen.send(.POST, "/api/v1/reports/\(number)/actions", json: ["action": "verify"]).status
                    == .forbidden)
            let report = try #require(try await Report.query(on: context.db).filter(\.$number == number).first())
            #expect(report.status == .diterima)
            let otherBrowser = Browser(context.app)
            context.clock.advance(seconds: 30)
            try await otherBrowser.logIn(other, context)
            let page = try await otherBrowser.get("/dasbor/laporan/\(number)")
            #expect(page.status == .notFound || page.status == .forbidden)
        }
    }
}

@Suite struct ReportInputTests {
    @Test(arguments: [
        ("category", "tidak-ada", "category"),
        ("desa", "00.00", "desa"),
        ("lat", "123.0", "location"),
        ("lat", "-6.2", "location"),
        ("title", "abc", "title"),
        ("kind", "gosip", "kind"),
        ("privacy", "publik-sekali", "privacy"),
    ])
    func badFieldsAre422WithAMessageForThatField(field: String, value: String, problem: String) async throws {
        try await withSigap { context in
            var body = ReportFixtures.draft(contact: "warga@contoh.id")
            body[field] = field == "lat" ? Double(value)! as Any : value as Any
            if value == "-6.2" { body["lon"] = 106.8 }  // Jakarta: a real place, outside this kabupaten
            let response = try await APIClient(app: context.app).send(.POST, "/api/v1/reports", json: body)
            #expect(response.status == .unprocessableEntity)
            let error = try response.content.decode(APIErrorBody.self).error
            #expect(error.fields?[problem] != nil, "\(error)")
            #expect(try await Report.query(on: context.db).count() == 0)
        }
    }

    @Test func guestsWithoutContactAndGarbageBodiesAreRefusedWithoutA500() async throws {
        try await withSigap { context in
            let api = APIClient(app: context.app)
            let noContact = try await api.send(.POST, "/api/v1/reports", json: ReportFixtures.draft())
            #expect(noContact.status == .unprocessableEntity)
            var headers = HTTPHeaders()
            headers.contentType = .json
            for raw in ["{", "[]", "{\"lat\":\"north\"}", String(repeating: "x", count: 2000)] {
                let response = try await context.app.testing().sendRequest(
                    .POST, "/api/v1/reports", headers: headers, body: ByteBuffer(string: raw))
                #expect(response.status.code < 500, "\(raw.prefix(20))")
            }
            #expect(try await api.send(.GET, "/api/v1/reports?bbox=1,2,3").status == .unprocessableEntity)
            #expect(try await api.send(.GET, "/api/v1/reports?status=hilang").status == .unprocessableEntity)
            #expect(try await api.send(.GET, "/api/v1/reports/not-a-number").status == .notFound)
            #expect(try await api.send(.GET, "/api/v1/reports?page=-5").status == .ok)
        }
    }

    @Test func mapAnswersAreSharedForAFewSecondsThenRefreshed() async throws {
        try await withSigap { context in
            let api = APIClient(app: context.app)
            let first = try await ReportFixtures.file(api, ReportFixtures.draft(contact: "warga@contoh.id"))
            let path = "/api/v1/reports?bbox=98.4,3.5,98.6,3.7"
            #expect(try await api.send(.GET, path).body.string.contains(first))
            let second = try await ReportFixtures.file(api, ReportFixtures.draft(contact: "warga@contoh.id"))
            #expect(!(try await api.send(.GET, path).body.string.contains(second)))  // the shared answer
            context.clock.advance(seconds: context.app.sigap.pins.lifetime + 1)
            #expect(try await api.send(.GET, path).body.string.contains(second))
        }
    }

    @Test func theMapReturnsAtMost500Pins() async throws {
        try await withSigap { context in
            let api = APIClient(app: context.app)
            for _ in 0..<3 { _ = try await ReportFixtures.file(api, ReportFixtures.draft(contact: "warga@contoh.id")) }
            let pins = try await api.send(.GET, "/api/v1/reports?bbox=98.4,3.5,98.6,3.7")
            let items = try #require(try pins.json()["items"] as? [[String: Any]])
            #expect(items.count == 3)
            #expect(items.allSatisfy { $0["lat"] != nil })
            let elsewhere = try await api.send(.GET, "/api/v1/reports?bbox=98.0,3.0,98.1,3.1")
            #expect((try elsewhere.json()["items"] as? [Any])?.isEmpty == true)
        }
    }
}

@Suite struct ReportPhotoTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    @Test func aGPSTaggedJPEGIsStoredAndServedWithoutEXIF() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let citizen = try await APIClient.signedIn("081234567890", context)
            let number = try await ReportFixtures.file(citizen)
            let jpeg = try Data(contentsOf: Self.fixtures.appendingPathComponent("gps-tagged.jpg"))
            let uploaded = try await citizen.upload("/api/v1/reports/\(number)/photos", files: [("rumah.png", jpeg)])
            #expect(uploaded.status == .created)
            let url = try #require((try uploaded.json()["photos"] as? [String])?.first)
            let served = try await Browser(context.app).get(url)
            #expect(served.status == .ok)
            #expect(served.headers.contentType?.description.hasPrefix("image/jpeg") == true)
            #expect(served.headers.first(name: "X-Content-Type-Options") == "nosniff")
            let bytes = Data(served.body.readableBytesView)
            #expect(bytes.starts(with: [0xFF, 0xD8]))
            #expect(bytes.range(of: Data("Exif".utf8)) == nil)
            #expect(bytes.range(of: Data("SigapTestCam".utf8)) == nil)
            // and on disk
            let files = Fixtures.storedFiles(in: context.dataDirectory.path + "/uploads/reports")
            #expect(files.count == 3)  // the photo and its display copies, none with the metadata
            for file in files {
                let stored = try Data(
                    contentsOf: context.dataDirectory.appendingPathComponent("uploads/reports/" + file))
                #expect(stored.range(of: Data("Exif".utf8)) == nil, "\(file)")
                #expect(stored.range(of: Data("SigapTestCam".utf8)) == nil, "\(file)")
            }
        }
    }

    @Test func onlyJPEGAndPNGByContentAndAtMost10MBAreAccepted() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let citizen = try await APIClient.signedIn("081234567890", context)
            let number = try await ReportFixtures.file(citizen)
            let svg = Data("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".utf8)
            #expect(
                try await citizen.upload("/api/v1/reports/\(number)/photos", files: [("foto.jpg", svg)]).status
                    == .unprocessableEntity)
            var huge = try Data(contentsOf: Self.fixtures.appendingPathComponent("gps-tagged.jpg"))
            huge += Data(repeating: 0, count: 10 * 1024 * 1024)
            #expect(
                try await citizen.upload("/api/v1/reports/\(number)/photos", files: [("besar.jpg", huge)]).status
                    == .payloadTooLarge)
            let folder = context.dataDirectory.path + "/uploads/reports"
            #expect(Fixtures.storedFiles(in: folder).isEmpty)
            #expect(try await ReportPhoto.query(on: context.db).count() == 0)
        }
    }

    @Test func hiddenPhotosAreServedToStaffOnlyAndOthersCannotUpload() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let citizen = try await APIClient.signedIn("081234567890", context)
            let number = try await ReportFixtures.file(citizen)
            let png = try Data(contentsOf: Self.fixtures.appendingPathComponent("text-chunks.png"))
            let url = try #require(
                (try await citizen.upload("/api/v1/reports/\(number)/photos", files: [("a.png", png)]).json()["photos"]
                    as? [String])?.first)
            _ = try await Fixtures.citizen(phone: "085211112222", in: context)
            let stranger = try await APIClient.signedIn("085211112222", context)
            #expect(
                try await stranger.upload("/api/v1/reports/\(number)/photos", files: [("b.png", png)]).status
                    == .forbidden)

            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let staff = try await APIClient.signedIn(clerk.email, staff: clerk, context)
            let photoID = try #require(url.split(separator: "/").last.map(String.init))
            #expect(
                try await staff.send(
                    .POST, "/api/v1/reports/\(number)/actions", json: ["action": "hide_photo", "photo": photoID]
                ).status == .ok)
            #expect(try await Browser(context.app).get(url).status == .notFound)
            let staffBrowser = Browser(context.app, address: "192.0.2.99")
            context.clock.advance(seconds: 30)
            try await staffBrowser.logIn(clerk, context)
            #expect(try await staffBrowser.get(url).status == .ok)
        }
    }
}
