import Crypto
import Foundation
import NIOConcurrencyHelpers
import SigapCore

/// Counts filings per source (`FilingLimits`) in memory, on this node: an address, an account, a guest
/// contact, a chat. Sources are kept only as HMACs with a key made at start, so no address or number is
/// held, and forgotten when their period is over. A filing is counted when it is admitted, so a burst cannot
/// slip through between the check and the count.
final class FilingLimiter: Sendable {
    private let key = SymmetricKey(size: .bits256)
    private let seen = NIOLockedValueBox<[String: [Date]]>([:])

    private func name(_ source: FilingLimits.Source) -> String {
        let text =
            switch source {
            case .address(let address): "address:" + address
            case .account(let id): "account:" + id.uuidString
            case .contact(let contact): "contact:" + contact
            case .chat(let chat): "chat:" + chat
            }
        return Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key)).base64EncodedString()
    }

    /// Counts one filing from `sources`, or throws 429 with the longest wait when any of their limits is used up.
    func admit(_ sources: [FilingLimits.Source], limits: FilingLimits, now: Date) throws {
        let rules = sources.compactMap { source in limits.rule(for: source).map { (name(source), $0) } }
        guard !rules.isEmpty else { return }
        let wait: Int? = seen.withLockedValue { seen in
            if seen.count > 50_000 {
                seen = seen.filter { $0.value.contains { now.timeIntervalSince($0) < 86_400 } }
            }
            let waits = rules.compactMap { key, rule in
                rule.retryAfter(failures: seen[key] ?? [], now: now)
            }
            if let longest = waits.max() { return longest }
            for (key, rule) in rules {
                seen[key] = (seen[key] ?? []).filter { now.timeIntervalSince($0) < rule.window } + [now]
            }
            return nil
        }
        if let wait { throw AppError.tooManyAttempts(retryAfter: wait) }
    }
}
