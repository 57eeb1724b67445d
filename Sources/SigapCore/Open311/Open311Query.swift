import Foundation

/// The filters of `GET requests` as GeoReport v2 defines them: `service_request_id` (a comma list) overrides
/// everything else; otherwise `service_code` and `status` (comma lists), and a `start_date`–`end_date` window of
/// at most 90 days that defaults to the last 90; at most 1,000 requests, newest first.
public struct Open311Query: Equatable, Sendable {
    public static let window: TimeInterval = 90 * 86_400
    public static let cap = 1_000
    /// A list of ids is bounded too: each is a look-up.
    public static let maxIDs = 100

    public enum Selection: Equatable, Sendable {
        case ids([String])
        case filter(serviceCodes: [String], open: Bool?, start: Date, end: Date)
    }

    public let selection: Selection

    /// A problem with the query, as a catalog key (400 in the spec's error body).
    public struct Problem: Error, Equatable, Sendable {
        public let key: String
    }

    public init(
        serviceRequestID: String?, serviceCode: String?, startDate: String?, endDate: String?, status: String?,
        now: Date
    ) throws(Problem) {
        let ids = Self.list(serviceRequestID)
        if !ids.isEmpty {
            guard ids.count <= Self.maxIDs else { throw Problem(key: "open311.too_many_ids") }
            selection = .ids(ids)
            return
        }
        let start = try Self.date(startDate)
        let end = try Self.date(endDate)
        let window: (Date, Date)
        switch (start, end) {
        case (nil, nil): window = (now.addingTimeInterval(-Self.window), now)
        case (let s?, nil): window = (s, min(now, s.addingTimeInterval(Self.window)))
        case (nil, let e?): window = (e.addingTimeInterval(-Self.window), e)
        case (let s?, let e?): window = (s, e)
        }
        guard window.0 <= window.1 else { throw Problem(key: "open311.dates_reversed") }
        guard window.1.timeIntervalSince(window.0) <= Self.window else { throw Problem(key: "open311.window_too_long") }
        var open: Bool?
        let statuses = Set(Self.list(status).map { $0.lowercased() })
        guard statuses.isSubset(of: ["open", "closed"]) else { throw Problem(key: "open311.status_invalid") }
        if statuses.count == 1 { open = statuses.contains("open") }
        selection = .filter(serviceCodes: Self.list(serviceCode), open: open, start: window.0, end: window.1)
    }

    static func list(_ raw: String?) -> [String] {
        (raw ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A W3C date-time (`2010-01-01T00:00:00Z`, `…+07:00`, with or without fractions of a second); a bare date is
    /// taken as its midnight in UTC.
    static func date(_ raw: String?) throws(Problem) -> Date? {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        if let date = Open311Time.parse(raw) { return date }
        throw Problem(key: "open311.date_invalid")
    }
}

/// Times as the spec writes them: ISO 8601 with the offset from UTC.
public enum Open311Time {
    public static func parse(_ raw: String) -> Date? {
        let full = ISO8601DateFormatter()
        full.formatOptions = [.withInternetDateTime]
        if let date = full.date(from: raw) { return date }
        full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = full.date(from: raw) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return day.date(from: raw)
    }

    /// `2026-11-30T09:15:00+07:00`: the region's local time with its offset (`Z` in UTC).
    public static func format(_ date: Date, in zone: TimeZone) -> String {
        LocalTimeWriter.shared(zone).string(date)
    }
}
