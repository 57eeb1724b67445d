import Foundation

/// The shipped national holiday file (`Resources/Calendar/holidays.json`) plus local decisions, merged into a
/// `WorkCalendar`.
public struct HolidayList: Sendable, Decodable {
    public enum Status: String, Sendable, Decodable {
        /// Published by the government (SKB of the three ministers).
        case resmi
        /// Estimated before the SKB is published: the year counts, but admins should check it.
        case perkiraan
    }

    public struct Year: Sendable, Decodable {
        public let year: Int
        public let status: Status
        public let days: [Day]
    }

    public struct Day: Sendable, Decodable {
        public let date: String
        public let name: String
        public let kind: String
    }

    public let years: [Year]

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// Decodes the file and checks every date, so a typo fails the start instead of moving a deadline.
    public static func parse(_ data: Data) throws -> HolidayList {
        let list = try JSONDecoder().decode(HolidayList.self, from: data)
        for year in list.years {
            for day in year.days {
                guard let parsed = CivilDay(day.date), parsed.year == year.year else {
                    throw Invalid(description: "holidays.json: \(day.date) is not a date of \(year.year)")
                }
            }
        }
        return list
    }

    public var coveredYears: Set<Int> { Set(years.map(\.year)) }
    public var provisionalYears: Set<Int> { Set(years.filter { $0.status == .perkiraan }.map(\.year)) }
    public var days: Set<CivilDay> { Set(years.flatMap { $0.days.compactMap { CivilDay($0.date) } }) }
}

/// A local decision of the regional government about one date.
public struct LocalCalendarDay: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// An extra day off (a regional holiday, a local cuti bersama).
        case libur
        /// A working day after all (a national date the region does not observe, a replacement Saturday).
        case masuk
    }

    public let day: CivilDay
    public let kind: Kind

    public init(day: CivilDay, kind: Kind) {
        self.day = day
        self.kind = kind
    }
}

extension WorkCalendar {
    /// The national list with the region's own days applied on top. A year the national file lacks counts as
    /// covered once an administrator has entered days off for it.
    public init(
        timeZone: TimeZone, hours: Hours = .standard, national: HolidayList, local: [LocalCalendarDay]
    ) {
        var holidays = national.days
        var overrides = Set<CivilDay>()
        for entry in local {
            switch entry.kind {
            case .libur:
                holidays.insert(entry.day)
                overrides.remove(entry.day)
            case .masuk:
                holidays.remove(entry.day)
                overrides.insert(entry.day)
            }
        }
        self.init(
            timeZone: timeZone, hours: hours, holidays: holidays, workingOverrides: overrides,
            coveredYears: national.coveredYears.union(local.filter { $0.kind == .libur }.map(\.day.year)))
    }
}
