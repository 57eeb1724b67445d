import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// What list pages, map pins and the queue need of a report: ten columns, no joins (names come from the
/// reference cache).
struct ReportListItem: Decodable {
    let number: String
    let title: String
    let status: ReportStatus
    let kind: ReportKind
    let categoryId: UUID
    let kecamatanId: UUID
    let latitude: Double?
    let longitude: Double?
    let supportersCount: Int
    let createdAt: Date
    /// A deadline was missed and the report is still waiting (see `ServiceLevelSweep`).
    let late: Bool

    static let columns = CodingKeys.allCases.map(\.rawValue)
    /// The column list as one piece of SQL: SQLKit would otherwise quote the eleven names anew on every query
    /// (8 % of the staff queue's time in the profile). The names are plain lower-case words on both engines.
    static let selectList = SQLRaw(columns.joined(separator: ", "))

    /// Spelled out: a key-decoding strategy converts every key of every row (500 rows for a map box).
    enum CodingKeys: String, CodingKey, CaseIterable {
        case number, title, status, kind, categoryId = "category_id", kecamatanId = "kecamatan_id", latitude
        case longitude, supportersCount = "supporters_count", createdAt = "created_at", late
    }
}

extension ReportListItem {
    /// Column by column: `Decodable` through `SQLRowDecoder` cost a fifth of a list page (profile in
    /// docs/performance.md).
    init(row: any SQLRow) throws {
        self.init(
            number: try row.decode(column: "number", as: String.self),
            title: try row.decode(column: "title", as: String.self),
            status: try row.decode(column: "status", as: ReportStatus.self),
            kind: try row.decode(column: "kind", as: ReportKind.self),
            categoryId: try row.decode(column: "category_id", as: UUID.self),
            kecamatanId: try row.decode(column: "kecamatan_id", as: UUID.self),
            latitude: try row.decode(column: "latitude", as: Double?.self),
            longitude: try row.decode(column: "longitude", as: Double?.self),
            supportersCount: try row.decode(column: "supporters_count", as: Int.self),
            createdAt: try row.decode(column: "created_at", as: Date.self),
            late: try row.decode(column: "late", as: Bool.self))
    }

    init(_ report: Report) {
        self.init(
            number: report.number, title: report.title, status: report.status, kind: report.kind,
            categoryId: report.categoryID, kecamatanId: report.kecamatanID, latitude: report.latitude,
            longitude: report.longitude, supportersCount: report.supportersCount, createdAt: report.createdAt,
            late: report.late)
    }
}

/// The list queries, written in SQLKit so the SQL is plain to read; each names the index it relies on
/// (see CreateReports).
enum ReportQueries {
    static let pageSize = 20
    static let maxPins = 500

    struct Filters {
        var status: ReportStatus?
        var categoryID: UUID?
        var kecamatanID: UUID?
        var text: String?
        var onlyOpen = false
        /// Only reports past a deadline (the staff queue's "terlambat" filter, the leadership drill-down).
        var onlyLate = false
        /// Only open reports whose next deadline falls before this instant and has not passed yet (the
        /// dashboard's "due today": the end of the region's day).
        var dueBefore: Date?
    }

    /// Public reports (published, never `rahasia`, never merged duplicates), newest first.
    static func publicList(_ filters: Filters, page: Int, on db: any Database) async throws -> ([ReportListItem], Bool)
    {
        let sql = db as! any SQLDatabase
        let query = sql.select().column(ReportListItem.selectList).from("reports").where(publicOnly)
        apply(filters, to: query)
        let rows = try await query.orderBy("id", .descending).limit(pageSize + 1).offset((page - 1) * pageSize)
            .all().map(ReportListItem.init(row:))
        return (Array(rows.prefix(pageSize)), rows.count > pageSize)
    }

    /// What the public may list, written as the partial index `reports_public_idx (id)` is (literals, not
    /// bound values: SQLite uses a partial index only for a query whose terms spell out its condition). Newest
    /// first it walks public reports only, however many unverified ones a flood has just brought in.
    static let publicOnly = SQLRaw("published AND privacy <> 'rahasia' AND merged_into_id IS NULL")

    /// Map pins inside a box: the newest 500 public ones. On SQLite the scan walks the primary key backwards
    /// and stops at the 500th match (`NOT INDEXED` keeps the planner from collecting every report in the
    /// latitude band of `reports_location_idx` and sorting them), so the cost depends on how dense the box
    /// is, not on how many reports exist. PostgreSQL's planner makes that choice from its statistics.
    static func pins(in box: BoundingBox, _ filters: Filters, limit: Int = maxPins, on db: any Database) async throws
        -> [ReportListItem]
    {
        let sql = db as! any SQLDatabase
        let table: any SQLExpression =
            sql.dialect.name == "sqlite" ? SQLRaw("reports NOT INDEXED") : SQLIdentifier("reports")
        let query = sql.select().column(ReportListItem.selectList).from(table)
            .where("latitude", .greaterThanOrEqual, box.minLatitude).where(
                "latitude", .lessThanOrEqual, box.maxLatitude
            )
            .where("longitude", .greaterThanOrEqual, box.minLongitude).where(
                "longitude", .lessThanOrEqual, box.maxLongitude
            )
            .where("privacy", .notEqual, ReportPrivacy.rahasia.rawValue).where("merged_into_id", .is, SQLLiteral.null)
            .where("published", .equal, true)
        apply(filters, to: query)
        return try await query.orderBy("id", .descending).limit(limit)
            .all().map(ReportListItem.init(row:))
    }

