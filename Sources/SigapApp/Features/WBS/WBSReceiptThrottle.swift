import Crypto
import Foundation
import NIOConcurrencyHelpers
import SigapCore

/// Guards the receipt check, the one door of a whistleblower's case. Wrong receipts are counted in memory only,
/// per source (an HMAC of the address with a key made at start, so the address itself is never kept), and
/// forgotten once their minute is over. There is no limit for everyone together: a global refusal let 21
/// addresses lock every whistleblower out. Instead at most `concurrentChecks` receipts are hashed at once
/// (bcrypt is what a flood would spend), so a flood makes a genuine reporter wait a moment, never turns them away.
final class WBSReceiptThrottle: Sendable {
    static let perSource = AttemptThrottle(limit: 5, window: 60)
    static let concurrentChecks = 2

    private let key = SymmetricKey(size: .bits256)
    private let failures = NIOLockedValueBox<[String: [Date]]>([:])
    private let gate = AsyncGate(permits: concurrentChecks)

    private func source(_ address: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(address.utf8), using: key)).base64EncodedString()
    }

    /// Seconds this source must wait, or nil when a guess may be checked now.
    func retryAfter(address: String, now: Date) -> Int? {
        let key = source(address)
        let mine = failures.withLockedValue { failures in
            failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < Self.perSource.window } }
            return failures[key] ?? []
        }
        return Self.perSource.retryAfter(failures: mine, now: now)
    }

    func recordFailure(address: String, now: Date) {
        let key = source(address)
        failures.withLockedValue { $0[key, default: []].append(now) }
    }

    /// Runs a receipt check when one of the permits is free.
    func checking<T: Sendable>(_ check: @Sendable () async throws -> T) async throws -> T {
        try await gate.withPermit(check)
    }
}
