import Fluent

struct CreateKecamatan: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("kecamatan")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("latitude", .double)
            .field("longitude", .double)
            .unique(on: "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("kecamatan").delete()
    }
}
