import Foundation

/// When to try a failed message again: exponential back-off from 30 seconds, doubled per failure up to an hour,
/// and never sooner than the channel asked (`retry_after`).
public enum DeliveryRetry {
    public static let base: TimeInterval = 30
    public static let cap: TimeInterval = 3600

    /// The wait after the `failures`-th failure (1 for the first).
    public static func delay(afterFailures failures: Int, retryAfter: TimeInterval? = nil) -> TimeInterval {
        let backoff = min(cap, base * pow(2, Double(max(0, failures - 1))))
        return max(backoff, retryAfter ?? 0)
    }
}
