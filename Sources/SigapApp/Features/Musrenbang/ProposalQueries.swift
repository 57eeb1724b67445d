import Fluent
import Foundation
import SQLKit
import SigapCore

/// What list pages, the officers' lists and the map need of a proposal: fourteen columns read with SQLKit.
/// Decoding a whole `Proposal` through Fluent (fifty properties found by reflection, per row) took half the
/// CPU of a 50-row list page (profile in docs/performance.md).
struct ProposalListItem {
    let number: String
    let title: String
    let stage: ProposalStage
    let source: ProposalSource
    let kecamatanID: UUID
    let desaID: UUID?
    let sector: String
    let estimatedCost: Int64
    let feasibleAmount: Int64?
    let planAmount: Int64?
    let supportersCount: Int
    let carried: Bool
    let latitude: Double?
    let longitude: Double?

    static let selectList = SQLRaw(
        "number, title, stage, source, kecamatan_id, desa_id, sector, estimated_cost, feasible_amount, plan_amount, "
            + "supporters_count, carried_from_id, latitude, longitude")

    init(row: any SQLRow) throws {
        number = try row.decode(column: "number", as: String.self)
        title = try row.decode(column: "title", as: String.self)
        stage = try row.decode(column: "stage", as: ProposalStage.self)
        source = try row.decode(column: "source", as: ProposalSource.self)
        kecamatanID = try row.decode(column: "kecamatan_id", as: UUID.self)
        desaID = try row.decode(column: "desa_id", as: UUID?.self)
        sector = try row.decode(column: "sector", as: String.self)
        estimatedCost = try row.decode(column: "estimated_cost", as: Int64.self)
        feasibleAmount = try row.decode(column: "feasible_amount", as: Int64?.self)
        planAmount = try row.decode(column: "plan_amount", as: Int64?.self)
        supportersCount = try row.decode(column: "supporters_count", as: Int.self)
        carried = try row.decode(column: "carried_from_id", as: UUID?.self) != nil
        latitude = try row.decode(column: "latitude", as: Double?.self)
        longitude = try row.decode(column: "longitude", as: Double?.self)
    }

    init(_ p: Proposal) {
        number = p.number
        title = p.title
        stage = p.stage
        source = p.source
        kecamatanID = p.kecamatanID
        desaID = p.desaID
        sector = p.sector
        estimatedCost = p.estimatedCost
        feasibleAmount = p.feasibleAmount
        planAmount = p.planAmount
        supportersCount = p.supportersCount
        carried = p.carriedFromID != nil
        latitude = p.latitude
        longitude = p.longitude
    }

    var location: GeoPoint? {
        guard let latitude, let longitude else { return nil }
        return GeoPoint(latitude: latitude, longitude: longitude)
    }
}

/// The proposal lists, written in SQLKit. Every list is one cycle's; the place filters ride on
/// `proposals_kecamatan_idx`, `proposals_desa_idx` and `proposals_agency_idx` (cycle, place, stage).
enum ProposalQueries {
    /// Which proposals of a cycle.
    struct Scope {
        var cycleID: UUID
        var kecamatanIDs: [UUID]?
        var desaID: UUID?
        var agencyID: UUID?
        var sector: String?
        var stages: [ProposalStage]?
        var source: ProposalSource?
        var onlyLocated = false

        func apply(to query: SQLSelectBuilder) {
            query.where("cycle_id", .equal, cycleID)
            if let kecamatanIDs {
                if kecamatanIDs.count == 1 {
                    query.where("kecamatan_id", .equal, kecamatanIDs[0])
                } else {
                    query.where("kecamatan_id", .in, kecamatanIDs)
                }
            }
            if let desaID { query.where("desa_id", .equal, desaID) }
            if let agencyID { query.where("agency_id", .equal, agencyID) }
            if let sector { query.where("sector", .equal, sector) }
            if let stages { query.where("stage", .in, stages.map(\.rawValue)) }
            if let source { query.where("source", .equal, source.rawValue) }
            if onlyLocated { query.where("latitude", .isNot, SQLLiteral.null) }
        }
    }

