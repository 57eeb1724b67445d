import Fluent
import Foundation
import SQLKit

/// The demo kabupaten (`ReferenceData`, province code 99) a first start seeds. A region that adopts Sigap
/// replaces it: `sigap init` takes it out as long as nothing was filed, proposed or applied for against it.
enum DemoRegion {
    /// Removes the demo's categories, agencies, desa and kecamatan when no report exists and nothing else points
    /// at them; returns whether there was anything to remove.
    static func remove(context: ServiceContext) async throws -> Bool {
        let demoPrefix = ReferenceData.kabupatenCode + "."
        guard try await Kecamatan.query(on: context.db).filter(\.$code, .custom("LIKE"), demoPrefix + "%").count() > 0
        else { return false }
        guard try await Report.query(on: context.db).count() == 0 else {
            throw RegionInUse(
                description: "This database holds reports about the demo kabupaten; start from an empty data folder "
                    + "(SIGAP_DATA_DIR) to set up a region.")
        }
        let agencyCodes = ReferenceData.agencies.map(\.0)
        let categoryCodes = ReferenceData.categories.map(\.code)
        do {
            try await context.write { db in
                let sql = db as! any SQLDatabase
                try await sql.delete(from: "categories").where("code", .in, categoryCodes).run()
                try await sql.delete(from: "desa").where("code", .like, demoPrefix + "%").run()
                try await sql.delete(from: "kecamatan").where("code", .like, demoPrefix + "%").run()
                try await sql.delete(from: "agencies").where("code", .in, agencyCodes).run()
                try await AuditLog.record(
                    "reference.demo_removed", actor: nil, subjectType: "regions", on: db, at: context.now)
            }
        } catch let error as DatabaseError where error.isConstraintFailure {
            throw RegionInUse(
                description: "The demo kabupaten's data is in use (accounts, services or proposals point at it); "
                    + "start from an empty data folder (SIGAP_DATA_DIR) to set up a region.")
        }
        context.services.reference.invalidate()
        return true
    }

    struct RegionInUse: Error, CustomStringConvertible {
        let description: String
    }
}
