import Fluent
import SQLKit

/// Failed log-ins per throttling key (a keyed hash of the account identifier or client address).
struct CreateLoginFailures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("login_failures")
            .id()
            .field("throttle_key", .string, .required)
            .field("failed_at", .datetime, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "login_failures_key_time_idx")
            .on("login_failures").column("throttle_key").column("failed_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("login_failures").delete()
    }
}
