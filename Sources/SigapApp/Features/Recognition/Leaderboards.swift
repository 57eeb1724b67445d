import Fluent
import Foundation
import SQLKit
import SigapCore

/// The public leaderboards: points earned in a period, region-wide or from records in one kecamatan, of
/// citizens who agreed to appear (`users.leaderboard_opt_in`), by display name only.
enum Leaderboards {
    struct Row: Sendable {
        let name: String
        let points: Int
    }

    /// The top `limit` opted-in citizens by points earned in [from, to) (`points_time_idx`, or
    /// `points_kecamatan_time_idx` for one kecamatan).
    static func ranking(from: Date, to: Date, kecamatanID: UUID?, limit: Int = 20, on db: any Database) async throws
        -> [Row]
    {
        let sql = db as! any SQLDatabase
        let place: SQLQueryString = kecamatanID.map { "AND p.kecamatan_id = \(bind: $0)" } ?? ""
        let rows = try await sql.raw(
            """
            SELECT u.name AS name, CAST(SUM(p.points) AS BIGINT) AS total
            FROM points_entries p JOIN users u ON u.id = p.user_id
            WHERE p.created_at >= \(bind: from) AND p.created_at < \(bind: to) \(place)
              AND u.leaderboard_opt_in = \(bind: true) AND u.role = 'warga' AND u.disabled_at IS NULL
            GROUP BY u.id, u.name HAVING SUM(p.points) > 0 ORDER BY total DESC, u.name LIMIT \(bind: limit)
            """
        ).all()
        return try rows.map {
            Row(
                name: try $0.decode(column: "name", as: String.self),
                points: try $0.decode(column: "total", as: Int.self))
        }
    }

    /// A citizen's choice to appear on the boards (or no longer), audited like other consent.
    static func setConsent(_ show: Bool, of userID: UUID, context: ServiceContext) async throws {
        let now = context.now
        try await context.write { db in
            guard let user = try await User.find(userID, on: db) else { throw AppError.notFound() }
            user.leaderboardOptIn = show
            try await user.save(on: db)
            try await AuditLog.record(
                show ? "points.leaderboard_opt_in" : "points.leaderboard_opt_out", actor: user, subjectType: "user",
                subjectID: userID.uuidString, on: db, at: now)
        }
    }
}
