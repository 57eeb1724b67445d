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
        var tally = Tally()
        for row in rows { tally.add(row, asOf: now, calendar: calendar) }
        return tally.summary(group: group, now: now)
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
        var days: [Int: Tally] = [:]
        for row in rows {
            days[calendar.civilDay(of: row.filedAt).daysSinceEpoch, default: Tally()]
                .add(row, asOf: now, calendar: calendar)
        }
        return weekly(days: days, weeks: count, now: now, calendar: calendar)
    }

    /// The same from the tallies of the reports filed on each local day (by days since 1970).
    public static func weekly(days: [Int: Tally], weeks count: Int, now: Date, calendar: WorkCalendar) -> [Week] {
        let today = calendar.civilDay(of: now)
        let thisMonday = today.daysSinceEpoch - (today.isoWeekday - 1)
        let first = thisMonday - 7 * (count - 1)
        var received = [Int](repeating: 0, count: count)
        var late = [Int](repeating: 0, count: count)
        for (day, tally) in days where day >= first {
            let index = (day - first) / 7
            guard index < count else { continue }
            received[index] += tally.received
            late[index] += tally.late(at: now)
        }
        return (0..<count).map {
            Week(starts: CivilDay(daysSinceEpoch: first + 7 * $0), received: received[$0], late: late[$0])
        }
    }

    /// What the statistics need of a set of reports, summable: the tallies of single days add up to a period's,
    /// so a period's numbers are kept current by recounting only the days whose reports changed. Counts that
    /// depend on the time asked for (a response deadline passing) keep the deadlines still ahead at `asOf`.
    public struct Tally: Sendable, Equatable {
        public var received = 0
        public var open = 0
        public var lateNow = 0
        public var answered = 0
        public var answeredOnTime = 0
        public var resolved = 0
        public var rated = 0
        public var ratingSum = 0
        /// Unanswered reports whose response deadline had passed at the tally's `asOf`.
        public var unansweredOverdue = 0
        /// The response deadlines of unanswered reports still ahead at `asOf`.
        public var pendingDeadlines: [Date] = []
        /// Working hours from the clock's start to the first response, per answered report.
        public var responseHours: [Double] = []

        public init() {}

        public mutating func add(_ row: Row, asOf: Date, calendar: WorkCalendar) {
            received += 1
            if row.open { open += 1 }
            if row.open && row.late { lateNow += 1 }
            if row.resolved { resolved += 1 }
            if let rating = row.rating {
                rated += 1
                ratingSum += rating
            }
            if let respondedAt = row.respondedAt {
                answered += 1
                if row.respondedOnTime() { answeredOnTime += 1 }
                responseHours.append(calendar.workingSeconds(from: row.clockStartedAt, to: respondedAt) / 3600)
            } else if let due = row.responseDue {
                if due <= asOf { unansweredOverdue += 1 } else { pendingDeadlines.append(due) }
            }
        }

        public mutating func merge(_ other: Tally) {
            received += other.received
            open += other.open
            lateNow += other.lateNow
            answered += other.answered
            answeredOnTime += other.answeredOnTime
            resolved += other.resolved
            rated += other.rated
            ratingSum += other.ratingSum
            unansweredOverdue += other.unansweredOverdue
            pendingDeadlines += other.pendingDeadlines
            responseHours += other.responseHours
        }

        /// Answered, or past the response deadline at `now` (not before the tally's `asOf`).
        public func due(at now: Date) -> Int {
            answered + unansweredOverdue + pendingDeadlines.count { $0 <= now }
        }

        /// Due and not answered on time: answered late, or not answered by a deadline already passed.
        public func late(at now: Date) -> Int { due(at: now) - answeredOnTime }

        public func summary(group: String, now: Date) -> Summary {
            Summary(
                group: group, received: received, open: open, lateNow: lateNow, due: due(at: now),
                respondedOnTime: answeredOnTime, resolved: resolved, rated: rated,
                medianResponseHours: ServiceStats.median(responseHours),
                averageRating: rated == 0 ? nil : Double(ratingSum) / Double(rated))
        }
    }
}
