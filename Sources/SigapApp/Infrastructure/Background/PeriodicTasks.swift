import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Loops the server runs beside request handling (the service-level sweep now, outbox delivery later). Each
/// runs its work, waits its interval, and repeats until the application shuts down; a failing round is logged
/// and the next one tries again. Only `sigap serve` starts them: tests and one-shot commands call the work
/// directly.
final class PeriodicTasks: LifecycleHandler, Sendable {
    private let tasks = NIOLockedValueBox<[Task<Void, Never>]>([])

    func start(
        _ name: String, every interval: TimeInterval, wokenBy bell: Bell? = nil, logger: Logger,
        _ work: @escaping @Sendable () async throws -> Void
    ) {
        let task = Task {
            while !Task.isCancelled {
                do {
                    try await work()
                } catch {
                    logger.error("\(name) failed: \(String(reflecting: error))")
                }
                if let bell {
                    await bell.wait(upTo: interval)
                } else {
                    try? await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
                }
            }
        }
        tasks.withLockedValue { $0.append(task) }
    }

    func shutdownAsync(_ application: Application) async {
        let running = tasks.withLockedValue { tasks in
            defer { tasks = [] }
            return tasks
        }
        for task in running { task.cancel() }
        for task in running { await task.value }
    }
}

extension Application {
    private struct PeriodicTasksKey: StorageKey { typealias Value = PeriodicTasks }

    /// Created in `configure`, so the shutdown hook is registered before anything starts.
    var periodicTasks: PeriodicTasks {
        get { storage[PeriodicTasksKey.self]! }
        set { storage[PeriodicTasksKey.self] = newValue }
    }
}
