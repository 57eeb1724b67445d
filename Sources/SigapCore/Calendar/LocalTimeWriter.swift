import Foundation
import Synchronization

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
