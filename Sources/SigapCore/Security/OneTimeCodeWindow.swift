import Foundation

/// The acceptance rule for time-based one-time codes (RFC 6238): the code of the current 30-second step or
/// one step either side is accepted, and never a step at or before the last one used, so each code works once.
public struct OneTimeCodeWindow: Sendable {
    public let interval: TimeInterval
    public let tolerance: Int

    public init(interval: TimeInterval = 30, tolerance: Int = 1) {
        self.interval = interval
        self.tolerance = tolerance
    }

    public func step(at time: Date) -> Int64 { Int64((time.timeIntervalSince1970 / interval).rounded(.down)) }

    /// The steps to try, oldest first.
    public func candidateSteps(at time: Date) -> [Int64] {
        let current = step(at: time)
        return (-tolerance...tolerance).map { current + Int64($0) }
    }

    /// The step whose code matches `code`, if it is allowed; `codeForStep` computes the expected code.
    public func acceptedStep(
        for code: String, at time: Date, lastUsedStep: Int64?, codeForStep: (Int64) -> String
    ) -> Int64? {
        let typed = code.filter(\.isNumber)
        guard typed.count == 6 else { return nil }
        var accepted: Int64?
        // Check every candidate so the time taken does not depend on which step matched.
        for step in candidateSteps(at: time) {
            let matches = SecretToken.constantTimeEquals(codeForStep(step), typed)
            if matches, step > (lastUsedStep ?? Int64.min), accepted == nil { accepted = step }
        }
        return accepted
    }
}
