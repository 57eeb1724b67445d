import Foundation

/// A kind of subject's promise and what happens when it is broken. Each subject kind with deadlines (reports
/// today; service applications and Musrenbang phases next) states its rule by conforming to this, and the one
/// deadline sweep asks it, for each due record, which breaches are new and when to look again.
public protocol EscalationRule {
    /// What the sweep reads of one record.
    associatedtype State: Sendable
    /// One broken promise to record (an event, a notification, an escalation row).
    associatedtype Breach: Sendable

    /// The breaches due at `now` that have not been recorded yet, in order, and when to look again (nil:
    /// never).
    static func evaluate(_ state: State, now: Date, calendar: WorkCalendar) -> (breaches: [Breach], nextCheck: Date?)
}
