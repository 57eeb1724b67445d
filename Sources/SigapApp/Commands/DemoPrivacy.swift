import Fluent
import Foundation
import SigapCore
import Vapor

/// The demo's personal-data requests: the demo citizen objected to being asked for surveys two days ago (still
/// open, so the administrator's `/dasbor/admin/privasi` shows its age against 3 × 24 hours) and downloaded their
/// data (answered at once).
enum DemoPrivacy {
    static func create(_ app: Application) async throws -> Bool {
        guard let citizen = try await User.query(on: app.db).filter(\.$email == "warga@demo.sigap.local").first(),
            try await DataRequest.query(on: app.db).filter(\.$userID == citizen.id).count() == 0
        else { return false }
        let context = app.context()
        let now = context.now
        let objection = DataRequest(
            userID: citizen.id, kind: .objection,
            detail: "Saya keberatan nomor HP saya dipakai untuk survei kepuasan. Mohon dikeluarkan dari daftar survei.",
            receivedAt: now.addingTimeInterval(-50 * 3600))
        try await context.write { db in
            try await objection.create(on: db)
            try await DataRequests.recordServed(.access, for: citizen, on: db, at: now)
        }
        return true
    }
}
