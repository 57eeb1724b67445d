import Foundation

/// Runs one computation per key at a time: callers that ask while it runs wait for the same result instead of
/// starting their own. With `ExpiringCache` in front, a crowd arriving when an entry expires costs one
/// computation, not one per visitor.
actor SingleFlight<Value: Sendable> {
    private var running: [String: Task<Value, any Error>] = [:]

    func value(for key: String, _ compute: @escaping @Sendable () async throws -> Value) async throws -> Value {
        if let task = running[key] { return try await task.value }
        let task = Task { try await compute() }
        running[key] = task
        defer { running[key] = nil }
        return try await task.value
    }
}
