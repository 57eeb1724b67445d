import Fluent
import SQLKit

/// Issue 21: requests under UU PDP (access, correction, deletion, objection) with when each arrived and was
/// answered, and the moment an account was erased.
struct CreateDataRequests: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("data_requests")
            .id()
            .field("user_id", .uuid, .references("users", "id"))
            .field("kind", .string, .required)
            // What the person asked, in their words (an objection's reason); empty for self-service requests.
            .field("detail", .string, .required)
            .field("received_at", .datetime, .required)
            .field("answered_at", .datetime)
            .field("answer", .string)
            .field("answered_by", .uuid, .references("users", "id"))
            .create()
        let sql = database as! any SQLDatabase
        // The admin page: open requests, oldest first.
        try await sql.create(index: "data_requests_open_idx").on("data_requests").column("answered_at")
            .column("received_at").run()
        try await sql.create(index: "data_requests_user_idx").on("data_requests").column("user_id").run()
        try await database.schema("users").field("erased_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").deleteField("erased_at").update()
        try await database.schema("data_requests").delete()
    }
}
