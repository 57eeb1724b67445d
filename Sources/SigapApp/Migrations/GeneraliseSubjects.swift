import Fluent
import SQLKit

/// Issue 11: history and outbox name a subject (kind and id) instead of a report id, so every feature shares
/// them; API retries carry an idempotency key. Report timelines move from `report_events` into
/// `history_events` with their ids and order kept.
struct GeneraliseSubjects: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema("history_events")
            .field("id", .int, .identifier(auto: true))
            .field("subject_kind", .string, .required)
            .field("subject_id", .string, .required)
            .field("occurred_at", .datetime, .required)
            .field("kind", .string, .required)
            .field("visibility", .string, .required)
            .field("actor_id", .uuid)
            .field("actor_role", .string)
            .field("from_state", .string)
            .field("to_state", .string)
            .field("body", .string, .required)
            .create()
        try await sql.raw(
            """
            INSERT INTO history_events (id, subject_kind, subject_id, occurred_at, kind, visibility, actor_id,
                actor_role, from_state, to_state, body)
            SELECT id, 'report', CAST(report_id AS TEXT), occurred_at, kind, visibility, actor_id, actor_role,
                from_status, to_status, body
            FROM report_events ORDER BY id
            """
        ).run()
        if sql.dialect.name == "postgresql" {
            // Rows were copied with their ids: the sequence continues after the last one.
            try await sql.raw(
                """
                SELECT setval(pg_get_serial_sequence('history_events', 'id'),
                    COALESCE((SELECT MAX(id) FROM history_events), 0) + 1, false)
                """
            ).run()
        }
        // A subject's timeline in order: the report page reads it on every view.
        try await sql.create(index: "history_subject_idx").on("history_events")
            .column("subject_kind").column("subject_id").column("id").run()
        try await database.schema("report_events").delete()

        for column in ["subject_kind", "subject_id"] {
            try await database.schema("outbox_messages").field(
                .definition(
                    name: .key(.string(column)), dataType: .string, constraints: [])
            ).update()
        }
        try await sql.raw(
            """
            UPDATE outbox_messages SET subject_kind = 'report', subject_id = CAST(report_id AS TEXT)
            WHERE report_id IS NOT NULL
            """
        ).run()
        try await sql.raw("ALTER TABLE outbox_messages DROP COLUMN report_id").run()

        try await database.schema("idempotency_keys")
            // SHA-256 of who sent it and the key they chose
            .field("key_hash", .string, .identifier(auto: false))
            // SHA-256 of the request body: the same key with another body is refused
            .field("request_hash", .string, .required)
            .field("subject_kind", .string, .required)
            .field("subject_id", .string, .required)
            // a guest's follow-up secret, sealed, so a retry gets the same answer as the first request
            .field("secret_cipher", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await sql.create(index: "idempotency_created_idx").on("idempotency_keys").column("created_at").run()
        // A village officer's queue: the reports of one desa, newest first.
        try await sql.create(index: "reports_desa_idx").on("reports").column("desa_id").column("id").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.drop(index: "reports_desa_idx").run()
        try await database.schema("idempotency_keys").delete()
        try await database.schema("outbox_messages").field("report_id", .int).update()
        try await sql.raw(
            """
            UPDATE outbox_messages SET report_id = CAST(subject_id AS INTEGER) WHERE subject_kind = 'report'
            """
        ).run()
        for column in ["subject_kind", "subject_id"] {
            try await sql.raw("ALTER TABLE outbox_messages DROP COLUMN \(unsafeRaw: column)").run()
        }
        try await CreateReportEvents().prepare(on: database)
        try await sql.raw(
            """
            INSERT INTO report_events (id, report_id, occurred_at, kind, visibility, actor_id, actor_role,
                from_status, to_status, body)
            SELECT id, CAST(subject_id AS INTEGER), occurred_at, kind, visibility, actor_id, actor_role, from_state,
                to_state, body
            FROM history_events WHERE subject_kind = 'report' ORDER BY id
            """
        ).run()
        try await database.schema("history_events").delete()
    }
}
