import Fluent
import Foundation

/// Which chat channels and which events an account wants beyond the in-app list (which always has everything).
/// No row means: every linked chat channel, every event.
final class NotificationSettings: Model, @unchecked Sendable {
    static let schema = "notification_settings"

    /// The events a person can choose, in the order the settings page lists them.
    static let events = [
        "report.received", "report.status_changed", "report.reply", "report.merged", "report.deadline_missed",
    ]

    @ID(custom: "user_id", generatedBy: .user) var id: UUID?
    @Field(key: "channels") var channels: String
    @Field(key: "events") var events: String

    init() {}

    init(userID: UUID, channels: [OutboxMessage.Channel], events: [String]) {
        self.id = userID
        self.channels = channels.map(\.rawValue).joined(separator: ",")
        self.events = events.joined(separator: ",")
    }

    var channelSet: Set<OutboxMessage.Channel> {
        Set(channels.split(separator: ",").compactMap { OutboxMessage.Channel(rawValue: String($0)) })
    }

    var eventSet: Set<String> { Set(events.split(separator: ",").map(String.init)) }
}
