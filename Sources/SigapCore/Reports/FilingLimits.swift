import Foundation

/// How many reports may come in from one source: per client address, per account, per guest contact (the
/// number or address a guest gives, which receives a paid WhatsApp message per report) and per chat. Set from
/// the environment; a limit of 0 is off. A refused filing is a 429 with the seconds to wait.
public struct FilingLimits: Sendable, Equatable {
    public var perAddressPerHour: Int
    public var perAccountPerHour: Int
    public var perContactPerDay: Int
    public var perChatPerHour: Int

    public init(
        perAddressPerHour: Int = 30, perAccountPerHour: Int = 10, perContactPerDay: Int = 5, perChatPerHour: Int = 10
    ) {
        self.perAddressPerHour = perAddressPerHour
        self.perAccountPerHour = perAccountPerHour
        self.perContactPerDay = perContactPerDay
        self.perChatPerHour = perChatPerHour
    }

    public enum Source: Hashable, Sendable {
        case address(String)
        case account(UUID)
        case contact(String)
        case chat(String)
    }

    /// The rule for a source, or nil when that limit is off.
    public func rule(for source: Source) -> AttemptThrottle? {
        let (limit, window): (Int, TimeInterval) =
            switch source {
            case .address: (perAddressPerHour, 3600)
            case .account: (perAccountPerHour, 3600)
            case .contact: (perContactPerDay, 86_400)
            case .chat: (perChatPerHour, 3600)
            }
        return limit > 0 ? AttemptThrottle(limit: limit, window: window) : nil
    }
}
