import Foundation

/// The promise made to a reporter and what happens when an agency does not keep it.
///
/// At filing, and again at each reassignment, a report gets a first-response deadline and a resolution
/// deadline counted in working days. When the response deadline passes without an answer the report escalates
/// to leadership (level 1); if it is still untouched `repeatEvery` working days later it escalates again, up
/// to `maximumLevel`. A resolution deadline passed while the report is still open escalates once.
public enum ServiceLevel: EscalationRule {
    public static let defaultResponseWorkingDays = 3
    public static let repeatEvery = 2
    /// Level 3 is a week past the promise; leadership already has the report on its list by then, and more
    /// messages to the same people would only teach them to ignore them.
    public static let maximumLevel = 3

    public struct Deadlines: Sendable, Equatable {
        public let response: Date
        public let resolution: Date
    }

    public static func deadlines(
        from start: Date, responseWorkingDays: Int, resolutionWorkingDays: Int, calendar: WorkCalendar
    ) -> Deadlines {
        Deadlines(
            response: calendar.adding(workingDays: responseWorkingDays, to: start),
            resolution: calendar.adding(workingDays: max(resolutionWorkingDays, responseWorkingDays), to: start))
    }

    /// What the sweep knows of a report.
    public struct State: Sendable, Equatable {
        public var responseDue: Date
        public var resolutionDue: Date
        public var responded: Bool
        public var open: Bool
        public var level: Int
        public var resolutionLate: Bool

        public init(
            responseDue: Date, resolutionDue: Date, responded: Bool, open: Bool, level: Int, resolutionLate: Bool
        ) {
            self.responseDue = responseDue
            self.resolutionDue = resolutionDue
            self.responded = responded
            self.open = open
            self.level = level
            self.resolutionLate = resolutionLate
        }
    }

    public enum Breach: Sendable, Equatable {
        /// No first response: the level reached, and the deadline it is measured against.
        case response(level: Int, due: Date)
        case resolution(due: Date)
    }

    /// When the response escalation of `level` falls due.
    public static func escalationDue(level: Int, responseDue: Date, calendar: WorkCalendar) -> Date {
        calendar.adding(workingDays: repeatEvery * (level - 1), to: responseDue)
    }

    /// The breaches due at `now` that have not been recorded yet, in order, and when to look again (nil: never).
    public static func evaluate(_ state: State, now: Date, calendar: WorkCalendar) -> (
        breaches: [Breach], nextCheck: Date?
    ) {
        guard state.open else { return ([], nil) }
        var breaches: [Breach] = []
        var level = state.level
        var nextResponseCheck: Date?
        if !state.responded {
            while level < maximumLevel {
                let due = escalationDue(level: level + 1, responseDue: state.responseDue, calendar: calendar)
                guard due <= now else {
                    nextResponseCheck = due
                    break
                }
                level += 1
                breaches.append(.response(level: level, due: due))
            }
        }
        var nextResolutionCheck: Date?
        if !state.resolutionLate {
            if state.resolutionDue <= now {
                breaches.append(.resolution(due: state.resolutionDue))
            } else {
                nextResolutionCheck = state.resolutionDue
            }
        }
        let next = [nextResponseCheck, nextResolutionCheck].compactMap { $0 }.min()
        return (breaches, next)
    }
}
