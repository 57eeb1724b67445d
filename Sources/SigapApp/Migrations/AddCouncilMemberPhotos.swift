import Fluent

/// A council member's photo on `/dprd`, stored through the file store (`FilePurpose.memberPhoto`).
struct AddCouncilMemberPhotos: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("dprd_members").field("photo_stored_name", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("dprd_members").deleteField("photo_stored_name").update()
    }
}
