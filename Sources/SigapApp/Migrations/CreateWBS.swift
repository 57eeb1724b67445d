import Fluent
import SQLKit

/// Issue 6: whistleblowing cases, their messages and evidence files. Everything a reporter wrote is sealed with
/// the case's own key; only dates (no times) of the reporter's actions are kept.
struct CreateWBS: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("wbs_cases")
            .id()
            // bcrypt of the receipt with the installation's salt: found by lookup, never reversible
            .field("receipt_hash", .string, .required)
            .field("wrapped_key", .string, .required)
            .field("type", .string, .required)
            .field("status", .string, .required)
            // the sealed report: official, when, where, what happened, contact
            .field("content_cipher", .string, .required)
            .field("identity_cipher", .string)
            .field("decline_reason_cipher", .string)
            .field("assigned_to", .uuid, .references("users", "id"))
            .field("filed_on", .string, .required)
            .field("updated_on", .string, .required)
            .field("closed_on", .string)
            .unique(on: "receipt_hash")
            .create()
        try await (database as! any SQLDatabase).create(index: "wbs_cases_closed_idx").on("wbs_cases")
            .column("closed_on").run()

        try await database.schema("wbs_messages")
            .id()
            .field("case_id", .uuid, .required, .references("wbs_cases", "id", onDelete: .cascade))
            .field("from_reporter", .bool, .required)
            .field("author_id", .uuid, .references("users", "id"))
            .field("body_cipher", .string, .required)
            .field("sent_on", .string, .required)
            .field("serial", .int, .required)
            .create()

        try await database.schema("wbs_files")
            .id()
            .field("case_id", .uuid, .required, .references("wbs_cases", "id", onDelete: .cascade))
            .field("from_reporter", .bool, .required)
            .field("name_cipher", .string, .required)
            .field("content_type", .string, .required)
            .field("stored_name", .string, .required)
            .field("added_on", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["wbs_files", "wbs_messages", "wbs_cases"] { try await database.schema(table).delete() }
    }
}
