import Fluent
import SQLKit

/// Issue 17: the contribution points ledger (append-only), citizens' consent to appear on leaderboards, "Warga
/// Peduli" awards and their signed certificates.
struct CreateRecognition: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("points_entries")
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("points", .int, .required)
            .field("reason", .string, .required)
            .field("source_kind", .string, .required)
            .field("source_key", .string, .required)
            .field("kecamatan_id", .uuid)
            // Set on earning entries: the same event never earns twice (unique; NULL for reversals).
            .field("once_key", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "once_key")
            .create()
        try await database.schema("users")
            .field(
                .definition(
                    name: .key("leaderboard_opt_in"), dataType: .bool,
                    constraints: [.required, .sql(.default(false))])
            )
            .update()
        try await database.schema("awards")
            .field("id", .int, .identifier(auto: true))
            .field("title", .string, .required)
            .field("citation", .string, .required)
            .field("period_from", .string, .required)
            .field("period_to", .string, .required)
            .field("created_by", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("certificates")
            .id()
            .field("number", .string, .required)
            .field("award_id", .int, .required, .references("awards", "id"))
            .field("recipient_id", .uuid, .required, .references("users", "id"))
            // What the credential says, as signed: any change here makes the signature fail.
            .field("recipient_name", .string, .required)
            .field("title", .string, .required)
            .field("citation", .string, .required)
            .field("issuer_name", .string, .required)
            .field("issuer_url", .string, .required)
            .field("valid_from", .string, .required)
            .field("key_id", .string, .required)
            .field("proof_created", .string, .required)
            .field("proof_value", .string, .required)
            .field("revoked_at", .datetime)
            .field("revoked_reason", .string)
            .field("revoked_by", .uuid, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .unique(on: "number")
            .create()
        let sql = database as! any SQLDatabase
        // A citizen's history on their account, newest first; a source's entries for its reversal.
        try await sql.create(index: "points_user_idx").on("points_entries").column("user_id").column("id").run()
        try await sql.create(index: "points_source_idx").on("points_entries").column("source_kind")
            .column("source_key").run()
        // Leaderboards: a month's entries, region-wide or in one kecamatan.
        try await sql.create(index: "points_time_idx").on("points_entries").column("created_at").run()
        try await sql.create(index: "points_kecamatan_time_idx").on("points_entries").column("kecamatan_id")
            .column("created_at").run()
        try await sql.create(index: "certificates_recipient_idx").on("certificates").column("recipient_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("certificates").delete()
        try await database.schema("awards").delete()
        try await database.schema("users").deleteField("leaderboard_opt_in").update()
        try await database.schema("points_entries").delete()
    }
}
