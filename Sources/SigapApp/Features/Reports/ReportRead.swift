import Fluent
import Foundation
import SQLKit
import SigapCore

extension Report {
    /// Every column of a report, in the order `init(row:)` reads them.
    static let readColumns = [
        "id", "number", "kind", "title", "description", "address", "latitude", "longitude", "privacy", "status",
        "supporters_count", "rating", "rating_comment", "reporter_id", "guest_contact_cipher", "follow_token_hash",
        "category_id", "agency_id", "desa_id", "kecamatan_id", "merged_into_id", "created_at", "updated_at",
        "resolved_at", "clock_started_at", "response_due_at", "resolution_due_at", "responded_at", "late",
        "escalation_level", "resolution_late", "sla_check_at", "published", "dprd_commission_id",
        "assisted_by_id",
    ]

    /// `readColumns` as a SELECT list, built once.
    static let selectList = readColumns.joined(separator: ", ")

    /// One report by its public number, with SQL written out: the report page, the report API and the staff
    /// page ask on every request, and Fluent's generated SELECT (serialised per query) and reflective decoding
    /// cost several times the query itself (profile in docs/performance.md). For showing only: actions re-read
    /// the row inside their transaction.
    static func read(number: String, on db: any Database) async throws -> Report? {
        guard
            let row = try await (db as! any SQLDatabase).raw(
                "SELECT \(unsafeRaw: selectList) FROM reports WHERE number = \(bind: number)"
            ).first()
        else { return nil }
        return try Report(row: row)
    }

    convenience init(row: any SQLRow) throws {
        self.init()
        id = try row.decode(column: "id", as: Int.self)
        $id.exists = true
        number = try row.decode(column: "number", as: String.self)
        kind = try row.decode(column: "kind", as: ReportKind.self)
        title = try row.decode(column: "title", as: String.self)
        description = try row.decode(column: "description", as: String.self)
        address = try row.decode(column: "address", as: String.self)
        latitude = try row.decode(column: "latitude", as: Double?.self)
        longitude = try row.decode(column: "longitude", as: Double?.self)
        privacy = try row.decode(column: "privacy", as: ReportPrivacy.self)
        status = try row.decode(column: "status", as: ReportStatus.self)
        supportersCount = try row.decode(column: "supporters_count", as: Int.self)
        rating = try row.decode(column: "rating", as: Int?.self)
        ratingComment = try row.decode(column: "rating_comment", as: String?.self)
        reporterID = try row.decode(column: "reporter_id", as: UUID?.self)
        guestContactCipher = try row.decode(column: "guest_contact_cipher", as: String?.self)
        followTokenHash = try row.decode(column: "follow_token_hash", as: String?.self)
        assistedByID = try row.decode(column: "assisted_by_id", as: UUID?.self)
        categoryID = try row.decode(column: "category_id", as: UUID.self)
        agencyID = try row.decode(column: "agency_id", as: UUID.self)
        desaID = try row.decode(column: "desa_id", as: UUID.self)
        kecamatanID = try row.decode(column: "kecamatan_id", as: UUID.self)
        mergedIntoID = try row.decode(column: "merged_into_id", as: Int?.self)
        createdAt = try row.decode(column: "created_at", as: Date.self)
        updatedAt = try row.decode(column: "updated_at", as: Date.self)
        resolvedAt = try row.decode(column: "resolved_at", as: Date?.self)
        clockStartedAt = try row.decode(column: "clock_started_at", as: Date?.self)
        responseDueAt = try row.decode(column: "response_due_at", as: Date?.self)
        resolutionDueAt = try row.decode(column: "resolution_due_at", as: Date?.self)
        respondedAt = try row.decode(column: "responded_at", as: Date?.self)
        late = try row.decode(column: "late", as: Bool.self)
        escalationLevel = try row.decode(column: "escalation_level", as: Int.self)
        resolutionLate = try row.decode(column: "resolution_late", as: Bool.self)
        slaCheckAt = try row.decode(column: "sla_check_at", as: Date?.self)
        published = try row.decode(column: "published", as: Bool.self)
        dprdCommissionID = try row.decode(column: "dprd_commission_id", as: UUID?.self)
    }
}
