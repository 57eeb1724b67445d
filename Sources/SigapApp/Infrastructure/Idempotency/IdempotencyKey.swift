import Crypto
import Fluent
import Foundation
import SQLKit
import SigapCore

/// A client's `Idempotency-Key` for one kind of creation: a retry with the same key within 24 hours gets the
/// first answer instead of creating again. The key is stored hashed with who sent it (an account, or "guest"),
/// and with a hash of the request (as decoded), so the same key with a different body is refused rather than
/// answered with someone else's record. The row is written in the transaction that creates the record, so a
/// record and its key exist together or not at all.
struct IdempotencyKey: Sendable {
    let keyHash: String
    let requestHash: String

    static let lifetime: TimeInterval = 24 * 3600
    static let header = "Idempotency-Key"

    /// nil when no key was sent; 422 when the key is not 1–255 visible ASCII characters.
    init?(header value: String?, sender: String, body: Data) throws {
        guard let value else { return nil }
        guard (1...255).contains(value.utf8.count), value.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw AppError.invalid(["Idempotency-Key": "idempotency.key_invalid"])
        }
        keyHash = SecretToken.digest(sender + "\u{0}" + value)
        requestHash = SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined()
    }

    /// The record created with this key in the last 24 hours, if any; 422 when the key came with another body.
    func earlier(on db: any Database, now: Date) async throws -> IdempotencyRecord? {
        guard let found = try await IdempotencyRecord.find(keyHash, on: db),
            found.createdAt > now.addingTimeInterval(-Self.lifetime)
        else { return nil }
        guard found.requestHash == requestHash else {
            throw AppError(
                status: .unprocessableEntity, code: "idempotency_key_reused", messageKey: "idempotency.key_reused")
        }
        return found
    }

    /// The row to write in the creating transaction. An expired row with the same key is replaced there.
    func record(for subject: Subject, secret: String?, cipher: FieldCipher, now: Date) throws -> IdempotencyRecord {
        let row = IdempotencyRecord()
        row.id = keyHash
        row.requestHash = requestHash
        row.subjectKind = subject.kind
        row.subjectID = subject.id
        row.secretCipher = try secret.map { try cipher.seal($0) }
        row.createdAt = now
        return row
    }

    /// Deletes expired keys (the housekeeping loop).
    static func purge(on db: any Database, now: Date) async throws {
        try await IdempotencyRecord.query(on: db).filter(\.$createdAt < now.addingTimeInterval(-lifetime)).delete()
    }
}

final class IdempotencyRecord: Model, @unchecked Sendable {
    static let schema = "idempotency_keys"

    @ID(custom: "key_hash", generatedBy: .user) var id: String?
    @Field(key: "request_hash") var requestHash: String
    @Field(key: "subject_kind") var subjectKind: SubjectKind
    @Field(key: "subject_id") var subjectID: String
    @OptionalField(key: "secret_cipher") var secretCipher: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    /// The columns of a multi-row insert (`ReportBatchWriter`), in the order of `insertValues`.
    static let insertColumns = [
        "key_hash", "request_hash", "subject_kind", "subject_id", "secret_cipher", "created_at",
    ]

    var insertValues: [any SQLExpression] {
        [
            SQLBind(id!), SQLBind(requestHash), SQLBind(subjectKind.rawValue), SQLBind(subjectID),
            SQLBind(secretCipher), SQLBind(createdAt),
        ]
    }
}
