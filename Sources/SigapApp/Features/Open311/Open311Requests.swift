import Fluent
import Foundation
import SQLKit
import SigapCore

/// Service requests as GeoReport v2 shows them: public reports only (never confidential ones, never one staff
/// have not published), with no reporter's name or contact at all — the spec's fields carry none.
enum Open311Requests {
    struct Row {
        let id: Int
        let number: String
        let status: ReportStatus
        let categoryID: UUID
        let agencyID: UUID
        let desaID: UUID
        let description: String
        let address: String
        let latitude: Double?
        let longitude: Double?
        let createdAt: Date
        let updatedAt: Date
        let resolutionDueAt: Date?
        let merged: Bool
    }

    static let columns = SQLRaw(
        "id, number, status, category_id, agency_id, desa_id, description, address, latitude, longitude, created_at, "
            + "updated_at, resolution_due_at, merged_into_id")

    /// The requests a query selects, newest first, at most the spec's cap. The window walks the partial index
    /// `reports_public_created_idx (created_at)`; a list of ids uses the unique index on `number`.
    static func find(_ query: Open311Query, reference: ReferenceCache.Snapshot, on db: any Database) async throws
        -> [Row]
    {
        let sql = db as! any SQLDatabase
        let select = sql.select().column(columns).from("reports")
        switch query.selection {
        case .ids(let numbers):
            // Merged duplicates too: asked for by number, one is shown closed.
            select.where("number", .in, numbers.map { $0.uppercased() })
                .where("privacy", .notEqual, ReportPrivacy.rahasia.rawValue).where("published", .equal, true)
        case .filter(let codes, let open, let start, let end):
            select.where(ReportQueries.publicOnly)
                .where("created_at", .greaterThanOrEqual, SQLBind(start))
                .where("created_at", .lessThanOrEqual, SQLBind(end))
            if !codes.isEmpty {
                let ids = codes.compactMap { reference.categories[$0]?.id }
                guard !ids.isEmpty else { return [] }
                select.where("category_id", .in, ids)
            }
            if let open {
                select.where("status", .in, ReportStatus.allCases.filter { $0.isOpen == open }.map(\.rawValue))
            }
        }
        return try await select.orderBy("created_at", .descending).limit(Open311Query.cap).all().map(row)
    }

    static func row(_ row: any SQLRow) throws -> Row {
        Row(
            id: try row.decode(column: "id", as: Int.self),
            number: try row.decode(column: "number", as: String.self),
            status: try row.decode(column: "status", as: ReportStatus.self),
            categoryID: try row.decode(column: "category_id", as: UUID.self),
            agencyID: try row.decode(column: "agency_id", as: UUID.self),
            desaID: try row.decode(column: "desa_id", as: UUID.self),
            description: try row.decode(column: "description", as: String.self),
            address: try row.decode(column: "address", as: String.self),
            latitude: try row.decode(column: "latitude", as: Double?.self),
            longitude: try row.decode(column: "longitude", as: Double?.self),
            createdAt: try row.decode(column: "created_at", as: Date.self),
            updatedAt: try row.decode(column: "updated_at", as: Date.self),
            resolutionDueAt: try row.decode(column: "resolution_due_at", as: Date?.self),
            merged: try row.decode(column: "merged_into_id", as: Int?.self) != nil)
    }

    /// The first photo of each report that has one (hidden photos never).
    static func firstPhotos(of rows: [Row], on db: any Database) async throws -> [Int: UUID] {
        guard !rows.isEmpty else { return [:] }
        let sql = db as! any SQLDatabase
        var first: [Int: UUID] = [:]
        for chunk in stride(from: 0, to: rows.count, by: 500) {
            let ids = rows[chunk..<min(chunk + 500, rows.count)].map(\.id)
            let photos = try await sql.select().column("report_id").column("id").from("report_photos")
                .where("report_id", .in, ids).where("hidden", .equal, false).orderBy("created_at").all()
            for photo in photos {
                let report = try photo.decode(column: "report_id", as: Int.self)
                if first[report] == nil { first[report] = try photo.decode(column: "id", as: UUID.self) }
            }
        }
        return first
    }

    struct Presentation {
        let reference: ReferenceCache.Snapshot
        let language: Language
        let catalog: Catalog
        let time: LocalTimeWriter
        let baseURL: String
    }

    static func document(_ rows: [Row], photos: [Int: UUID], _ p: Presentation) -> Open311Document {
        // The words that repeat from request to request (a status, a category's notice) are looked up once.
        var notes = Words { p.catalog.text($0, p.language) }
        var notices: [UUID: String] = [:]
        var requests: [Open311Value] = []
        requests.reserveCapacity(rows.count)
        for row in rows {
            let note = notes[row.merged ? "open311.merged" : "status." + row.status.rawValue]
            let notice = p.reference.categoriesByID[row.categoryID].map { category in
                if let known = notices[category.id] { return known }
                let text = Open311Catalogue.notice(category, language: p.language, catalog: p.catalog)
                notices[category.id] = text
                return text
            }
            requests.append(request(row, photo: photos[row.id], statusNote: note, notice: notice, p))
        }
        return Open311Document(root: "service_requests", .list(element: "request", requests))
    }

    private struct Words {
        let look: (String) -> String
        var known: [String: String] = [:]
        init(_ look: @escaping (String) -> String) { self.look = look }
        subscript(key: String) -> String {
            mutating get {
                if let text = known[key] { return text }
                let text = look(key)
                known[key] = text
                return text
            }
        }
    }

    static func request(_ row: Row, photo: UUID?, statusNote: String, notice: String?, _ p: Presentation)
        -> Open311Value
    {
        let category = p.reference.categoriesByID[row.categoryID]
        let desa = p.reference.desaByID[row.desaID]
        let time = { (date: Date) in p.time.string(date) }
        let place = [row.address, desa?.name, desa.flatMap { p.reference.kecamatanNames[$0.kecamatanID] }]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        return .object([
            ("service_request_id", .text(row.number)),
            ("status", .text(row.status.isOpen && !row.merged ? "open" : "closed")),
            ("status_notes", .text(statusNote)),
            ("service_name", .text(category.map { Open311Catalogue.name($0, p.language) })),
            ("service_code", .text(category?.code)),
            ("description", .text(row.description)),
            ("agency_responsible", .text(p.reference.agencyNames[row.agencyID])),
            ("service_notice", .text(notice)),
            ("requested_datetime", .text(time(row.createdAt))),
            ("updated_datetime", .text(time(row.updatedAt))),
            ("expected_datetime", .text(row.resolutionDueAt.map(time))),
            ("address", .text(place)),
            ("address_id", .text(desa?.code)),
            ("zipcode", .text(nil)),
            ("lat", .number(row.latitude)),
            ("long", .number(row.longitude)),
            ("media_url", .text(photo.map { p.baseURL + SiteURL.photo($0) })),
        ])
    }
}
