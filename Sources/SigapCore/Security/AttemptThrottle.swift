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

    /// For limits that slow instead of refusing: seconds to hold the next attempt back (one more for each
    /// failure past the limit, at most `maximum`), or nil below the limit.
    public func slowdown(failures: [Date], now: Date, maximum: TimeInterval = 5) -> TimeInterval? {
        let recent = failures.filter { now.timeIntervalSince($0) < window }.count
        guard recent >= limit else { return nil }
        return min(maximum, TimeInterval(recent - limit + 1))
    }
}

/// Log-in, two-factor, token and password-change attempts. Failures are counted per account *and* address
/// first, so someone guessing an account's password from elsewhere does not lock its owner out; per address
/// across accounts, against spraying many accounts; and per account from everywhere, where the limit only slows
/// attempts down, so a crowd of addresses cannot guess fast and cannot refuse the owner either.
public enum LoginLimits {
    /// One account from one address: refused with 429.
    public static let accountAtAddress = AttemptThrottle(limit: 5, window: 60)
    /// One address, any accounts: refused with 429.
    public static let address = AttemptThrottle(limit: 20, window: 60)
    /// One account, any addresses: slowed, never refused.
    public static let account = AttemptThrottle(limit: 10, window: 60)
    /// How far back the sign-in keys' failures are read and kept.
    public static var longestWindow: TimeInterval { [accountAtAddress, address, account].map(\.window).max()! }
    /// Registration attempts (successful or not) from one address: refused with 429. Registering answers
    /// whether a contact or NIK is taken, so it must not be asked at machine speed.
    public static let registration = AttemptThrottle(limit: 10, window: 3600)
}
