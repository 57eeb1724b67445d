import Fluent
import Foundation
import SigapCore

/// A browser's push subscription as Sigap keeps it: a line of the account's `chat_links` row for channel `push`
/// (`PushDevices`).
struct PushSubscription: Codable, Equatable, Sendable {
    let endpoint: String
    let p256dh: String
    let auth: String

    /// What `PushSubscription.toJSON()` gives in the browser.
    struct Browser: Codable {
        struct Keys: Codable {
            let p256dh: String
            let auth: String
        }
        let endpoint: String
        let keys: Keys
    }

    /// A subscription whose keys are well formed and whose endpoint belongs to an allowed push service; nil
    /// otherwise.
    init?(_ browser: Browser, services: [String]) {
        guard PushSubscriptionKeys(p256dh: browser.keys.p256dh, auth: browser.keys.auth) != nil,
            browser.endpoint.utf8.count <= 1024, PushServices.allow(browser.endpoint, services)
        else { return nil }
        endpoint = browser.endpoint
        p256dh = browser.keys.p256dh
        auth = browser.keys.auth
    }

    /// The stored form (`chat_links.chat_id`).
    init?(stored: String) {
        guard let decoded = try? JSONDecoder().decode(Self.self, from: Data(stored.utf8)) else { return nil }
        self = decoded
    }

    var stored: String { String(decoding: try! Self.encoder.encode(self), as: UTF8.self) }

    var keys: PushSubscriptionKeys? { PushSubscriptionKeys(p256dh: p256dh, auth: auth) }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

/// An account's push devices: its one `chat_links` row for channel `push` (one row per account and channel, as
/// for every chat) holds one stored subscription a line, newest last. The outbox hands the row to
/// `WebPushSender`, which sends to each line.
enum PushDevices {
    static func lines(_ stored: String) -> [String] { stored.split(separator: "\n").map(String.init) }

    /// Removes the device with `endpoint` from whichever account has it; a row left empty goes.
    static func forget(_ endpoint: String, on db: any Database) async throws {
        // LIKE narrows the rows (its `_` may match more), the exact comparison decides.
        let holders = try await ChatLink.query(on: db).filter(\.$channel == .push).filter(\.$chatID ~~ endpoint).all()
            .filter {
                lines($0.chatID).contains { PushSubscription(stored: $0)?.endpoint == endpoint }
            }
        for row in holders {
            let left = lines(row.chatID).filter { PushSubscription(stored: $0)?.endpoint != endpoint }
            if left.isEmpty {
                try await row.delete(on: db)
            } else {
                row.chatID = left.joined(separator: "\n")
                try await row.save(on: db)
            }
        }
    }
}
