import Fluent
import SQLKit

/// Issue 14: a report appears publicly once staff have checked it (or at once, by setting), because free text
/// can name people. Reports that exist already were public and stay so.
struct AddReportPublication: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("reports")
            .field(
                .definition(
                    name: .key("published"), dataType: .bool, constraints: [.required, .sql(.default(true))])
            )
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reports").deleteField("published").update()
    }
}
