import NIOConcurrencyHelpers

/// Bounds how many test instances run against PostgreSQL at once.
///
/// Swift Testing starts every test together; on PostgreSQL each one creates a database, runs every migration and
/// opens its own connection pool. With ~500 tests on two cores the cluster ran out of connections and transactions
/// queued past the 15 s watchdog, failing tests that pass alone. In-memory SQLite needs no such bound.
enum TestSlots {
    /// Enough to keep both cores and the cluster busy, few enough to stay far below `max_connections`.
    static let postgresLimit = 12

    @TaskLocal static var held = false

    private static let state = NIOLockedValueBox(State())

    private struct State {
        var free = TestSlots.postgresLimit
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    /// Runs `body` once a slot is free. A test that starts a second instance inside the first reuses its slot,
    /// so nesting cannot wait on itself.
    static func run<T>(_ body: () async throws -> T) async throws -> T {
        if held { return try await body() }
        await acquire()
        defer { release() }
        return try await $held.withValue(true) { try await body() }
    }

    private static func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let granted = state.withLockedValue { state -> Bool in
                if state.free > 0 {
                    state.free -= 1
                    return true
                }
                state.waiting.append(continuation)
                return false
            }
            if granted { continuation.resume() }
        }
    }

    private static func release() {
        let next = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty {
                state.free += 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
