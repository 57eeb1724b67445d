import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// Public reports as open data (`/data/laporan.csv`, `/data/laporan.geojson`): what the public pages show of
/// each, and no more — no reporter, contact, description, street address or photo; confidential reports, ones
/// staff have not published, and merged duplicates never. Read 1,000 at a time in id order (`id > last`, the
/// primary key), each batch written out before the next is read, so a million rows never sit in memory.
enum ReportExport {
    static let batch = 1_000

    struct Filter: Sendable {
        var from: Date?
        var to: Date?
        var filters = ReportQueries.Filters()
    }

    struct Row: Sendable {
        let id: Int
        let number: String
        let kind: String
        let categoryID: UUID
        let agencyID: UUID
        let kecamatanID: UUID
        let desaID: UUID
        let status: ReportStatus
        let title: String
        let createdAt: Date
        let respondedAt: Date?
        let resolvedAt: Date?
        let resolutionDueAt: Date?
        let late: Bool
        let latitude: Double?
        let longitude: Double?
        let supporters: Int
        let rating: Int?
    }

    static let columns = SQLRaw(
        "id, number, kind, category_id, agency_id, kecamatan_id, desa_id, status, title, created_at, responded_at, "
            + "resolved_at, resolution_due_at, late, latitude, longitude, supporters_count, rating")

    static func batch(after id: Int, _ filter: Filter, size: Int = batch, on db: any Database) async throws -> [Row] {
        let sql = db as! any SQLDatabase
        let query = sql.select().column(columns).from("reports")
            .where("id", .greaterThan, id).where(ReportQueries.publicOnly)
        if let from = filter.from { query.where("created_at", .greaterThanOrEqual, SQLBind(from)) }
        if let to = filter.to { query.where("created_at", .lessThan, SQLBind(to)) }
        ReportQueries.apply(filter.filters, to: query)
        return try await query.orderBy("id").limit(size).all().map { row in
            Row(
                id: try row.decode(column: "id", as: Int.self),
                number: try row.decode(column: "number", as: String.self),
                kind: try row.decode(column: "kind", as: String.self),
                categoryID: try row.decode(column: "category_id", as: UUID.self),
                agencyID: try row.decode(column: "agency_id", as: UUID.self),
                kecamatanID: try row.decode(column: "kecamatan_id", as: UUID.self),
                desaID: try row.decode(column: "desa_id", as: UUID.self),
                status: try row.decode(column: "status", as: ReportStatus.self),
                title: try row.decode(column: "title", as: String.self),
                createdAt: try row.decode(column: "created_at", as: Date.self),
                respondedAt: try row.decode(column: "responded_at", as: Date?.self),
                resolvedAt: try row.decode(column: "resolved_at", as: Date?.self),
                resolutionDueAt: try row.decode(column: "resolution_due_at", as: Date?.self),
                late: try row.decode(column: "late", as: Bool.self),
                latitude: try row.decode(column: "latitude", as: Double?.self),
                longitude: try row.decode(column: "longitude", as: Double?.self),
                supporters: try row.decode(column: "supporters_count", as: Int.self),
                rating: try row.decode(column: "rating", as: Int?.self))
        }
    }

    /// Streams every batch through `write`, which turns a batch into bytes.
    static func stream(
        _ filter: Filter, batchSize: Int = batch, on db: any Database, to writer: any AsyncBodyStreamWriter,
        prefix: String, suffix: String, _ write: @escaping @Sendable ([Row], _ first: Bool) -> ByteBuffer
    ) async throws {
        try await writer.writeBuffer(ByteBuffer(string: prefix))
        var last = 0
        var first = true
        while true {
            let rows = try await batch(after: last, filter, size: batchSize, on: db)
            guard let end = rows.last else { break }
            try await writer.writeBuffer(write(rows, first))
            first = false
            last = end.id
        }
        try await writer.writeBuffer(ByteBuffer(string: suffix))
    }

