import Crypto
import Foundation
import NIOConcurrencyHelpers
import SigapCore

/// Wrong receipts, counted in memory only: per source (an HMAC of the address with a key made at start, so the
/// address itself is never kept) and for everyone together, and forgotten once their minute is over.
final class WBSReceiptThrottle: Sendable {
    static let perSource = AttemptThrottle(limit: 5, window: 60)
    static let global = AttemptThrottle(limit: 100, window: 60)

    private let key = SymmetricKey(size: .bits256)
    private let failures = NIOLockedValueBox<[String: [Date]]>([:])
    private let all = NIOLockedValueBox<[Date]>([])

    private func source(_ address: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(address.utf8), using: key)).base64EncodedString()
    }

    /// Seconds to wait, or nil when a guess may be checked now.
    func retryAfter(address: String, now: Date) -> Int? {
        let key = source(address)
        let mine = failures.withLockedValue { failures in
            failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < Self.perSource.window } }
            return failures[key] ?? []
        }
        let everyone = all.withLockedValue { all in
            all.removeAll { now.timeIntervalSince($0) >= Self.global.window }
            return all
        }
        return Self.perSource.retryAfter(failures: mine, now: now)
            ?? Self.global.retryAfter(failures: everyone, now: now)
    }

    func recordFailure(address: String, now: Date) {
        let key = source(address)
        failures.withLockedValue { $0[key, default: []].append(now) }
        all.withLockedValue { $0.append(now) }
    }
}
