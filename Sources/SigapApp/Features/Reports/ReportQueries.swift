import Fluent
import Foundation
import SigapCore
import Vapor

/// The list queries, each shaped for the index it uses (see CreateReports).
enum ReportQueries {
    static let pageSize = 20
    static let maxPins = 500

    struct Filters {
        var status: ReportStatus?
        var categoryID: UUID?
        var kecamatanID: UUID?
        var text: String?
        var onlyOpen = false
    }

    /// Public reports (never `rahasia`, never merged duplicates), newest first.
    static func publicList(_ filters: Filters, page: Int, on db: any Database) async throws -> ([Report], Bool) {
        let query = Report.query(on: db).filter(\.$privacy != .rahasia).filter(\.$mergedIntoID == nil)
        apply(filters, to: query)
        let rows = try await query.sort(\.$id, .descending).range(((page - 1) * pageSize)..<(page * pageSize + 1)).all()
        return (Array(rows.prefix(pageSize)), rows.count > pageSize)
    }

    /// Map pins inside a box, at most 500, newest first (`reports_location_idx`).
    static func pins(in box: BoundingBox, _ filters: Filters, on db: any Database) async throws -> [Report] {
        let query = Report.query(on: db)
            .filter(\.$latitude >= box.minLatitude).filter(\.$latitude <= box.maxLatitude)
            .filter(\.$longitude >= box.minLongitude).filter(\.$longitude <= box.maxLongitude)
            .filter(\.$privacy != .rahasia).filter(\.$mergedIntoID == nil)
        apply(filters, to: query)
        return try await query.sort(\.$id, .descending).limit(maxPins).all()
    }

    /// An agency's queue (`reports_queue_idx`); nil agency means every agency (admin, leadership).
    static func queue(agencyID: UUID?, _ filters: Filters, oldestFirst: Bool, page: Int, on db: any Database)
        async throws
        -> ([Report], Bool)
    {
        let query = Report.query(on: db).filter(\.$mergedIntoID == nil)
        if let agencyID { query.filter(\.$agencyID == agencyID) }
        apply(filters, to: query)
        let rows = try await query.sort(\.$id, oldestFirst ? .ascending : .descending)
            .range(((page - 1) * pageSize)..<(page * pageSize + 1)).all()
        return (Array(rows.prefix(pageSize)), rows.count > pageSize)
    }

    /// Open reports of the same category near a point (200 m) or, without coordinates, in the same desa,
    /// filed in the last 30 days: offered as "saya juga mengalami" before a duplicate is filed.
    static func nearby(categoryID: UUID, desaID: UUID, location: GeoPoint?, now: Date, on db: any Database) async throws
        -> [Report]
    {
        let since = now.addingTimeInterval(-30 * 86_400)
        let query = Report.query(on: db).filter(\.$categoryID == categoryID).filter(\.$createdAt >= since)
            .filter(\.$status ~~ ReportStatus.openStatuses).filter(\.$privacy != .rahasia).filter(
                \.$mergedIntoID == nil)
        guard let location else {
            return try await query.filter(\.$desaID == desaID).sort(\.$id, .descending).limit(10).all()
        }
        let box = location.boundingBox(metres: 200)
        let candidates =
            try await query
            .filter(\.$latitude >= box.minLatitude).filter(\.$latitude <= box.maxLatitude)
            .filter(\.$longitude >= box.minLongitude).filter(\.$longitude <= box.maxLongitude)
            .sort(\.$id, .descending).limit(50).all()
        return candidates.filter { report in
            guard let lat = report.latitude, let lon = report.longitude,
                let point = GeoPoint(latitude: lat, longitude: lon)
            else { return false }
            return point.distance(to: location) <= 200
        }.prefix(10).map { $0 }
    }

    static func apply(_ filters: Filters, to query: QueryBuilder<Report>) {
        if let status = filters.status { query.filter(\.$status == status) }
        if filters.onlyOpen { query.filter(\.$status ~~ ReportStatus.openStatuses) }
        if let category = filters.categoryID { query.filter(\.$categoryID == category) }
        if let kecamatan = filters.kecamatanID { query.filter(\.$kecamatanID == kecamatan) }
        if let text = filters.text?.trimmedOrNil {
            // Fluent's "contains" is LIKE on SQLite and ILIKE on PostgreSQL: case-insensitive on both.
            query.filter(\.$title ~~ String(text.prefix(100)))
        }
    }

    static func summary(_ report: Report, reference: ReferenceCache.Snapshot) -> ReportSummary {
        ReportSummary(
            number: report.number, title: report.title, status: report.status, kind: report.kind,
            category: reference.categoriesByID[report.categoryID]?.name ?? "",
            kecamatan: reference.kecamatanNames[report.kecamatanID] ?? "", lat: report.latitude, lon: report.longitude,
            supporters: report.supportersCount, createdAt: report.createdAt)
    }
}
