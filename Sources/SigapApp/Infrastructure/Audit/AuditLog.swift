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
    /// An audit entry that is itself the event (a log-in, a registration step), on the writer.
    func audit(_ action: String, subjectType: String? = nil, subjectID: UUID? = nil, detail: String = "") async throws {
        try await AuditLog.record(
            action, actor: currentUser, subjectType: subjectType, subjectID: subjectID?.uuidString, detail: detail,
            on: writeDB, at: now)
    }

    /// Writes `change` and its audit entry in one transaction on the writer, so the trail has an entry if and
    /// only if the change happened. `change` returns the id of the record it changed (known after a create).
    func audited(
        _ action: String, subjectType: String, detail: @escaping @Sendable () -> String = { "" },
        _ change: @escaping @Sendable (any Database) async throws -> UUID?
    ) async throws {
        let (actor, now) = (currentUser, self.now)
        try await context.write { db in
            let id = try await change(db)
            try await AuditLog.record(
                action, actor: actor, subjectType: subjectType, subjectID: id?.uuidString, detail: detail(), on: db,
                at: now)
        }
    }
}
