import Foundation
import NIOConcurrencyHelpers

/// At most `permits` bodies at once; the others wait their turn in order. With `maxWaiting`, a body that would
/// wait behind that many others is refused at once (`Busy`) instead of joining an endless queue.
actor AsyncGate {
    struct Busy: Error {}

    private var free: Int
    private let permits: Int
    private let maxWaiting: Int?
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(permits: Int, maxWaiting: Int? = nil) {
        free = permits
        self.permits = permits
        self.maxWaiting = maxWaiting
    }

    func withPermit<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await body()
    }

    /// How many wait for a permit now (tests and diagnostics).
    var waitingCount: Int { waiting.count }
    /// Nobody holds or waits for a permit.
    var isIdle: Bool { waiting.isEmpty && free == permits }

    private func acquire() async throws {
        if free > 0 {
            free -= 1
            return
        }
        if let maxWaiting, waiting.count >= maxWaiting { throw Busy() }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// Runs the bodies given for one key one after another, in the order they arrived; different keys run side by
/// side. One chat's messages are handled this way, so two webhooks of the same chat never interleave.
actor SerialByKey {
    private var tails: [String: Task<Void, Never>] = [:]

    func run<T: Sendable>(_ key: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let previous = tails[key]
        let work = Task {
            await previous?.value
            return try await body()
        }
        let tail = Task { _ = await work.result }
        tails[key] = tail
        let result = await work.result
        if tails[key] == tail { tails[key] = nil }
        return try result.get()
    }
}

/// Wakes a waiting loop early: the outbox delivery loop sleeps its interval unless a chat reply was just queued.
/// A ring while nobody waits is kept for the next wait, so no ring is lost.
final class Bell: Sendable {
    private let state = NIOLockedValueBox<(rung: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

    func ring() {
        let waiter = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.rung = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Returns at the next ring, after `seconds`, or when the task is cancelled, whichever comes first.
    func wait(upTo seconds: TimeInterval) async {
        let timer = Task { [weak self] in
            try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            self?.ring()
        }
        defer { timer.cancel() }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = state.withLockedValue { state -> Bool in
                    if state.rung {
                        state.rung = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            ring()
        }
    }
}
