import Foundation

/// Where "now" comes from. Production reads the system clock; tests inject a fixed or stepping one.
public struct AppClock: Sendable {
    public let now: @Sendable () -> Date
    public init(now: @escaping @Sendable () -> Date) { self.now = now }
    public static let system = AppClock { Date() }
}