    enum Order {
        /// The public list and the map: the newest first.
        case newest
        /// An officer's list: what the desa ranked first, then by support, then the oldest first.
        case deliberation
        /// Exports: in the order they were entered.
        case entered
    }

    static func count(_ scope: Scope, on db: any Database) async throws -> Int {
        let query = (db as! any SQLDatabase).select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(Proposal.schema)
        scope.apply(to: query)
        return try await query.first()?.decode(column: "n", as: Int.self) ?? 0
    }

    static func list(_ scope: Scope, order: Order, limit: Int, offset: Int = 0, on db: any Database) async throws
        -> [ProposalListItem]
    {
        let query = (db as! any SQLDatabase).select().column(ProposalListItem.selectList).from(Proposal.schema)
        scope.apply(to: query)
        sort(query, order)
        return try await query.limit(limit).offset(offset).all().map(ProposalListItem.init(row:))
    }

    /// Whole proposals for the exports (every column; not a hot path).
    static func proposals(_ scope: Scope, on db: any Database) async throws -> [Proposal] {
        let query = (db as! any SQLDatabase).select().column(SQLLiteral.all).from(Proposal.schema)
        scope.apply(to: query)
        sort(query, .entered)
        return try await query.all().map { try $0.decode(fluentModel: Proposal.self) }
    }

    private static func sort(_ query: SQLSelectBuilder, _ order: Order) {
        switch order {
        case .newest: query.orderBy("sequence", .descending)
        case .deliberation:
            // NULL ranks (not ranked yet) after the ranked ones on both engines.
            query.orderBy(SQLRaw("CASE WHEN desa_rank IS NULL THEN 1 ELSE 0 END")).orderBy("desa_rank")
                .orderBy("supporters_count", .descending).orderBy("sequence")
        case .entered: query.orderBy("sequence")
        }
    }

    /// Sums per desa for the results page: one grouped query over `proposals_desa_idx`.
    struct Total {
        let kecamatanID: UUID
        let desaID: UUID?
        let proposals: Int
        let inPlan: Int
        let planAmount: Int64

        static func sum(_ totals: [Total]) -> Total {
            Total(
                kecamatanID: totals.first!.kecamatanID, desaID: totals.first!.desaID,
                proposals: totals.map(\.proposals).reduce(0, +), inPlan: totals.map(\.inPlan).reduce(0, +),
                planAmount: totals.map(\.planAmount).reduce(0, +))
        }
    }

    static func totals(cycleID: UUID, on db: any Database) async throws -> [Total] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let rows = try await sql.raw(
            """
            SELECT kecamatan_id, desa_id, COUNT(*) AS proposals,
              CAST(SUM(CASE WHEN stage = \(bind: ProposalStage.inPlan.rawValue) THEN 1 ELSE 0 END) AS BIGINT) AS in_plan,
              CAST(SUM(CASE WHEN stage = \(bind: ProposalStage.inPlan.rawValue) THEN plan_amount ELSE 0 END) AS BIGINT)
                AS plan_amount
            FROM proposals WHERE cycle_id = \(bind: cycleID) AND stage <> \(bind: ProposalStage.merged.rawValue)
            GROUP BY kecamatan_id, desa_id
            """
        ).all()
        return try rows.map {
            Total(
                kecamatanID: try $0.decode(column: "kecamatan_id", as: UUID.self),
                desaID: try $0.decode(column: "desa_id", as: UUID?.self),
                proposals: Int(try $0.decode(column: "proposals", as: Int64.self)),
                inPlan: Int(try $0.decode(column: "in_plan", as: Int64?.self) ?? 0),
                planAmount: try $0.decode(column: "plan_amount", as: Int64?.self) ?? 0)
        }
    }
}
