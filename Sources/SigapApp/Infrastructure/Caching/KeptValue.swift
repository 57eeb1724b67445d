import Foundation
import NIOConcurrencyHelpers

/// One value read from the database and kept until the code that changes it says so (`invalidate`): for data
/// read on every page of a feature that changes a few times a year, like Musrenbang's cycles. A load that
/// started before an invalidation is used once but not kept, so a change is never hidden by a slow reader.
final class KeptValue<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var generation = 0
    }

    private let state = NIOLockedValueBox(State())

    func get(orLoad load: () async throws -> Value) async rethrows -> Value {
        let (kept, generation) = state.withLockedValue { ($0.value, $0.generation) }
        if let kept { return kept }
        let loaded = try await load()
        state.withLockedValue { state in
            if state.generation == generation { state.value = loaded }
        }
        return loaded
    }

    func invalidate() {
        state.withLockedValue { state in
            state.value = nil
            state.generation += 1
        }
    }
}
