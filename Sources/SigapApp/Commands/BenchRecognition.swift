import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// Benchmark data for recognition: `citizens` accounts (half of them on the leaderboards) and one points entry
/// per ten reports, spread over the last year and the kecamatan, so the leaderboards and the award suggestions
/// are measured on a ledger of realistic size.
enum BenchRecognition {
    static func insert(citizens: Int, reports: Int, app: Application) async throws {
        guard citizens > 0 else { return }
        let now = app.sigap.clock.now()
        let kecamatan = try await Kecamatan.query(on: app.db).all().compactMap(\.id)
        let hash = try await app.sigap.passwords.hash(SecretToken.readable(count: 16))
        let ids = (0..<citizens).map { _ in UUID() }
        try await app.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            for (n, id) in ids.enumerated() {
                try await sql.insert(into: User.schema)
                    .columns(
                        "id", "name", "password_hash", "must_change_password", "role", "locale", "leaderboard_opt_in",
                        "created_at", "updated_at"
                    )
                    .values(
                        SQLBind(id), SQLBind("Warga Uji \(n)"), SQLBind(hash), SQLBind(false),
                        SQLBind(Role.warga.rawValue), SQLBind("id"), SQLBind(n % 2 == 0), SQLBind(now), SQLBind(now)
                    ).run()
            }
        }
        let entries = reports / 10
        let reasons: [PointsRules.Reason] = [.reportVerified, .reportRated, .proposalAdvanced, .postHelpful]
        var written = 0
        while written < entries {
            let first = written
            let size = min(5_000, entries - written)
            try await app.db.transaction { tx in
                let sql = tx as! any SQLDatabase
                for n in first..<(first + size) {
                    let reason = reasons[n % reasons.count]
                    try await sql.insert(into: PointsEntry.schema)
                        .columns(
                            "user_id", "points", "reason", "source_kind", "source_key", "kecamatan_id", "once_key",
                            "created_at"
                        )
                        .values(
                            SQLBind(ids[n % ids.count]), SQLBind(reason.points), SQLBind(reason.rawValue),
                            SQLBind(PointsRules.Source.report.rawValue), SQLBind("BENCH-\(n)"),
                            SQLBind(kecamatan.isEmpty ? nil : kecamatan[n % kecamatan.count]),
                            SQLBind("bench:\(n)"),
                            SQLBind(now.addingTimeInterval(-Double(n % 365) * 86_400 - Double(n % 86_400)))
                        )
                        .run()
                }
            }
            written += size
        }
    }
}
