import Fluent

struct CreateUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .id()
            .field("name", .string, .required)
            .field("email", .string)
            .field("phone_lookup", .string)
            .field("phone_cipher", .string)
            .field("nik_lookup", .string)
            .field("nik_cipher", .string)
            .field("password_hash", .string, .required)
            .field("must_change_password", .bool, .required)
            .field("totp_secret_cipher", .string)
            .field("totp_enabled_at", .datetime)
            .field("totp_last_step", .int64)
            .field("role", .string, .required)
            .field("agency_id", .uuid, .references("agencies", "id"))
            .field("kecamatan_id", .uuid, .references("kecamatan", "id"))
            .field("desa_id", .uuid, .references("desa", "id"))
            .field("locale", .string, .required)
            .field("disabled_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            // Unique constraints allow many NULLs on both engines: a citizen may give only one contact.
            .unique(on: "email")
            .unique(on: "phone_lookup")
            .unique(on: "nik_lookup")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").delete()
    }
}
