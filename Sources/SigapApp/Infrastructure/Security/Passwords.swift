import SigapCore
import Vapor

/// Bcrypt hashing on the application's thread pool, never on an event loop: one hash takes ~200 ms at cost 12
/// and would stall every connection served by that loop.
struct Passwords: Sendable {
    let cost: Int
    let threadPool: NIOThreadPool
    /// A hash at the configured cost, made once at start, for `verifyAgainstNothing`.
    let decoyHash: String

    init(cost: Int, threadPool: NIOThreadPool) throws {
        self.cost = cost
        self.threadPool = threadPool
        decoyHash = try Bcrypt.hash(SecretToken.urlSafe(), cost: cost)
    }

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await offload { try Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        try await offload { (try? Bcrypt.verify(password, created: hash)) ?? false }
    }

    /// Runs slow work on the thread pool, away from event loops and Swift's cooperative threads.
    func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await threadPool.runIfActive(work)
    }

    /// Spends the time of one verification when there is no account, so response times do not reveal
    /// which identifiers exist.
    func verifyAgainstNothing(_ password: String) async throws {
        _ = try await verify(password, against: decoyHash)
    }
}
