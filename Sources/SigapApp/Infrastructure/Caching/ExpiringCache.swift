import Foundation
import NIOConcurrencyHelpers

/// Answers that are the same for every visitor, kept for a short `lifetime` per key so a crowd asking the same
/// question costs one query per key and moment. At most `capacity` keys are kept; expired ones are dropped
/// first, then everything.
final class ExpiringCache<Value: Sendable>: Sendable {
    let lifetime: TimeInterval
    let capacity: Int

    private struct Entry {
        let value: Value
        let expires: Date
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])

    init(lifetime: TimeInterval, capacity: Int) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func get(_ key: String, now: Date) -> Value? {
        entries.withLockedValue { entries in
            guard let entry = entries[key], entry.expires > now else { return nil }
            return entry.value
        }
    }

    func put(_ key: String, _ value: Value, now: Date) {
        entries.withLockedValue { entries in
            if entries.count >= capacity { entries = entries.filter { $0.value.expires > now } }
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(value: value, expires: now.addingTimeInterval(lifetime))
        }
    }
}
