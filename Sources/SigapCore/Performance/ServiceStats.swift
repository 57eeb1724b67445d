import Foundation

/// The numbers leadership and the public see for a group of reports (an agency, a kecamatan): computed here,
/// from plain rows, so the definitions are in one place and tested against hand-computed values.
public enum ServiceStats {
    /// One report, as much as the statistics need.
    public struct Row: Sendable {
        public let group: String
        public let filedAt: Date
        /// When the current agency's clock started (filing or the last reassignment).
        public let clockStartedAt: Date
        public let responseDue: Date?
        public let respondedAt: Date?
        public let open: Bool
        public let resolved: Bool
        public let late: Bool
        public let rating: Int?

        public init(
            group: String, filedAt: Date, clockStartedAt: Date, responseDue: Date?, respondedAt: Date?, open: Bool,
            resolved: Bool, late: Bool, rating: Int?
        ) {
            self.group = group
            self.filedAt = filedAt
            self.clockStartedAt = clockStartedAt
            self.responseDue = responseDue
            self.respondedAt = respondedAt
            self.open = open
            self.resolved = resolved
            self.late = late
            self.rating = rating
        }

        /// The response deadline has passed or was met: the report counts in the compliance ratio.
        func isDue(at now: Date) -> Bool {
            respondedAt != nil || (responseDue.map { $0 <= now } ?? false)
        }

        func respondedOnTime() -> Bool {
            guard let respondedAt, let responseDue else { return false }
            return respondedAt <= responseDue
        }
    }

    public struct Summary: Sendable, Equatable {
        public let group: String
        public let received: Int
        public let open: Int
        public let lateNow: Int
        /// Reports whose response deadline has passed or that were answered.
        public let due: Int
        public let respondedOnTime: Int
        public let resolved: Int
        public let rated: Int
        /// Median working hours from the clock's start to the first response, over answered reports.
        public let medianResponseHours: Double?
        public let averageRating: Double?

        /// Responded within the deadline / due, in percent.
        public var compliancePercent: Double? { due == 0 ? nil : Double(respondedOnTime) * 100 / Double(due) }
        /// Resolved / received, in percent.
        public var resolutionPercent: Double? { received == 0 ? nil : Double(resolved) * 100 / Double(received) }
    }

    /// One summary per group, in the order of `groups` (groups without reports get zeros, so every agency is
    /// on the league table).
    public static func summarize(_ rows: [Row], groups: [String], now: Date, calendar: WorkCalendar) -> [Summary] {
        let byGroup = Dictionary(grouping: rows, by: \.group)
        return groups.map { summarize(byGroup[$0] ?? [], group: $0, now: now, calendar: calendar) }
    }

    public static func summarize(_ rows: [Row], group: String, now: Date, calendar: WorkCalendar) -> Summary {
        let responseHours = rows.compactMap { row in
            row.respondedAt.map { calendar.workingSeconds(from: row.clockStartedAt, to: $0) / 3600 }
        }
        let ratings = rows.compactMap(\.rating)
        return Summary(
            group: group, received: rows.count, open: rows.count { $0.open },
            lateNow: rows.count { $0.open && $0.late }, due: rows.count { $0.isDue(at: now) },
            respondedOnTime: rows.count { $0.respondedOnTime() }, resolved: rows.count { $0.resolved },
            rated: ratings.count, medianResponseHours: median(responseHours),
            averageRating: ratings.isEmpty ? nil : Double(ratings.reduce(0, +)) / Double(ratings.count))
    }

    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// One week of the trend chart.
    public struct Week: Sendable, Equatable {
        public let starts: CivilDay
        public let received: Int
        /// Filed that week and answered late, or not answered by a deadline already passed.
        public let late: Int
    }

    /// The `count` weeks (Monday to Sunday, local time) ending with the week of `now`, oldest first.
    public static func weekly(_ rows: [Row], weeks count: Int, now: Date, calendar: WorkCalendar) -> [Week] {
        let today = calendar.civilDay(of: now)
        let thisMonday = today.daysSinceEpoch - (today.isoWeekday - 1)
        let first = thisMonday - 7 * (count - 1)
        var received = [Int](repeating: 0, count: count)
        var late = [Int](repeating: 0, count: count)
        for row in rows {
            let index = (calendar.civilDay(of: row.filedAt).daysSinceEpoch - first) / 7
            guard calendar.civilDay(of: row.filedAt).daysSinceEpoch >= first, index < count else { continue }
            received[index] += 1
            if row.isDue(at: now), !row.respondedOnTime() { late[index] += 1 }
        }
        return (0..<count).map {
            Week(starts: CivilDay(daysSinceEpoch: first + 7 * $0), received: received[$0], late: late[$0])
        }
    }
}
