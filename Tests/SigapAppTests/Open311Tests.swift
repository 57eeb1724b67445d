import Fluent
import Foundation
import FoundationXML
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 19: Open311 GeoReport v2 as published — discovery, services, service definitions, posting and reading
/// requests, tokens — in XML and JSON, with the spec's errors.
@Suite struct Open311Tests {
    /// The fields of a request in GET requests, in the spec's order.
    static let requestFields = [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
        "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
        "address", "address_id", "zipcode", "lat", "long", "media_url",
    ]

    static func get(_ context: TestContext, _ path: String) async throws -> TestingHTTPResponse {
        try await context.app.testing().sendRequest(.GET, path, headers: ["X-Forwarded-For": "192.0.2.77"])
    }

    static func post(_ context: TestContext, _ path: String, _ fields: [String: String]) async throws
        -> TestingHTTPResponse
    {
        let body = fields.map { "\(Browser.encode($0.key))=\(Browser.encode($0.value))" }.joined(separator: "&")
        return try await context.app.testing().sendRequest(
            .POST, path,
            headers: ["Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "192.0.2.77"],
            body: ByteBuffer(string: body))
    }

    static func json(_ response: TestingHTTPResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(response.body.string.utf8))
    }

    static func xml(_ response: TestingHTTPResponse) throws -> XMLDocument {
        #expect(response.body.string.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>"))
        #expect(response.headers.first(name: .contentType) == "text/xml; charset=utf-8")
        return try XMLDocument(xmlString: response.body.string)
    }

    /// An integration's key, issued by an admin through the page.
    static func issueKey(_ context: TestContext, name: String = "Aplikasi Kota") async throws -> String {
        let (browser, _) = try await AdminTests().signedInAdmin(context)
        let issued = try await browser.submit(SiteURL.open311Keys, ["name": name, "contact": "tik@kota.go.id"])
        guard issued.status == .ok,
            let key = Browser.firstMatch(#"<code class="secret">(o311_[A-Za-z0-9_-]+)</code>"#, in: issued.body.string)
        else { throw TestFailure("issuing a key: \(issued.status)") }
        return key
    }

    @Test func discoveryServicesAndDefinitionsInBothFormats() async throws {
        try await withSigap { context in
            let discovery = try await Self.get(context, "/open311/v2/discovery.json")
            #expect(discovery.status == .ok)
            let endpoints = try #require((try Self.json(discovery) as? [String: Any])?["endpoints"] as? [[String: Any]])
            #expect(endpoints.first?["specification"] as? String == "http://wiki.open311.org/GeoReport_v2")
            #expect(endpoints.first?["formats"] as? [String] == ["text/xml", "application/json"])
            #expect((endpoints.first?["url"] as? String)?.hasSuffix("/open311/v2") == true)
            let discoveryXML = try Self.xml(try await Self.get(context, "/open311/v2/discovery.xml"))
            #expect(try discoveryXML.nodes(forXPath: "/discovery/endpoints/endpoint/formats/format").count == 2)

            let services = try await Self.get(context, "/open311/v2/services.json")
            #expect(services.status == .ok)
            #expect(services.headers.first(name: .contentType) == "application/json; charset=utf-8")
            let list = try #require(try Self.json(services) as? [[String: Any]])
            let active = try await Category.query(on: context.db).filter(\.$active == true).count()
            #expect(list.count == active)
            let roads = try #require(list.first { $0["service_code"] as? String == "jalan" })
            #expect(
                Set(roads.keys)
                    == ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"])
            #expect(roads["service_name"] as? String == "Jalan dan Jembatan")
            #expect(roads["type"] as? String == "realtime")
            #expect(roads["metadata"] as? Bool == true)
            #expect(roads["group"] as? String == "PUPR")  // the agency, by its short name
            let servicesXML = try Self.xml(try await Self.get(context, "/open311/v2/services.xml"))
            #expect(try servicesXML.nodes(forXPath: "/services/service").count == active)
            #expect(
                try servicesXML.nodes(forXPath: "/services/service[service_code='jalan']/metadata").first?.stringValue
                    == "true")

            let definition = try await Self.get(context, "/open311/v2/services/jalan.json")
            #expect(definition.status == .ok)
            let body = try #require(try Self.json(definition) as? [String: Any])
            #expect(body["service_code"] as? String == "jalan")
            let attributes = try #require(body["attributes"] as? [[String: Any]])
            #expect(attributes.map { $0["code"] as? String } == ["judul", "privasi"])
            for attribute in attributes {
                #expect(
                    Set(attribute.keys).isSuperset(of: [
                        "variable", "code", "datatype", "required", "datatype_description", "order", "description",
                    ]))
            }
            let privacy = try #require(attributes.last?["values"] as? [[String: Any]])
            #expect(privacy.map { $0["key"] as? String } == ["publik", "anonim", "rahasia"])
            let definitionXML = try Self.xml(try await Self.get(context, "/open311/v2/services/jalan.xml"))
            #expect(
                try definitionXML.nodes(
                    forXPath: "/service_definition/attributes/attribute[code='privasi']/values/value"
                )
                .count == 3)

