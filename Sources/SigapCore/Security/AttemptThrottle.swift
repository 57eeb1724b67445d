import Foundation

/// "At most `limit` failures within `window`": the rule behind log-in throttling, kept free of storage so
/// it can be tested with plain dates.
public struct AttemptThrottle: Sendable {
    public let limit: Int
    public let window: TimeInterval

    public init(limit: Int = 5, window: TimeInterval = 60) {
        self.limit = limit
        self.window = window
    }

    /// Seconds to wait before the next attempt is allowed, or nil when an attempt may go ahead now.
    /// - Parameter failures: times of recent failures for one key (account or address), any order.
    public func retryAfter(failures: [Date], now: Date) -> Int? {
        let recent = failures.filter { now.timeIntervalSince($0) < window }.sorted()
        guard recent.count >= limit else { return nil }
        // The attempt is allowed again once enough failures have aged out of the window.
        let freeing = recent[recent.count - limit]
        return max(1, Int((freeing.addingTimeInterval(window).timeIntervalSince(now)).rounded(.up)))
    }
}
