import Fluent
import Foundation
import SigapCore

/// One request a person made about their personal data, and its answer. Self-service requests (a download,
/// a correction on the account page, an account deletion) are answered the moment they are made; an objection
/// or a request the page cannot serve waits for an administrator (`/dasbor/admin/privasi`).
final class DataRequest: Model, @unchecked Sendable {
    static let schema = "data_requests"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "kind") var kind: DataRequestKind
    @Field(key: "detail") var detail: String
    @Field(key: "received_at") var receivedAt: Date
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @OptionalField(key: "answer") var answer: String?
    @OptionalField(key: "answered_by") var answeredBy: UUID?

    init() {}

    init(userID: UUID?, kind: DataRequestKind, detail: String, receivedAt: Date) {
        self.userID = userID
        self.kind = kind
        self.detail = detail
        self.receivedAt = receivedAt
    }
}

/// Recording and answering requests. Each write carries its audit entry in the same transaction.
enum DataRequests {
    /// Longest text a person may write in a request.
    static let detailLimit = 2_000

    /// A request the page served at once (answered when received).
    static func recordServed(_ kind: DataRequestKind, for user: User, on db: any Database, at now: Date) async throws {
        let request = DataRequest(userID: user.id, kind: kind, detail: "", receivedAt: now)
        request.answeredAt = now
        try await request.create(on: db)
    }

    /// A request for an administrator.
    static func open(_ kind: DataRequestKind, detail: String, for user: User, context: ServiceContext) async throws {
        let now = context.now
        try await context.write { db in
            let request = DataRequest(userID: user.id, kind: kind, detail: detail, receivedAt: now)
            try await request.create(on: db)
            try await AuditLog.record(
                "privacy.request_opened", actor: user, subjectType: "data_request",
                subjectID: request.id?.uuidString, detail: kind.rawValue, on: db, at: now)
        }
    }

    enum AnswerOutcome: Equatable { case answered, alreadyAnswered, notFound }

    static func answer(_ id: UUID, with text: String, context: ServiceContext) async throws -> AnswerOutcome {
        let (now, actor) = (context.now, context.actor)
        return try await context.write { db in
            guard let request = try await DataRequest.find(id, on: db) else { return .notFound }
            guard request.answeredAt == nil else { return .alreadyAnswered }
            request.answeredAt = now
            request.answer = text
            request.answeredBy = actor?.id
            try await request.update(on: db)
            try await AuditLog.record(
                "privacy.request_answered", actor: actor, subjectType: "data_request", subjectID: id.uuidString,
                detail: request.kind.rawValue, on: db, at: now)
            return .answered
        }
    }
}
