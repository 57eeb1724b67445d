import Crypto
import Foundation
import NIOConcurrencyHelpers
import SigapCore

/// Counts what strangers do per key (an address, an account, a device) in memory, on this node, each key with
/// its `AttemptThrottle`. Keys are kept only as HMACs with a key made at start, so no address or number is
/// held, and are forgotten when their period is over. An attempt is counted when it is admitted, so a burst
/// cannot slip through between the check and the count.
final class KeyedLimiter: Sendable {
    private let secret = SymmetricKey(size: .bits256)
    private let seen = NIOLockedValueBox<[String: [Date]]>([:])

    /// Counts one attempt against every key, or throws 429 with the longest wait when any limit is used up.
    func admit(_ rules: [(key: String, rule: AttemptThrottle)], now: Date) throws {
        guard !rules.isEmpty else { return }
        let hashed = rules.map { (name($0.key), $0.rule) }
        let wait: Int? = seen.withLockedValue { seen in
            if seen.count > 50_000 {
                seen = seen.filter { $0.value.contains { now.timeIntervalSince($0) < 86_400 } }
            }
            if let longest = hashed.compactMap({ key, rule in rule.retryAfter(failures: seen[key] ?? [], now: now) })
                .max()
            {
                return longest
            }
            for (key, rule) in hashed {
                seen[key] = (seen[key] ?? []).filter { now.timeIntervalSince($0) < rule.window } + [now]
            }
            return nil
        }
        if let wait { throw AppError.tooManyAttempts(retryAfter: wait) }
    }

    private func name(_ key: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(key.utf8), using: secret)).base64EncodedString()
    }
}

/// Reports per source (`FilingLimits`): an address, an account, a guest contact, a chat.
extension KeyedLimiter {
    func admit(_ sources: [FilingLimits.Source], limits: FilingLimits, now: Date) throws {
        try admit(
            sources.compactMap { source in
                let key: String =
                    switch source {
                    case .address(let address): "address:" + address
                    case .account(let id): "account:" + id.uuidString
                    case .contact(let contact): "contact:" + contact
                    case .chat(let chat): "chat:" + chat
                    }
                return limits.rule(for: source).map { ("filing:" + key, $0) }
            }, now: now)
    }
}
