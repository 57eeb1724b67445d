import Fluent
import Foundation

/// One entry of the leadership escalation list: a report that broke a deadline, and which one.
final class Escalation: Model, @unchecked Sendable {
    static let schema = "escalations"

    enum Kind: String, Codable, Sendable {
        /// No first response by the deadline (levels 1…`ServiceLevel.maximumLevel`).
        case response
        /// Still open at the resolution deadline.
        case resolution
    }

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "report_id") var reportID: Int
    @Field(key: "agency_id") var agencyID: UUID
    @Field(key: "kind") var kind: Kind
    @Field(key: "level") var level: Int
    @Field(key: "due_at") var dueAt: Date
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
