import Foundation
import Testing

@testable import SigapCore

@Suite struct Open311DocumentTests {
    static let services = Open311Document(
        root: "services",
        .list(
            element: "service",
            [
                .object([
                    ("service_code", .text("jalan")), ("service_name", .text("Jalan & <Jembatan>")),
                    ("metadata", .bool(true)), ("lat", .number(3.5)), ("zipcode", .text(nil)), ("order", .integer(2)),
                ])
            ]))

    @Test func xmlHasTheDeclarationTheRootAndARepeatedElementPerItem() {
        #expect(
            Self.services.written(as: .xml)
                == "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<services><service><service_code>jalan</service_code>"
                + "<service_name>Jalan &amp; &lt;Jembatan&gt;</service_name><metadata>true</metadata><lat>3.5</lat>"
                + "<zipcode/><order>2</order></service></services>\n")
    }

    @Test func jsonIsTheBareArrayWithNullsAndNumbers() throws {
        let json = Self.services.written(as: .json)
        #expect(
            json
                == "[{\"service_code\":\"jalan\",\"service_name\":\"Jalan & \\u003cJembatan>\",\"metadata\":true,"
                + "\"lat\":3.5,\"zipcode\":null,\"order\":2}]")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(parsed.first?["service_name"] as? String == "Jalan & <Jembatan>")
    }

    @Test func textThatXMLCannotCarryIsDroppedAndQuotesAreEscaped() {
        let document = Open311Document(root: "r", .object([("d", .text("a\u{0}b\u{1B}c \"d\" 'e'\nf"))]))
        #expect(document.written(as: .xml).contains("<d>abc &quot;d&quot; &apos;e&apos;\nf</d>"))
        #expect(document.written(as: .json) == "{\"d\":\"a\\u0000b\\u001bc \\\"d\\\" 'e'\\nf\"}")
    }

    @Test func errorsCarryTheCodeAndEachDescription() {
        let errors = Open311Document.errors(code: 400, ["one", "two"])
        #expect(
            errors.written(as: .json)
                == "[{\"code\":400,\"description\":\"one\"},{\"code\":400,\"description\":\"two\"}]")
        #expect(errors.written(as: .xml).contains("<errors><error><code>400</code><description>one</description>"))
    }

    @Test func theFormatIsTheEndingOfThePath() {
        #expect(Open311Format.split("services.json")! == ("services", .json))
        #expect(Open311Format.split("SGP-2026-000001.XML")! == ("SGP-2026-000001", .xml))
        #expect(Open311Format.split("services.csv") == nil)
        #expect(Open311Format.split("services") == nil)
    }
}

@Suite struct Open311QueryTests {
    static let now = Open311Time.parse("2026-11-30T12:00:00Z")!

    static func query(
        id: String? = nil, code: String? = nil, start: String? = nil, end: String? = nil, status: String? = nil
    ) throws(Open311Query.Problem) -> Open311Query {
        try Open311Query(
            serviceRequestID: id, serviceCode: code, startDate: start, endDate: end, status: status, now: now)
    }

    @Test func theDefaultIsTheLast90Days() throws {
        #expect(
            try Self.query().selection
                == .filter(serviceCodes: [], open: nil, start: Self.now.addingTimeInterval(-90 * 86_400), end: Self.now)
        )
    }

    @Test func idsOverrideEverythingElse() throws {
        #expect(try Self.query(id: "A, B,,C", code: "jalan", status: "closed").selection == .ids(["A", "B", "C"]))
        #expect(throws: Open311Query.Problem(key: "open311.too_many_ids")) {
            try Self.query(id: (1...101).map(String.init).joined(separator: ","))
        }
    }

    @Test func oneDateMakesA90DayWindowFromIt() throws {
        let start = Open311Time.parse("2026-01-01T00:00:00+07:00")!
        #expect(
            try Self.query(start: "2026-01-01T00:00:00+07:00").selection
                == .filter(serviceCodes: [], open: nil, start: start, end: start.addingTimeInterval(90 * 86_400)))
        let end = Open311Time.parse("2026-06-01T00:00:00Z")!
        #expect(
            try Self.query(end: "2026-06-01").selection
                == .filter(serviceCodes: [], open: nil, start: end.addingTimeInterval(-90 * 86_400), end: end))
    }

    @Test func statusAndCodesAreCommaLists() throws {
        guard case .filter(let codes, let open, _, _) = try Self.query(code: "jalan,sampah", status: "open").selection
        else { throw Open311Query.Problem(key: "no filter") }
        #expect(codes == ["jalan", "sampah"])
        #expect(open == true)
        guard case .filter(_, let both, _, _) = try Self.query(status: "open,closed").selection else { return }
        #expect(both == nil)
    }

    @Test(
        arguments: [
            (nil, nil, "pending", "open311.status_invalid"),
            ("2026-01-01T00:00:00Z", "2026-05-01T00:00:00Z", nil, "open311.window_too_long"),
            ("2026-03-01T00:00:00Z", "2026-01-01T00:00:00Z", nil, "open311.dates_reversed"),
            ("yesterday", nil, nil, "open311.date_invalid"),
        ] as [(String?, String?, String?, String)])
    func badArgumentsAreNamed(start: String?, end: String?, status: String?, key: String) {
        #expect(throws: Open311Query.Problem(key: key)) { try Self.query(start: start, end: end, status: status) }
    }

    @Test func timesAreWrittenWithTheRegionsOffset() {
        let instant = Open311Time.parse("2026-11-30T02:15:00Z")!
        #expect(Open311Time.format(instant, in: TimeZone(identifier: "Asia/Jakarta")!) == "2026-11-30T09:15:00+07:00")
        #expect(Open311Time.parse("2026-11-30T09:15:00.250+07:00") != nil)
        // The same as Foundation's formatter, across offsets, half-hour zones and dates before 1970.
        let reference = ISO8601DateFormatter()
        reference.formatOptions = [.withInternetDateTime]
        for zone in ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "UTC", "Asia/Kolkata", "America/St_Johns"] {
            reference.timeZone = TimeZone(identifier: zone)!
            for seconds in [0.0, 1_795_399_200.9, -86_399.5, 951_782_400, 4_102_444_799] {
                let date = Date(timeIntervalSince1970: seconds)
                #expect(
                    Open311Time.format(date, in: TimeZone(identifier: zone)!) == reference.string(from: date),
                    "\(zone) \(seconds)")
            }
        }
    }
}
