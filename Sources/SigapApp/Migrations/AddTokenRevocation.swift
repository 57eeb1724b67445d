import Fluent
import SQLKit

/// Issue 12: API tokens end. A token records when it was last used and by which client, and is revoked (not
/// deleted, so the account page can show what was ended) when the account's credentials or rights change.
struct AddTokenRevocation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for (name, type) in [
            ("last_used_at", DatabaseSchema.DataType.datetime), ("client", .string), ("revoked_at", .datetime),
        ] {
            try await database.schema("api_tokens")
                .field(.definition(name: .key(.string(name)), dataType: type, constraints: [])).update()
        }
        // An account's tokens, newest first (the account page; revoking them all).
        try await (database as! any SQLDatabase).create(index: "api_tokens_user_idx").on("api_tokens")
            .column("user_id").column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "api_tokens_user_idx").run()
        for name in ["last_used_at", "client", "revoked_at"] {
            try await database.schema("api_tokens").deleteField(.string(name)).update()
        }
    }
}
