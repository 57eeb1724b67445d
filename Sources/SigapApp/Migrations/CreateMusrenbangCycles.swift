import Fluent
import SQLKit

/// Issue 15: Musrenbang cycles — a plan year with its dated phases and indicative ceilings.
struct CreateMusrenbangCycles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("musrenbang_cycles")
            .id()
            .field("plan_year", .int, .required)
            // how many accepted proposals a desa, and a kecamatan, forward to the next level
            .field("forward_per_desa", .int, .required)
            .field("forward_per_kecamatan", .int, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .unique(on: "plan_year")
            .create()
        try await database.schema("musrenbang_phases")
            .id()
            .field("cycle_id", .uuid, .required, .references("musrenbang_cycles", "id", onDelete: .cascade))
            .field("phase", .string, .required)
            // the region's dates, `yyyy-mm-dd`, both days included
            .field("first_day", .string, .required)
            .field("last_day", .string, .required)
            .unique(on: "cycle_id", "phase")
            .create()
        try await database.schema("musrenbang_ceilings")
            .id()
            .field("cycle_id", .uuid, .required, .references("musrenbang_cycles", "id", onDelete: .cascade))
            .field("kecamatan_id", .uuid, .references("kecamatan", "id"))
            .field("desa_id", .uuid, .references("desa", "id"))
            .field("sector", .string)
            .field("amount", .int64, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("musrenbang_ceilings").delete()
        try await database.schema("musrenbang_phases").delete()
        try await database.schema("musrenbang_cycles").delete()
    }
}
