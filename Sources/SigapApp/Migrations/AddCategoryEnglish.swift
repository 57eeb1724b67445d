import Fluent
import SQLKit

/// Categories get an English name and description (API clients, Open311 and English readers). The seeded
/// categories of an existing database get theirs; categories an admin made keep empty ones until edited.
struct AddCategoryEnglish: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one at a time.
        try await database.schema("categories").field("name_en", .string, .required, .sql(.default(""))).update()
        try await database.schema("categories").field("description_en", .string, .required, .sql(.default("")))
            .update()
        let sql = database as! any SQLDatabase
        for (code, english) in ReferenceData.englishNames {
            try await sql.update("categories").set("name_en", to: english.name)
                .set("description_en", to: english.description).where("code", .equal, code).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("categories").deleteField("description_en").update()
        try await database.schema("categories").deleteField("name_en").update()
    }
}
