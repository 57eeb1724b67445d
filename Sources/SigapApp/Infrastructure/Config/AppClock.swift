import Foundation

/// Where "now" comes from. Production reads the system clock; tests inject a fixed or stepping one.
public struct AppClock: Sendable {
    public let now: @Sendable () -> Date
    public init(now: @escaping @Sendable () -> Date) { self.now = now }
    public static let system = AppClock { Date() }

    /// The system clock moved by whole days (`SIGAP_CLOCK_OFFSET_DAYS`): a rehearsal, or a browser test, reaches
    /// a Musrenbang phase that is still weeks away. Never for a live region.
    public static func system(shiftedByDays days: Int) -> AppClock {
        days == 0 ? .system : AppClock { Date().addingTimeInterval(TimeInterval(days) * 86_400) }
    }
}
