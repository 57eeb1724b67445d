import Fluent

/// A cancelled agenda event (kept, marked, and sent to calendars as cancelled) and a withdrawn document (gone
/// from the portal and search; the audit log keeps who withdrew it and why).
struct AddPortalWithdrawal: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one at a time.
        try await database.schema("agenda_events").field("cancelled_at", .datetime).update()
        try await database.schema("agenda_events").field("cancel_reason", .string).update()
        try await database.schema("documents").field("withdrawn_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("agenda_events").deleteField("cancel_reason").update()
        try await database.schema("agenda_events").deleteField("cancelled_at").update()
        try await database.schema("documents").deleteField("withdrawn_at").update()
    }
}
