import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// Benchmark data for Open311: one integration's key (printed, so the benchmark can post with it) and one in a
/// hundred reports recorded as filed through it, so `open311_requests` has a realistic size.
enum BenchOpen311 {
    /// Returns the key.
    static func insert(reports: Int, app: Application) async throws -> String {
        var creator = try await User.query(on: app.db).filter(\.$role == .admin).first()?.id
        if creator == nil { creator = try await User.query(on: app.db).first()?.id }
        guard let admin = creator else { return "" }
        let secret = Open311Key.newSecret()
        let now = app.sigap.clock.now()
        let key = Open311Key(name: "Benchmark", contact: "bench@sigap.local", secret: secret, createdBy: admin, at: now)
        try await key.create(on: app.db)
        let keyID = try key.requireID()
        var id = 100
        while id <= reports {
            let first = id
            try await app.db.transaction { tx in
                let sql = tx as! any SQLDatabase
                var n = first
                while n <= reports && n < first + 200_000 {
                    try await sql.insert(into: "open311_requests")
                        .columns("id", "token", "report_id", "key_id", "created_at")
                        .values(
                            SQLBind(UUID()), SQLBind(SecretToken.urlSafe(bytes: 12)), SQLBind(n), SQLBind(keyID),
                            SQLBind(now)
                        ).run()
                    n += 100
                }
            }
            id += 200_000
        }
        return secret
    }
}