    /// The staff queue of an area (`Policy.queueArea`): an agency's (`reports_queue_idx (agency_id, status,
    /// id)`), a kecamatan's (`reports_kecamatan_idx`), a desa's (`reports_desa_idx`), or the whole region's,
    /// optionally narrowed to one agency. Village and sub-district officers never list confidential reports.
    static func queue(
        area: Area, agencyID: UUID? = nil, _ filters: Filters, oldestFirst: Bool, page: Int, on db: any Database
    ) async throws -> ([ReportListItem], Bool) {
        let sql = db as! any SQLDatabase
        let query = sql.select().column(ReportListItem.selectList).from("reports")
        within(area, agencyID: agencyID, query)
        apply(filters, to: query)
        let rows = try await query.orderBy("id", oldestFirst ? .ascending : .descending).limit(pageSize + 1)
            .offset((page - 1) * pageSize)
            .all().map(ReportListItem.init(row:))
        return (Array(rows.prefix(pageSize)), rows.count > pageSize)
    }

    /// Open reports of the same category near a point (200 m) or, without coordinates, in the same desa,
    /// filed in the last 30 days: offered as "saya juga mengalami" before a duplicate is filed.
    static func nearby(categoryID: UUID, desaID: UUID, location: GeoPoint?, now: Date, on db: any Database) async throws
        -> [Report]
    {
        let since = now.addingTimeInterval(-30 * 86_400)
        let query = Report.query(on: db).filter(\.$categoryID == categoryID).filter(\.$createdAt >= since)
            .filter(\.$status ~~ ReportStatus.openStatuses).filter(\.$privacy != .rahasia).filter(\.$published == true)
            .filter(
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

    /// The reports of a queue's area (see `queue`), merged duplicates left out.
    private static func within(_ area: Area, agencyID: UUID?, _ query: SQLSelectBuilder) {
        query.where("merged_into_id", .is, SQLLiteral.null)
        switch area {
        case .region: if let agencyID { query.where("agency_id", .equal, agencyID) }
        case .agency(let id): query.where("agency_id", .equal, id)
        case .kecamatan(let id):
            query.where("kecamatan_id", .equal, id).where("privacy", .notEqual, ReportPrivacy.rahasia.rawValue)
        case .desa(let id):
            query.where("desa_id", .equal, id).where("privacy", .notEqual, ReportPrivacy.rahasia.rawValue)
        case .nothing, .electoralDistrict: query.where(SQLLiteral.boolean(false))
        }
    }

    /// What a staff member's start page counts in their queue's area: open reports by what they need next.
    struct QueueCounts: Equatable {
        /// Filed and not yet verified.
        var new = 0
        /// Next deadline before the end of today, not passed yet.
        var dueToday = 0
        var late = 0
        var reopened = 0
    }

    /// One pass over the area's open reports (`reports_queue_idx` for an agency, the area's index otherwise).
    static func queueCounts(area: Area, endOfToday: Date, on db: any Database) async throws -> QueueCounts {
        let sql = db as! any SQLDatabase
        let query = sql.select()
            .column(
                SQLQueryString("SUM(CASE WHEN status = \(bind: ReportStatus.diterima.rawValue) THEN 1 ELSE 0 END)"),
                as: "new_reports"
            )
            .column(SQLQueryString("SUM(CASE WHEN \(due(before: endOfToday)) THEN 1 ELSE 0 END)"), as: "due_today")
            .column(SQLRaw("SUM(CASE WHEN late THEN 1 ELSE 0 END)"), as: "late_reports")
            .column(
                SQLQueryString(
                    "SUM(CASE WHEN status = \(bind: ReportStatus.dibukaKembali.rawValue) THEN 1 ELSE 0 END)"),
                as: "reopened"
            )
            .from("reports")
            .where("status", .in, ReportStatus.openStatuses.map(\.rawValue))
        within(area, agencyID: nil, query)
        guard let row = try await query.first() else { return QueueCounts() }
        func count(_ column: String) throws -> Int { try row.decode(column: column, as: Int?.self) ?? 0 }
        return QueueCounts(
            new: try count("new_reports"), dueToday: try count("due_today"), late: try count("late_reports"),
            reopened: try count("reopened"))
    }

    /// Not late yet, and the next deadline falls before `end`: the response while unanswered, the resolution.
    static func due(before end: Date) -> SQLQueryString {
        "(NOT late AND ((responded_at IS NULL AND response_due_at <= \(bind: end)) OR resolution_due_at <= \(bind: end)))"
    }

    static func apply(_ filters: Filters, to query: SQLSelectBuilder) {
        if let status = filters.status { query.where("status", .equal, status.rawValue) }
        if filters.onlyOpen { query.where("status", .in, ReportStatus.openStatuses.map(\.rawValue)) }
        if let category = filters.categoryID { query.where("category_id", .equal, category) }
        if let kecamatan = filters.kecamatanID { query.where("kecamatan_id", .equal, kecamatan) }
        if filters.onlyLate { query.where("late", .equal, true) }
        if let end = filters.dueBefore {
            query.where("status", .in, ReportStatus.openStatuses.map(\.rawValue)).where(due(before: end))
        }
        if let text = filters.text?.trimmedOrNil {
            // Case-insensitive on both engines; % and _ typed by people are taken literally.
            let pattern =
                "%"
                + String(text.prefix(100)).lowercased()
                .replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            query.where("lower(title) LIKE \(bind: pattern) ESCAPE '\\'" as SQLQueryString)
        }
    }

    static func summary(_ item: ReportListItem, reference: ReferenceCache.Snapshot) -> ReportSummary {
        ReportSummary(
            number: item.number, title: item.title, status: item.status, kind: item.kind,
            category: reference.categoriesByID[item.categoryId]?.name ?? "",
            kecamatan: reference.kecamatanNames[item.kecamatanId] ?? "", lat: item.latitude, lon: item.longitude,
            supporters: item.supportersCount, createdAt: item.createdAt)
    }
}
