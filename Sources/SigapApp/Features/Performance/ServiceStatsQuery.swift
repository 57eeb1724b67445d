import Fluent
import Foundation
import SQLKit
import SigapCore

/// Reads what `ServiceStats` needs for the reports filed in a period: one range scan of `reports_created_idx`,
/// eleven narrow columns, no joins. Merged duplicates are left out everywhere (their target counts); the public
/// view also leaves out confidential reports.
enum ServiceStatsQuery {
    struct Period: Equatable {
        let from: Date
        let to: Date
        let days: Int

        /// The last `days` days up to `now`.
        static func last(_ days: Int, now: Date) -> Period {
            Period(from: now.addingTimeInterval(-Double(days) * 86_400), to: now, days: days)
        }

        static let choices = [30, 90, 365]

        /// `?periode=` as typed; anything else falls back to 90 days.
        static func parse(_ raw: String?, now: Date) -> Period {
            let days = raw.flatMap(Int.init).flatMap { choices.contains($0) ? $0 : nil } ?? 90
            return last(days, now: now)
        }
    }

    struct StoredRow: Decodable {
        let agencyId: UUID
        let kecamatanId: UUID
        let createdAt: Date
        let clockStartedAt: Date?
        let responseDueAt: Date?
        let respondedAt: Date?
        let status: ReportStatus
        let resolvedAt: Date?
        let late: Bool
        let rating: Int?

        // Spelled out: a key-decoding strategy converts every key of every row, which cost more than the query.
        enum CodingKeys: String, CodingKey {
            case agencyId = "agency_id", kecamatanId = "kecamatan_id", createdAt = "created_at"
            case clockStartedAt = "clock_started_at", responseDueAt = "response_due_at", respondedAt = "responded_at"
            case status, resolvedAt = "resolved_at", late, rating
        }
    }

    enum Grouping { case agency, kecamatan }

    static func rows(in period: Period, publicOnly: Bool, on db: any Database) async throws -> [StoredRow] {
        let sql = db as! any SQLDatabase
        let query = sql.select()
            .columns(
                "agency_id", "kecamatan_id", "created_at", "clock_started_at", "response_due_at", "responded_at",
                "status", "resolved_at", "late", "rating"
            )
            .from(Report.schema)
            .where("created_at", .greaterThanOrEqual, SQLBind(period.from))
            .where("created_at", .lessThan, SQLBind(period.to))
            .where("merged_into_id", .is, SQLLiteral.null)
        if publicOnly { query.where("privacy", .notEqual, ReportPrivacy.rahasia.rawValue) }
        return try await query.all(decoding: StoredRow.self)
    }

    static func statsRows(_ rows: [StoredRow], by grouping: Grouping) -> [ServiceStats.Row] {
        rows.map {
            ServiceStats.Row(
                group: (grouping == .agency ? $0.agencyId : $0.kecamatanId).uuidString, filedAt: $0.createdAt,
                clockStartedAt: $0.clockStartedAt ?? $0.createdAt, responseDue: $0.responseDueAt,
                respondedAt: $0.respondedAt, open: $0.status.isOpen, resolved: $0.resolvedAt != nil, late: $0.late,
                rating: $0.rating)
        }
    }
}
