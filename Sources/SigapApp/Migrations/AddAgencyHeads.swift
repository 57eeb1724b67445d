import Fluent
import SQLKit

/// Agencies name their head (imported with `sigap import opd`, shown to staff and on the service-level pages).
struct AddAgencyHeads: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("agencies").field("head_name", .string, .required, .sql(.default(""))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("agencies").deleteField("head_name").update()
    }
}
