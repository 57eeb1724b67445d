import Fluent
import Foundation
import SigapCore

/// An integration's key for posting Open311 requests (a provincial hub, a city app). The key itself is shown
/// once when issued; only its SHA-256 is kept.
final class Open311Key: Model, @unchecked Sendable {
    static let schema = "open311_keys"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    /// Who to call about the integration (an office, an e-mail address).
    @Field(key: "contact") var contact: String
    @Field(key: "key_hash") var keyHash: String
    @Field(key: "key_hint") var keyHint: String
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date
    /// Written at most once a minute.
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    /// A key for `secret`: only its digest and first characters are kept.
    init(name: String, contact: String, secret: String, createdBy: UUID, at now: Date) {
        self.name = name
        self.contact = contact
        self.keyHash = SecretToken.digest(secret)
        self.keyHint = String(secret.prefix(9))
        self.createdBy = createdBy
        self.createdAt = now
    }

    static func newSecret() -> String { "o311_" + SecretToken.urlSafe(bytes: 24) }
}

/// Which integration filed which report, and the token it may ask about (`tokens/{token}`).
final class Open311Request: Model, @unchecked Sendable {
    static let schema = "open311_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "token") var token: String
    @Field(key: "report_id") var reportID: Int
    @Field(key: "key_id") var keyID: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

enum Open311Keys {
    /// Issues a key for an integration; the returned key is shown once.
    static func issue(name: String, contact: String, context: ServiceContext) async throws -> (Open311Key, String) {
        guard let actor = context.actor, Policy.allows(actor.actor, .manageIntegrations) else {
            throw AppError.forbidden()
        }
        let secret = Open311Key.newSecret()
        let now = context.now
        let key = Open311Key(name: name, contact: contact, secret: secret, createdBy: try actor.requireID(), at: now)
        try await context.write { db in
            try await key.create(on: db)
            try await AuditLog.record(
                "open311.key_issued", actor: actor, subjectType: "open311_key", subjectID: key.id?.uuidString,
                detail: name, on: db, at: now)
        }
        return (key, secret)
    }

    static func revoke(_ key: Open311Key, context: ServiceContext) async throws {
        guard let actor = context.actor, Policy.allows(actor.actor, .manageIntegrations) else {
            throw AppError.forbidden()
        }
        guard key.revokedAt == nil else { return }
        key.revokedAt = context.now
        let now = context.now
        try await context.write { db in
            try await key.save(on: db)
            try await AuditLog.record(
                "open311.key_revoked", actor: actor, subjectType: "open311_key", subjectID: key.id?.uuidString,
                detail: key.name, on: db, at: now)
        }
    }

    /// The live key behind `secret`, or nil (unknown or revoked).
    static func find(_ secret: String?, context: ServiceContext) async throws -> Open311Key? {
        guard let secret, !secret.isEmpty, secret.count <= 200 else { return nil }
        guard
            let key = try await Open311Key.query(on: context.db).filter(\.$keyHash == SecretToken.digest(secret))
                .filter(\.$revokedAt == nil).first()
        else { return nil }
        if key.lastUsedAt.map({ context.now.timeIntervalSince($0) > 60 }) ?? true {
            let (id, now) = (key.id, context.now)
            try await context.write { db in
                try await Open311Key.query(on: db).filter(\.$id == id!).set(\.$lastUsedAt, to: now).update()
            }
        }
        return key
    }
}
