import Fluent
import Foundation
import SigapCore
import Vapor

/// Log-in throttling shared by all app nodes through the database. Keys are keyed hashes of the account
/// identifier and the client address, so the table holds no e-mail, phone number or IP address.
struct LoginThrottle {
    let request: Request
    let rule = AttemptThrottle(limit: 5, window: 60)

    func keys(identifier: String) -> [String] {
        let cipher = request.sigap.cipher
        let account = ContactIdentifier(identifier)?.canonical ?? identifier.lowercased()
        return [
            cipher.lookupToken(account, purpose: "throttle-account"),
            cipher.lookupToken(request.clientAddress, purpose: "throttle-address"),
        ]
    }

    /// Throws 429 with Retry-After when any key has used up its attempts.
    func check(_ keys: [String]) async throws {
        let now = request.now
        let recent = try await LoginFailure.query(on: request.db)
            .filter(\.$throttleKey ~~ keys)
            .filter(\.$failedAt > now.addingTimeInterval(-rule.window))
            .all()
        let waits = Dictionary(grouping: recent, by: \.throttleKey)
            .compactMap { rule.retryAfter(failures: $0.value.map(\.failedAt), now: now) }
        if let wait = waits.max() { throw AppError.tooManyAttempts(retryAfter: wait) }
    }

    func recordFailure(_ keys: [String]) async throws {
        let now = request.now
        let window = rule.window
        try await request.context.write { db in
            try await LoginFailure.query(on: db)
                .filter(\.$throttleKey ~~ keys)
                .filter(\.$failedAt < now.addingTimeInterval(-window))
                .delete()
            for key in keys { try await LoginFailure(throttleKey: key, failedAt: now).create(on: db) }
        }
    }
}