            // Unknown things: 404 with the errors body in the format asked for.
            let unknown = try await Self.get(context, "/open311/v2/services/tidak-ada.json")
            #expect(unknown.status == .notFound)
            let errors = try #require(try Self.json(unknown) as? [[String: Any]])
            #expect(errors.first?["code"] as? Int == 404)
            #expect((errors.first?["description"] as? String)?.isEmpty == false)
            let unknownXML = try await Self.get(context, "/open311/v2/services/tidak-ada.xml")
            #expect(unknownXML.status == .notFound)
            #expect(try Self.xml(unknownXML).nodes(forXPath: "/errors/error/code").first?.stringValue == "404")
            #expect(try await Self.get(context, "/open311/v2/nothing.json").status == .notFound)
            #expect(try await Self.get(context, "/open311/v2/services.csv").status == .notFound)
        }
    }

    @Test func aPostedRequestIsARealReportInTheAgencysQueueAndInRequests() async throws {
        try await withSigap { context in
            let key = try await Self.issueKey(context)
            let posted = try await Self.post(
                context, "/open311/v2/requests.json",
                [
                    "api_key": key, "service_code": "jalan", "lat": "3.6031", "long": "98.4821",
                    "description": "Lubang besar di depan sekolah, sudah dua motor jatuh.",
                    "email": "warga@contoh.id", "first_name": "Budi", "last_name": "Santoso", "account_id": "u-42",
                    "attribute[judul]": "Lubang di depan SD 3",
                ])
            #expect(posted.status == .created)
            let answer = try #require((try Self.json(posted) as? [[String: Any]])?.first)
            let number = try #require(answer["service_request_id"] as? String)
            let token = try #require(answer["token"] as? String)
            #expect(answer["account_id"] as? String == "u-42")
            #expect((answer["service_notice"] as? String)?.contains("20 hari kerja") == true)

            // A real report: routed to the category's agency, deadlines set, the title the integration asked for.
            let report = try #require(try await Report.query(on: context.db).filter(\.$number == number).first())
            let roadsAgency = try await Fixtures.agency("PUPR", on: context.db)
            #expect(report.agencyID == roadsAgency.id)
            #expect(report.title == "Lubang di depan SD 3")
            #expect(report.resolutionDueAt != nil)
            #expect(report.guestContactCipher != nil)
            // In the agency's queue.
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let browser = Browser(context.app)
            try await browser.logIn(clerk, context)
            let queue = try await browser.get(SiteURL.staffQueue)
            #expect(queue.status == .ok)
            #expect(queue.body.string.contains(number))
            // The clerk sees which system it came through, and the contact it gave.
            let page = try await browser.get("/dasbor/laporan/\(number)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Melalui Aplikasi Kota (Open311)"))
            #expect(page.body.string.contains("warga@contoh.id"))

            // And in requests, by window, by id, by token, in both formats; the names given are nowhere.
            let requests = try await Self.get(context, "/open311/v2/requests.json")
            #expect(requests.status == .ok)
            let listed = try #require(try Self.json(requests) as? [[String: Any]])
            let mine = try #require(listed.first { $0["service_request_id"] as? String == number })
            #expect(Array(mine.keys).sorted() == Self.requestFields.sorted())
            #expect(mine["status"] as? String == "open")
            #expect(mine["service_code"] as? String == "jalan")
            #expect(mine["address_id"] as? String == "99.01.01.1001")
            #expect(mine["lat"] as? Double == 3.6031)
            #expect((mine["requested_datetime"] as? String)?.hasSuffix("+07:00") == true)
            #expect((mine["expected_datetime"] as? String)?.isEmpty == false)
            #expect(!requests.body.string.contains("Budi"))
            #expect(!requests.body.string.contains("warga@contoh.id"))

            let one = try await Self.get(context, "/open311/v2/requests/\(number).xml")
            #expect(one.status == .ok)
            let document = try Self.xml(one)
            let fields = try document.nodes(forXPath: "/service_requests/request/*").map { $0.name ?? "" }
            #expect(fields == Self.requestFields)
            #expect(
                try document.nodes(forXPath: "/service_requests/request/service_request_id").first?.stringValue
                    == number)
            let byToken = try await Self.get(context, "/open311/v2/tokens/\(token).json")
            #expect(byToken.status == .ok)
            #expect((try Self.json(byToken) as? [[String: Any]])?.first?["service_request_id"] as? String == number)
            #expect(try await Self.get(context, "/open311/v2/tokens/bukan-token.xml").status == .notFound)
            #expect(try await Self.get(context, "/open311/v2/requests/SGP-2020-999999.json").status == .notFound)

            // The XML answer to a post.
            let postedXML = try await Self.post(
                context, "/open311/v2/requests.xml",
                ["api_key": key, "service_code": "sampah", "address_id": "99.01.01.1001"])
            #expect(postedXML.status == .created)
            let filedXML = try Self.xml(postedXML)
            let secondNumber = try #require(
                try filedXML.nodes(forXPath: "/service_requests/request/service_request_id").first?.stringValue)
            #expect(try await Report.query(on: context.db).filter(\.$number == secondNumber).count() == 1)
        }
    }

    @Test func postsNeedALiveKeyAKnownServiceAPlaceAndAShortEnoughDescription() async throws {
        try await withSigap(adjust: { $0.open311.postsPerKeyPerHour = 10 }) { context in
            let before = try await Report.query(on: context.db).count()
            let fields = ["service_code": "jalan", "lat": "3.6031", "long": "98.4821"]
            let noKey = try await Self.post(context, "/open311/v2/requests.json", fields)
            #expect(noKey.status == .forbidden)
            #expect((try Self.json(noKey) as? [[String: Any]])?.first?["code"] as? Int == 403)
            let badKey = try await Self.post(
                context, "/open311/v2/requests.xml", fields.merging(["api_key": "o311_salah"]) { $1 })
            #expect(badKey.status == .forbidden)
            #expect(try Self.xml(badKey).nodes(forXPath: "/errors/error/code").first?.stringValue == "403")

            let garbled = try await context.app.testing().sendRequest(
                .POST, "/open311/v2/requests.json", headers: ["Content-Type": "application/x-unbekannt"],
                body: ByteBuffer(string: "service_code=jalan"))
            #expect(garbled.status == .unsupportedMediaType)
            #expect((try Self.json(garbled) as? [[String: Any]])?.first?["code"] as? Int == 415)

            let key = try await Self.issueKey(context)
            let withKey = fields.merging(["api_key": key]) { $1 }
            let unknownService = try await Self.post(
                context, "/open311/v2/requests.json", withKey.merging(["service_code": "tidak-ada"]) { $1 })
            #expect(unknownService.status == .notFound)
            var noPlace = withKey
            noPlace["lat"] = nil
            noPlace["long"] = nil
            let placeless = try await Self.post(context, "/open311/v2/requests.json", noPlace)
            #expect(placeless.status == .badRequest)
            #expect((try Self.json(placeless) as? [[String: Any]])?.first?["code"] as? Int == 400)
            let tooLong = try await Self.post(
                context, "/open311/v2/requests.json",
                withKey.merging(["description": String(repeating: "a", count: 4001)]) { $1 })
            #expect(tooLong.status == .badRequest)
            let outside = try await Self.post(
                context, "/open311/v2/requests.json", withKey.merging(["lat": "-6.2", "long": "106.8"]) { $1 })
            #expect(outside.status == .badRequest)
            let unknownAddress = try await Self.post(
                context, "/open311/v2/requests.json", noPlace.merging(["address_string": "Jalan Entah"]) { $1 })
            #expect(unknownAddress.status == .badRequest)
            let badPrivacy = try await Self.post(
                context, "/open311/v2/requests.json", withKey.merging(["attribute[privasi]": "semua"]) { $1 })
            #expect(badPrivacy.status == .badRequest)
            // media_url into this machine's own network is refused, politely.
            let inside = try await Self.post(
                context, "/open311/v2/requests.json",
                withKey.merging(["media_url": "http://127.0.0.1:9/foto.jpg"]) { $1 })
            #expect(inside.status == .badRequest)
            #expect(inside.body.string.contains("jaringan internal"))
            #expect(try await Report.query(on: context.db).count() == before)

            // A desa named in the address string places the report. Every post counts against the key's hourly
            // limit, refused ones too (seven so far), so the eleventh is stopped.
            let named = try await Self.post(
                context, "/open311/v2/requests.json",
                noPlace.merging(["address_string": "Jl. Merdeka 5, \(try await firstDesaName(context))"]) { $1 })
            #expect(named.status == .created)
            #expect(try await Self.post(context, "/open311/v2/requests.json", withKey).status == .created)
            #expect(try await Self.post(context, "/open311/v2/requests.json", withKey).status == .created)
            let limited = try await Self.post(context, "/open311/v2/requests.json", withKey)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers.first(name: .retryAfter) != nil)
            #expect(try await Report.query(on: context.db).count() == before + 3)
        }
    }

    private func firstDesaName(_ context: TestContext) async throws -> String {
        try #require(try await Desa.query(on: context.db).filter(\.$code == "99.01.01.1001").first()).name
    }

    @Test func aRevokedKeyPostsNoMore() async throws {
        try await withSigap { context in
            let key = try await Self.issueKey(context)
            let fields = ["api_key": key, "service_code": "jalan", "address_id": "99.01.01.1001"]
            #expect(try await Self.post(context, "/open311/v2/requests.json", fields).status == .created)
            let stored = try #require(try await Open311Key.query(on: context.db).first())
            #expect(stored.keyHash != key)
            #expect(stored.lastUsedAt != nil)
            let (browser, _) = try await AdminTests().signedInAdmin(context)
            #expect(try await browser.get(SiteURL.open311Keys).status == .ok)
            let revoked = try await browser.post("\(SiteURL.open311Keys)/\(stored.id!.uuidString)/cabut")
            #expect(revoked.status == .seeOther)
            #expect(try await Self.post(context, "/open311/v2/requests.json", fields).status == .forbidden)
            #expect(
                try await AuditEvent.query(on: context.db).filter(\.$action == "open311.key_revoked").count() == 1)
            // Only admins manage keys.
            let clerk = try await Fixtures.staff(.opdAdmin, agency: "PUPR", in: context)
            let other = Browser(context.app)
            try await other.logIn(clerk, context)
            #expect(try await other.get(SiteURL.open311Keys).status == .forbidden)
        }
    }

    @Test func readingFiltersByIdCodeStatusAndA90DayWindowAndShowsOnlyPublicReports() async throws {
        try await withSigap { context in
            let client = APIClient(app: context.app)
            let old = try await ReportFixtures.file(client, ReportFixtures.draft(contact: "warga@contoh.id"))
            context.clock.advance(seconds: 100 * 86_400)
            let roads = try await ReportFixtures.file(client, ReportFixtures.draft(contact: "warga@contoh.id"))
            let waste = try await ReportFixtures.file(
                client, ReportFixtures.draft(category: "sampah", contact: "warga@contoh.id"))
            let secret = try await ReportFixtures.file(
                client, ReportFixtures.draft(privacy: "rahasia", contact: "warga@contoh.id"))
            let anonymous = try await ReportFixtures.file(
                client, ReportFixtures.draft(privacy: "anonim", contact: "rahasia.saya@contoh.id"))
            let closed = try #require(try await Report.query(on: context.db).filter(\.$number == waste).first())
            closed.status = .selesai
            try await closed.save(on: context.db)

            func numbers(_ query: String) async throws -> [String] {
                let response = try await Self.get(context, "/open311/v2/requests.json" + query)
                guard response.status == .ok else { throw TestFailure("\(query): \(response.status)") }
                return try #require(try Self.json(response) as? [[String: Any]]).compactMap {
                    $0["service_request_id"] as? String
                }
            }
            // The default window is the last 90 days; confidential reports never appear.
            let recent = try await numbers("")
            #expect(Set(recent) == [roads, waste, anonymous])
            #expect(try await numbers("?service_code=sampah") == [waste])
            #expect(Set(try await numbers("?status=open")) == [roads, anonymous])
            #expect(try await numbers("?status=closed") == [waste])
            // An explicit window reaches back; ids override everything else, and skip confidential ones.
            #expect(try await numbers("?start_date=2026-11-01T00:00:00Z&end_date=2027-01-15T00:00:00%2B07:00") == [old])
            #expect(
                Set(try await numbers("?service_request_id=\(old),\(secret),\(roads)&status=closed")) == [old, roads])
            // The anonymous reporter's contact is nowhere.
            let all = try await Self.get(context, "/open311/v2/requests.xml")
            #expect(!all.body.string.contains("rahasia.saya"))
            #expect(try Self.xml(all).nodes(forXPath: "/service_requests/request").count == 3)

            for bad in [
                "?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", "?start_date=kemarin",
                "?status=selesai", "?start_date=2026-03-01T00:00:00Z&end_date=2026-01-01T00:00:00Z",
            ] {
                let response = try await Self.get(context, "/open311/v2/requests.json" + bad)
                #expect(response.status == .badRequest, "\(bad)")
                #expect((try Self.json(response) as? [[String: Any]])?.first?["code"] as? Int == 400, "\(bad)")
            }
            #expect(try await Self.get(context, "/open311/v2/requests.json?service_code=tidak-ada").status == .notFound)
        }
    }

    @Test func aConfiguredJurisdictionIsChecked() async throws {
        try await withSigap(adjust: { $0.open311.jurisdiction = "kabupaten-contoh.go.id" }) { context in
            #expect(try await Self.get(context, "/open311/v2/services.json").status == .ok)
            #expect(
                try await Self.get(context, "/open311/v2/services.json?jurisdiction_id=kabupaten-contoh.go.id").status
                    == .ok)
            let wrong = try await Self.get(context, "/open311/v2/services.xml?jurisdiction_id=kota-lain.go.id")
            #expect(wrong.status == .notFound)
            #expect(try Self.xml(wrong).nodes(forXPath: "/errors/error/code").first?.stringValue == "404")
        }
    }
}
