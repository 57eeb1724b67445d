import Fluent

/// Issue 15: the proposal catalogue (kamus usulan): what the region funds, with its agency, unit and cost.
struct CreateProposalCatalogue: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("proposal_catalogue")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("sector", .string, .required)
            .field("agency_id", .uuid, .required, .references("agencies", "id"))
            .field("unit", .string, .required)
            .field("unit_cost", .int64, .required)
            .field("active", .bool, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("proposal_catalogue").delete()
    }
}
