import Fluent
import SQLKit

/// Issue 12: a phone number or e-mail address identifies someone only once proven with a one-time code; the
/// outbox knows each row's recipient by a key, so messages to one unverified contact can be capped per day and
/// one chat's replies sent in order.
struct AddContactVerification: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for name in ["email_verified_at", "phone_verified_at"] {
            try await database.schema("users")
                .field(.definition(name: .key(.string(name)), dataType: .datetime, constraints: [])).update()
        }
        try await database.schema("verification_codes")
            .field("id", .uuid, .identifier(auto: false))
            // an account proving a contact it has, or nil for a registration waiting for its code
            .field("user_id", .uuid, .references("users", "id", onDelete: .cascade))
            .field("contact_lookup", .string, .required)
            .field("contact_cipher", .string, .required)
            .field("code_hash", .string, .required)
            .field("attempts", .int, .required)
            .field("expires_at", .datetime, .required)
            .field("created_at", .datetime, .required)
            // a registration's name, password hash, NIK and language, sealed, until the code is given
            .field("registration_cipher", .string)
            .create()
        try await database.schema("outbox_messages")
            .field(.definition(name: .key(.string("recipient_key")), dataType: .string, constraints: [])).update()
        let sql = database as! any SQLDatabase
        // Messages to one contact in the last day (the cap), and one recipient's rows in order (chat replies).
        try await sql.create(index: "outbox_recipient_key_idx").on("outbox_messages")
            .column("recipient_key").column("created_at").run()
        try await sql.create(index: "verification_codes_expiry_idx").on("verification_codes")
            .column("expires_at").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.drop(index: "outbox_recipient_key_idx").run()
        try await database.schema("outbox_messages").deleteField("recipient_key").update()
        try await database.schema("verification_codes").delete()
        for name in ["email_verified_at", "phone_verified_at"] {
            try await database.schema("users").deleteField(.string(name)).update()
        }
    }
}
