import Fluent
import Foundation

/// "Saya juga mengalami": one citizen supports one report once and then follows it.
final class ReportSupport: Model, @unchecked Sendable {
    static let schema = "report_supports"

    @ID(key: .id) var id: UUID?
    @Field(key: "report_id") var reportID: Int
    @Field(key: "user_id") var userID: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(reportID: Int, userID: UUID, at: Date) {
        self.reportID = reportID
        self.userID = userID
        self.createdAt = at
    }
}

extension ReportSupport {
    /// Whether `userID` supports the report.
    static func exists(report reportID: Int, user userID: UUID, on db: any Database) async throws -> Bool {
        try await query(on: db).filter(\.$reportID == reportID).filter(\.$userID == userID).count() > 0
    }

    /// Takes back `userID`'s support: the row goes and the count drops, in one transaction on the locked report
    /// (like supporting, so a support and a withdrawal at once leave the count right). Nothing happens when the
    /// person did not support it. The timeline keeps the support line: it happened.
    static func withdraw(_ reportID: Int, user userID: UUID, context: ServiceContext) async throws {
        try await context.write { db in
            guard let report = try await ReportActions.lockForAction(reportID, on: db) else {
                throw AppError.notFound()
            }
            let rows = try await query(on: db).filter(\.$reportID == reportID).filter(\.$userID == userID).all()
            guard !rows.isEmpty else { return }
            for row in rows { try await row.delete(on: db) }
            report.supportersCount = max(0, report.supportersCount - rows.count)
            try await report.save(on: db)
        }
    }
}
