import Foundation

/// A date in the region, without a time: what the holiday file and the admin pages speak of (`2026-08-17`).
public struct CivilDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `2026-08-17`; nil for anything else, including dates that do not exist.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (lhs: CivilDay, rhs: CivilDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Days since 1970-01-01 (H. Hinnant's `days_from_civil`), so day arithmetic needs no Calendar.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    public var next: CivilDay { CivilDay(daysSinceEpoch: daysSinceEpoch + 1) }

    /// The day `instant` falls on in `zone`.
    public init(of instant: Date, in zone: TimeZone) {
        let local = instant.timeIntervalSince1970 + TimeInterval(zone.secondsFromGMT(for: instant))
        self.init(daysSinceEpoch: Int((local / 86_400).rounded(.down)))
    }

    /// 1 Monday … 7 Sunday (1970-01-01 was a Thursday).
    public var isoWeekday: Int { ((daysSinceEpoch % 7 + 7) % 7 + 3) % 7 + 1 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Working days and office hours of the region's government, and arithmetic on them. Deadlines ("answered
/// within 3 working days") are counted in office time: a working day is Monday–Friday in the region's time
/// zone, minus national holidays and cuti bersama, adjusted by local decisions; it lasts from the office's
/// opening to its closing. N working days after an instant is the moment when N full office days of working
/// time have passed since then, so a report filed after hours, on a weekend or a holiday starts counting at the
/// next opening.
public struct WorkCalendar: Sendable {
    public struct Hours: Sendable, Equatable {
        /// Minutes after midnight, local time.
        public let opens: Int
        public let closes: Int

        public init(opens: Int, closes: Int) {
            precondition(0 <= opens && opens < closes && closes <= 24 * 60, "office hours must be within a day")
            self.opens = opens
            self.closes = closes
        }

        public static let standard = Hours(opens: 8 * 60, closes: 16 * 60)
        public var seconds: TimeInterval { TimeInterval((closes - opens) * 60) }
    }

    public let timeZone: TimeZone
    public let hours: Hours
    /// Days off that would otherwise be working days.
    public let holidays: Set<CivilDay>
    /// Days that are working days although they fall on a weekend or a holiday (a local decision).
    public let workingOverrides: Set<CivilDay>
    /// Years for which holiday data is known; any other year is counted as Monday–Friday and reported.
    public let coveredYears: Set<Int>

    public init(
        timeZone: TimeZone, hours: Hours = .standard, holidays: Set<CivilDay>, workingOverrides: Set<CivilDay> = [],
        coveredYears: Set<Int>
    ) {
        self.timeZone = timeZone
        self.hours = hours
        self.holidays = holidays
        self.workingOverrides = workingOverrides
        self.coveredYears = coveredYears
    }

    // MARK: days

    public func civilDay(of instant: Date) -> CivilDay { CivilDay(of: instant, in: timeZone) }

    public func isWorkingDay(_ day: CivilDay) -> Bool {
        if workingOverrides.contains(day) { return true }
        if holidays.contains(day) { return false }
        return !isWeekend(day)
    }

    public func isWeekend(_ day: CivilDay) -> Bool { day.isoWeekday >= 6 }

    /// The years in `years` the calendar has no holiday data for.
    public func uncoveredYears(_ years: some Sequence<Int>) -> [Int] {
        years.filter { !coveredYears.contains($0) }
    }

    /// Local midnight of `day`. The region's zones (WIB, WITA, WIT) have no daylight saving time, so the offset
    /// at noon UTC of that day is the offset of the whole day.
    /// The end of the region's day that contains `instant` (the next day's midnight).
    public func endOfDay(containing instant: Date) -> Date { startOfDay(civilDay(of: instant).next) }

    /// A calendar year in the region's days: from its first midnight to the next year's.
    public func span(ofYear year: Int) -> (start: Date, end: Date) {
        (startOfDay(CivilDay(year: year, month: 1, day: 1)), startOfDay(CivilDay(year: year + 1, month: 1, day: 1)))
    }

    public func startOfDay(_ day: CivilDay) -> Date {
        let utcMidnight = TimeInterval(day.daysSinceEpoch) * 86_400
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: utcMidnight + 43_200))
        return Date(timeIntervalSince1970: utcMidnight - TimeInterval(offset))
    }

    /// The office window of `day`, or nil when it is not a working day.
    func officeWindow(_ day: CivilDay) -> (opens: Date, closes: Date)? {
        guard isWorkingDay(day) else { return nil }
        let midnight = startOfDay(day)
        return (
            midnight.addingTimeInterval(TimeInterval(hours.opens * 60)),
            midnight.addingTimeInterval(TimeInterval(hours.closes * 60))
        )
    }

    // MARK: arithmetic

    /// The instant at which `workingDays` full office days of working time have passed since `start`.
    /// Filed at 16:00 on a Friday before a holiday Monday, 3 working days end at 16:00 on Thursday.
    public func adding(workingDays: Int, to start: Date) -> Date {
        adding(workingSeconds: TimeInterval(workingDays) * hours.seconds, to: start)
    }

    /// The instant at which `seconds` of office time have passed since `start`.
    public func adding(workingSeconds seconds: TimeInterval, to start: Date) -> Date {
        guard seconds > 0 else { return start }
        var remaining = seconds
        var day = civilDay(of: start)
        // Bounded: a year of days off in a row would mean broken data, not a deadline.
        for _ in 0..<(366 * 3) {
            if let window = officeWindow(day) {
                let from = max(window.opens, start)
                let available = window.closes.timeIntervalSince(from)
                if available > 0 {
                    if remaining <= available { return from.addingTimeInterval(remaining) }
                    remaining -= available
                }
            }
            day = day.next
        }
        return start.addingTimeInterval(seconds)
    }

    /// Office time between two instants (zero when `end` is not after `start`).
    public func workingSeconds(from start: Date, to end: Date) -> TimeInterval {
        guard end > start else { return 0 }
        var total: TimeInterval = 0
        var day = civilDay(of: start)
        let last = civilDay(of: end)
        while day <= last {
            if let window = officeWindow(day) {
                let from = max(window.opens, start)
                let to = min(window.closes, end)
                if to > from { total += to.timeIntervalSince(from) }
            }
            day = day.next
        }
        return total
    }
}
