import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Map pins are the same for every visitor (public reports only), and a map page asks for the same boxes as its
/// neighbours. Answers are kept for a few seconds per query string, so a crowd opening the map costs one query
/// per box and moment; a pin may appear up to `lifetime` late. At most `capacity` boxes are kept.
final class PinCache: Sendable {
    static let lifetime: TimeInterval = 5
    static let capacity = 512

    private struct Entry {
        let body: ByteBuffer
        let expires: Date
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])

    func get(_ key: String, now: Date) -> ByteBuffer? {
        entries.withLockedValue { entries in
            guard let entry = entries[key], entry.expires > now else { return nil }
            return entry.body
        }
    }

    func put(_ key: String, _ body: ByteBuffer, now: Date) {
        entries.withLockedValue { entries in
            if entries.count >= Self.capacity { entries = entries.filter { $0.value.expires > now } }
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(body: body, expires: now.addingTimeInterval(Self.lifetime))
        }
    }
}
