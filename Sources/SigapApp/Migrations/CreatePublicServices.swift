import Fluent
import SQLKit

/// Issue 18: the public-service catalogue, applications with their documents and signed results, and the
/// satisfaction survey's answers.
struct CreatePublicServices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("public_services")
            .field("id", .int, .identifier(auto: true))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("agency_id", .uuid, .required, .references("agencies", "id"))
            .field("desa_id", .uuid, .references("desa", "id"))
            .field("description", .string, .required)
            .field("eligibility", .string, .required)
            .field("fields_json", .string, .required)
            .field("requirements_json", .string, .required)
            .field("days", .int, .required)
            .field("fee", .int64, .required)
            .field("legal_basis", .string, .required)
            .field("active", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "code")
            .create()
        try await database.schema("service_applications")
            .id()
            .field("number", .string, .required)
            .field("service_id", .int, .required, .references("public_services", "id"))
            .field("agency_id", .uuid, .required, .references("agencies", "id"))
            // A desa office's service: its village officers handle the applications.
            .field("desa_id", .uuid, .references("desa", "id"))
            .field("applicant_id", .uuid, .required, .references("users", "id"))
            .field("status", .string, .required)
            // The form's values, sealed: they hold NIKs and addresses.
            .field("values_cipher", .string, .required)
            .field("submitted_at", .datetime)
            .field("due_at", .datetime)
            .field("paused_remaining", .double)
            .field("check_at", .datetime)
            .field("late", .bool, .required)
            .field("escalation_level", .int, .required)
            .field("finished_at", .datetime)
            .field("decision_note", .string)
            .field("result_stored_name", .string)
            .field("result_digest", .string)
            .field("result_key_id", .string)
            .field("result_proof_created", .string)
            .field("result_proof_value", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "number")
            .create()
        try await database.schema("application_files")
            .id()
            .field("application_id", .uuid, .required, .references("service_applications", "id"))
            .field("requirement_key", .string, .required)
            .field("stored_name", .string, .required)
            .field("content_type", .string, .required)
            .field("byte_count", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("survey_responses")
            .field("id", .int, .identifier(auto: true))
            .field("agency_id", .uuid, .required, .references("agencies", "id"))
            .field("service_id", .int, .references("public_services", "id"))
            // application, report or kiosk; one answer per application or report (`once_key`, unique).
            .field("source", .string, .required)
            .field("once_key", .string)
            .field("u1", .int, .required).field("u2", .int, .required).field("u3", .int, .required)
            .field("u4", .int, .required).field("u5", .int, .required).field("u6", .int, .required)
            .field("u7", .int, .required).field("u8", .int, .required).field("u9", .int, .required)
            .field("age", .int)
            .field("sex", .string)
            .field("education", .string)
            .field("occupation", .string)
            .field("comment", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "once_key")
            .create()
        let sql = database as! any SQLDatabase
        // The applicant's list; an agency's queue by state; the deadline sweep.
        try await sql.create(index: "applications_applicant_idx").on("service_applications").column("applicant_id")
            .run()
        try await sql.create(index: "applications_agency_status_idx").on("service_applications").column("agency_id")
            .column("status").run()
        try await sql.create(index: "applications_check_idx").on("service_applications").column("check_at").run()
        try await sql.create(index: "application_files_idx").on("application_files").column("application_id").run()
        // The index per agency or service and period.
        try await sql.create(index: "survey_agency_time_idx").on("survey_responses").column("agency_id")
            .column("created_at").run()
        try await sql.create(index: "survey_service_time_idx").on("survey_responses").column("service_id")
            .column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["survey_responses", "application_files", "service_applications", "public_services"] {
            try await database.schema(table).delete()
        }
    }
}
