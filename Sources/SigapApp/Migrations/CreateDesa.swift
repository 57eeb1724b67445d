import Fluent

struct CreateDesa: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("desa")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("kecamatan_id", .uuid, .required, .references("kecamatan", "id"))
            .field("latitude", .double)
            .field("longitude", .double)
            .unique(on: "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("desa").delete()
    }
}
