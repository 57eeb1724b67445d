import Fluent
import SQLKit

/// Issue 16: the DPRD — its commissions (komisi) with the report categories and agencies their fields cover,
/// its members, and the commission an aspiration addressed to the DPRD was routed to.
struct CreateDPRD: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("dprd_commissions")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("fields", .string, .required)
            .field("category_codes", .string, .required)
            .field("agency_codes", .string, .required)
            .unique(on: "code")
            .create()
        try await database.schema("dprd_members")
            .id()
            .field("name", .string, .required)
            .field("faction", .string, .required)
            .field("electoral_district_id", .uuid, .references("electoral_districts", "id"))
            .field("commission_id", .uuid, .references("dprd_commissions", "id"))
            .field("position", .string, .required)
            .field("user_id", .uuid, .references("users", "id"))
            .create()
        try await database.schema("reports")
            .field("dprd_commission_id", .uuid, .references("dprd_commissions", "id"))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reports").deleteField("dprd_commission_id").update()
        try await database.schema("dprd_members").delete()
        try await database.schema("dprd_commissions").delete()
    }
}
