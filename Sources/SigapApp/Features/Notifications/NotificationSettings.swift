import Fluent
import Foundation
import SigapCore

/// Which chat channels and which events an account wants beyond the in-app list (which always has everything).
/// No row means: every linked chat channel, every event.
final class NotificationSettings: Model, @unchecked Sendable {
    static let schema = "notification_settings"

    @ID(custom: "user_id", generatedBy: .user) var id: UUID?
    @Field(key: "channels") var channels: String
    @Field(key: "events") var events: String

    init() {}

    init(userID: UUID, channels: [OutboxMessage.Channel], events: [EventKind]) {
        self.id = userID
        self.channels = channels.map(\.rawValue).joined(separator: ",")
        self.events = events.map(\.rawValue).joined(separator: ",")
    }

    /// What the row says, parsed once.
    struct Choice: Sendable {
        let channels: Set<OutboxMessage.Channel>
        let events: Set<EventKind>
    }

    var choice: Choice {
        Choice(
            channels: Set(channels.split(separator: ",").compactMap { OutboxMessage.Channel(rawValue: String($0)) }),
            events: Set(events.split(separator: ",").compactMap { EventKind(rawValue: String($0)) }))
    }
}
