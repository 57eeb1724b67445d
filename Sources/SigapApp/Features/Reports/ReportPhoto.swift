import Fluent
import Foundation
import SQLKit

/// A photo of a report, stored scrubbed of metadata under a random name in the uploads folder.
final class ReportPhoto: Model, @unchecked Sendable {
    static let schema = "report_photos"

    @ID(key: .id) var id: UUID?
    @Field(key: "report_id") var reportID: Int
    @Field(key: "stored_name") var storedName: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "byte_count") var byteCount: Int
    /// Hidden photos are shown to no one but staff (faces, number plates, anything improper).
    @Field(key: "hidden") var hidden: Bool
    /// Photos staff attach when resolving are part of the answer, not of the complaint.
    @Field(key: "from_staff") var fromStaff: Bool
    @OptionalField(key: "uploader_id") var uploaderID: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    /// The columns of a multi-row insert (`ReportBatchWriter`), in the order of `insertValues`.
    static let insertColumns = [
        "id", "report_id", "stored_name", "content_type", "byte_count", "hidden", "from_staff", "uploader_id",
        "created_at",
    ]

    var insertValues: [any SQLExpression] {
        [
            SQLBind(id!), SQLBind(reportID), SQLBind(storedName), SQLBind(contentType), SQLBind(byteCount),
            SQLBind(hidden), SQLBind(fromStaff), SQLBind(uploaderID), SQLBind(createdAt),
        ]
    }
}
