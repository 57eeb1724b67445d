import Fluent

struct CreateCategories: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("categories")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("keywords", .string, .required)
            .field("kind", .string, .required)
            .field("agency_id", .uuid, .required, .references("agencies", "id"))
            .field("response_working_days", .int, .required)
            .field("resolution_working_days", .int, .required)
            .field("active", .bool, .required)
            .unique(on: "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("categories").delete()
    }
}
