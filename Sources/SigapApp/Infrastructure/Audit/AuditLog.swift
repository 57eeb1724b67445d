import Fluent
import Foundation
import SigapCore
import Vapor

/// Writes the audit trail. Callers pass record ids and short non-personal details only; this type has no
/// parameter that could carry a password, NIK or phone number.
enum AuditLog {
    static func record(
        _ action: String, actor: User?, subjectType: String? = nil, subjectID: String? = nil, detail: String = "",
        on db: any Database, at now: Date
    ) async throws {
        try await AuditEvent(
            occurredAt: now, actorID: actor?.id, actorRole: actor?.role.rawValue, action: action,
            subjectType: subjectType, subjectID: subjectID, detail: detail
        ).create(on: db)
    }
}

extension Request {
    func audit(_ action: String, subjectType: String? = nil, subjectID: UUID? = nil, detail: String = "") async throws {
        try await AuditLog.record(
            action, actor: currentUser, subjectType: subjectType, subjectID: subjectID?.uuidString, detail: detail,
            on: db, at: now)
    }
}
