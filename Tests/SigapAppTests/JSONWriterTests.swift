import Foundation
import SigapCore
import Testing
import Vapor

@testable import SigapApp

/// Issue 13: the report API's hand-written JSON means exactly what Foundation's encoder (with Vapor's
/// settings) writes for the same value — every key, the left-out `nil`s, escaping and dates.
@Suite struct JSONWriterTests {
    /// Both texts parsed back into Foundation objects and compared whole.
    func parsed(_ data: Data) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary)
    }

    func foundation(_ value: some Encodable) throws -> Data {
        try JSONEncoder.custom(dates: .iso8601).encode(value)
    }

    func handWritten(_ response: ReportResponse) -> Data {
        var buffer = response.json.buffer
        return Data(buffer.readBytes(length: buffer.readableBytes) ?? [])
    }

    static let awkward = "Kutip \" garis \\ miring / baris\nbaru\ttab \u{01} kontrol </script> é 🚧 \u{2028}"

    static func sample(full: Bool, at instant: Date) -> ReportResponse {
        ReportResponse(
            number: "SGP-2026-000042", kind: .aspirasi, status: .diproses, privacy: .rahasia, title: awkward,
            description: awkward + awkward, category: .init(code: "jalan", name: "Jalan & Jembatan"),
            agency: "Dinas \"PUPR\"", desa: .init(code: "99.01.01.1001", name: "Pasar Baru"), kecamatan: "Kota",
            address: "", location: full ? .init(lat: -0.0271, lon: 109.333_3) : nil, supporters: full ? 12 : 0,
            rating: full ? 4 : nil, mergedInto: full ? "SGP-2026-000001" : nil, createdAt: instant,
            updatedAt: instant.addingTimeInterval(0.999),
            photos: full ? ["/foto/a", "/foto/b"] : [],
            timeline: full
                ? [
                    .init(at: instant, kind: "status", status: .diverifikasi, text: awkward, visibility: "publik"),
                    .init(at: instant, kind: "note", status: nil, text: "", visibility: "internal"),
                ] : [],
            reporter: full ? .init(name: "Siti", contact: nil) : nil,
            deadlines: full
                ? .init(
                    response: instant.addingTimeInterval(86_400 * 3), resolution: instant.addingTimeInterval(1e7),
                    respondedAt: nil, late: true) : nil)
    }

    @Test(arguments: [true, false], [1_780_000_000.25, 951_782_399.999, 0, -86_400.5])
    func theReportAnswerMeansWhatTheEncoderWrites(full: Bool, seconds: Double) throws {
        let response = Self.sample(full: full, at: Date(timeIntervalSince1970: seconds))
        let ours = try parsed(handWritten(response))
        let theirs = try parsed(try foundation(response))
        #expect(ours == theirs, "\(String(decoding: handWritten(response), as: UTF8.self))")
        #expect((ours["title"] as? String) == Self.awkward)
        #expect((ours["rating"] == nil) == !full)
    }

    @Test func datesAreTheEncodersToTheSecond() throws {
        // 2000-02-29 23:59:59.999 UTC: a leap day, the last second of it, a fraction that must not round up.
        let response = Self.sample(full: false, at: Date(timeIntervalSince1970: 951_868_799.999))
        let text = String(decoding: handWritten(response), as: UTF8.self)
        #expect(text.contains(#""createdAt":"2000-02-29T23:59:59Z""#))
        #expect(text.contains(#""updatedAt":"2000-03-01T00:00:00Z""#))
    }
}

extension JSONWriterTests {
    @Test func aListMeansWhatTheEncoderWrites() async throws {
        let instant = Date(timeIntervalSince1970: 1_780_000_000.5)
        let list = ReportListResponse(
            items: [
                .init(
                    number: "SGP-2026-000001", title: Self.awkward, status: .diterima, kind: .pengaduan,
                    category: "Jalan", kecamatan: "Kota", lat: 3.6, lon: 98.48, supporters: 3, createdAt: instant),
                .init(
                    number: "SGP-2026-000002", title: "", status: .selesai, kind: .aspirasi, category: "",
                    kecamatan: "Hulu", lat: nil, lon: nil, supporters: 0, createdAt: instant),
            ], page: 2, hasMore: true)
        let app = try await Application.make(.testing)
        let response = try await list.encodeResponse(for: Request(application: app, on: app.eventLoopGroup.next()))
        try await app.asyncShutdown()
        #expect(response.headers.contentType == .json)
        let ours = try parsed(Data(buffer: try #require(response.body.buffer)))
        #expect(ours == (try parsed(try foundation(list))))
        #expect((ours["items"] as? [Any])?.count == 2)
    }
}