    static let csvHeader = [
        "nomor", "jenis", "kategori", "nama_kategori", "opd", "kode_kecamatan", "kecamatan", "kode_desa", "desa",
        "status", "judul", "diterima", "dijawab", "selesai", "batas_selesai", "terlambat", "lintang", "bujur",
        "dukungan", "penilaian", "url",
    ]

    struct Names: Sendable {
        let reference: ReferenceCache.Snapshot
        let time: LocalTimeWriter
        let baseURL: String

        init(_ reference: ReferenceCache.Snapshot, timeZone: TimeZone, baseURL: String) {
            self.reference = reference
            self.time = LocalTimeWriter.shared(timeZone)
            self.baseURL = baseURL
        }
    }

    static func csvLines(_ rows: [Row], _ names: Names) -> ByteBuffer {
        let time = { (date: Date?) in date.map(names.time.string) ?? "" }
        var text = ""
        for r in rows {
            let category = names.reference.categoriesByID[r.categoryID]
            let desa = names.reference.desaByID[r.desaID]
            text += CSVWriter.line([
                r.number, r.kind, category?.code ?? "", category?.name ?? "",
                names.reference.agencyCodes[r.agencyID] ?? "", names.reference.kecamatanCodes[r.kecamatanID] ?? "",
                names.reference.kecamatanNames[r.kecamatanID] ?? "", desa?.code ?? "", desa?.name ?? "",
                r.status.rawValue, r.title, time(r.createdAt), time(r.respondedAt), time(r.resolvedAt),
                time(r.resolutionDueAt), r.late ? "ya" : "tidak", r.latitude.map { String(degrees($0)) } ?? "",
                r.longitude.map { String(degrees($0)) } ?? "", String(r.supporters), r.rating.map(String.init) ?? "",
                names.baseURL + SiteURL.report(r.number),
            ])
        }
        return ByteBuffer(string: text)
    }

    /// Six decimals (about 10 cm), as RFC 7946 advises: more only repeats arithmetic noise.
    static func degrees(_ value: Double) -> Double { (value * 1e6).rounded() / 1e6 }

    /// RFC 7946 features: a point is `[longitude, latitude]` in WGS 84; a report without one has a null geometry.
    static func features(_ rows: [Row], first: Bool, _ names: Names) -> ByteBuffer {
        var out = ByteBuffer()
        for (index, r) in rows.enumerated() {
            if !(first && index == 0) { out.writeStaticString(",\n") }
            var json = JSONWriter(capacity: 600)
            let category = names.reference.categoriesByID[r.categoryID]
            let desa = names.reference.desaByID[r.desaID]
            json.object { j in
                j.field("type", "Feature")
                j.field("id", r.number)
                j.key("geometry")
                if let lat = r.latitude, let lon = r.longitude {
                    j.object { g in
                        g.field("type", "Point")
                        g.key("coordinates")
                        g.array([degrees(lon), degrees(lat)]) { w, value in w.number(value) }
                    }
                } else {
                    j.null()
                }
                j.key("properties")
                j.object { p in
                    p.field("nomor", r.number)
                    p.field("jenis", r.kind)
                    p.field("kategori", category?.code)
                    p.field("nama_kategori", category?.name)
                    p.field("opd", names.reference.agencyCodes[r.agencyID])
                    p.field("kecamatan", names.reference.kecamatanNames[r.kecamatanID])
                    p.field("kode_desa", desa?.code)
                    p.field("desa", desa?.name)
                    p.field("status", r.status.rawValue)
                    p.field("judul", r.title)
                    p.field("diterima", r.createdAt)
                    p.field("dijawab", r.respondedAt)
                    p.field("selesai", r.resolvedAt)
                    p.field("batas_selesai", r.resolutionDueAt)
                    p.field("terlambat", r.late)
                    p.field("dukungan", r.supporters)
                    p.field("penilaian", r.rating)
                    p.field("url", names.baseURL + SiteURL.report(r.number))
                }
            }
            var bytes = json.buffer
            out.writeBuffer(&bytes)
        }
        return out
    }
}
