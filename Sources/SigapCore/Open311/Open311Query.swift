import Foundation
import Synchronization

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
        LocalTimeWriter(zone).string(date)
    }
}

/// Writes instants as ISO 8601 local times with their offset, by hand: Foundation's ISO 8601 formatter cost about
/// 50 µs per date on Linux (a million-row export took minutes), and asking a time zone for its offset costs
/// tens of microseconds too (an Open311 list of 1,000 requests has 3,000 dates). A zone without daylight saving
/// since 1970 — every Indonesian one — has one offset for every date Sigap holds, asked once; others are asked
/// per date.
public struct LocalTimeWriter: Sendable {
    let zone: TimeZone
    let fixedOffset: Int?

    public init(_ zone: TimeZone) {
        self.zone = zone
        let since1970 = Date(timeIntervalSince1970: 0)
        fixedOffset =
            zone.nextDaylightSavingTimeTransition(after: since1970) == nil ? zone.secondsFromGMT(for: since1970) : nil
    }

    /// The writer for `zone`, made once per zone for the life of the process (making one asks the zone about
    /// daylight saving, tens of microseconds).
    public static func shared(_ zone: TimeZone) -> LocalTimeWriter {
        made.withLock { writers in
            if let writer = writers[zone.identifier] { return writer }
            let writer = LocalTimeWriter(zone)
            writers[zone.identifier] = writer
            return writer
        }
    }
    private static let made = Mutex<[String: LocalTimeWriter]>([:])

    /// The local calendar day and the second within it.
    public func local(_ date: Date) -> (day: CivilDay, second: Int) {
        let offset = fixedOffset ?? zone.secondsFromGMT(for: date)
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return (CivilDay(daysSinceEpoch: days), local - days * 86_400)
    }

    public func string(_ date: Date) -> String {
        let offset = fixedOffset ?? zone.secondsFromGMT(for: date)
        let (day, second) = local(date)
        var text = String(day.year) + "-" + Self.two(day.month) + "-" + Self.two(day.day) + "T"
        text += Self.two(second / 3600) + ":" + Self.two(second / 60 % 60) + ":" + Self.two(second % 60)
        guard offset != 0 else { return text + "Z" }
        let minutes = abs(offset) / 60
        return text + (offset < 0 ? "-" : "+") + Self.two(minutes / 60) + ":" + Self.two(minutes % 60)
    }

    /// "4 Jan 2026" or, `withTime`, "4 Jan 2026 07:00" (`DateFormatter`'s "d MMM yyyy HH:mm" in the reader's
    /// language, which took ICU tens of microseconds a date, under a lock).
    public func readable(_ date: Date, months: MonthNames, withTime: Bool) -> String {
        let (day, second) = local(date)
        let text = String(day.day) + " " + months.short[day.month - 1] + " " + String(day.year)
        return withTime ? text + " " + Self.two(second / 3600) + ":" + Self.two(second / 60 % 60) : text
    }

    static func two(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }
}

/// Month abbreviations as ICU writes them for `MMM` (id_ID and en_GB, checked against `DateFormatter`).
public struct MonthNames: Sendable {
    public let short: [String]
    public static let indonesian = MonthNames(
        short: ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"])
    public static let english = MonthNames(
        short: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])
}
