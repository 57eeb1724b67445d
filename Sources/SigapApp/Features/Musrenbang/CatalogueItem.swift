import Fluent
import Foundation
import SigapCore

/// An item of the proposal catalogue (`ProposalCatalogue` states the rules).
final class CatalogueItem: Model, @unchecked Sendable {
    static let schema = "proposal_catalogue"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "sector") var sector: String
    @Field(key: "agency_id") var agencyID: UUID
    @Field(key: "unit") var unit: String
    /// Rupiah per unit.
    @Field(key: "unit_cost") var unitCost: Int64
    @Field(key: "active") var active: Bool
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// Keeping the catalogue: one item from the form, or many from a CSV; both add new codes and update known ones
/// (re-importing never duplicates). Audited with how many were added and updated.
enum ProposalCatalogueStore {
    struct Saved: Equatable {
        var added = 0
        var updated = 0
    }

    static func save(_ items: [ProposalCatalogue.Item], context: ServiceContext) async throws -> Saved {
        let reference = try await context.reference()
        let agencyIDs = Dictionary(uniqueKeysWithValues: reference.agencyCodes.map { ($0.value, $0.key) })
        let (actor, now) = (context.actor, context.now)
        return try await context.write { db in
            var saved = Saved()
            let existing = Dictionary(
                uniqueKeysWithValues: try await CatalogueItem.query(on: db).filter(\.$code ~~ items.map(\.code)).all()
                    .map { ($0.code, $0) })
            for item in items {
                guard let agencyID = agencyIDs[item.agencyCode] else { continue }
                let row = existing[item.code] ?? CatalogueItem()
                if row.id == nil { saved.added += 1 } else { saved.updated += 1 }
                row.code = item.code
                row.name = item.name
                row.sector = item.sector
                row.agencyID = agencyID
                row.unit = item.unit
                row.unitCost = Int64(item.unitCost)
                row.active = true
                row.updatedAt = now
                try await row.save(on: db)
            }
            try await AuditLog.record(
                "musrenbang.catalogue_saved", actor: actor, subjectType: "proposal_catalogue",
                detail: "\(saved.added) added, \(saved.updated) updated", on: db, at: now)
            return saved
        }
    }
}
