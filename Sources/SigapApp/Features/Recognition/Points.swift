import Fluent
import Foundation
import SQLKit
import SigapCore

/// The points ledger: entries are only ever added. Each earning entry carries a `once_key`, so the same event
/// never earns twice (a retried request, a second verification); a reversal adds the negative of what the
/// source has earned so far. Called inside the transaction of the change that earns or reverses.
enum Points {
    /// Earns `reason`'s points for `userID` — citizens only: staff are not competing — once per `once`.
    static func award(
        _ reason: PointsRules.Reason, to userID: UUID?, from source: PointsRules.Source, _ key: String,
        kecamatanID: UUID?, once: String, on db: any Database, at now: Date
    ) async throws {
        guard let userID, let user = try await User.find(userID, on: db), user.role == .warga else { return }
        guard try await PointsEntry.query(on: db).filter(\.$onceKey == once).count() == 0 else { return }
        try await entry(reason.points, reason, userID, source, key, kecamatanID, once: once, on: db, at: now)
    }

    /// Takes back everything `source` has earned each account that earned from it.
    static func reverse(
        _ reason: PointsRules.Reason, from source: PointsRules.Source, _ key: String, on db: any Database,
        at now: Date
    ) async throws {
        for (userID, kecamatanID, _, net) in try await balances(source, key, on: db) {
            guard let points = PointsRules.reversal(net: net) else { continue }
            try await entry(points, reason, userID, source, key, kecamatanID, once: nil, on: db, at: now)
        }
    }

    /// Gives back what a reversal took (a hidden post restored).
    static func restore(
        _ reason: PointsRules.Reason, from source: PointsRules.Source, _ key: String, on db: any Database,
        at now: Date
    ) async throws {
        for (userID, kecamatanID, earned, net) in try await balances(source, key, on: db) {
            guard let points = PointsRules.restoration(earned: earned, net: net) else { continue }
            try await entry(points, reason, userID, source, key, kecamatanID, once: nil, on: db, at: now)
        }
    }

    /// Per account that has entries from the source: what it earned (positive entries) and holds now.
    private static func balances(_ source: PointsRules.Source, _ key: String, on db: any Database) async throws
        -> [(UUID, UUID?, Int, Int)]
    {
        let entries = try await PointsEntry.query(on: db).filter(\.$sourceKind == source).filter(\.$sourceKey == key)
            .all()
        return Dictionary(grouping: entries, by: \.userID).map { userID, rows in
            (
                userID, rows.first?.kecamatanID,
                rows.filter { $0.points > 0 && $0.onceKey != nil }.map(\.points).reduce(0, +),
                rows.map(\.points).reduce(0, +)
            )
        }
    }

    private static func entry(
        _ points: Int, _ reason: PointsRules.Reason, _ userID: UUID, _ source: PointsRules.Source, _ key: String,
        _ kecamatanID: UUID?, once: String?, on db: any Database, at now: Date
    ) async throws {
        let row = PointsEntry()
        row.userID = userID
        row.points = points
        row.reason = reason
        row.sourceKind = source
        row.sourceKey = key
        row.kecamatanID = kecamatanID
        row.onceKey = once
        row.createdAt = now
        try await row.create(on: db)
    }

    /// An account's total.
    /// (SUM over PostgreSQL's bigint is numeric: cast back for both engines.)
    static func total(of userID: UUID, on db: any Database) async throws -> Int {
        try await (db as! any SQLDatabase).raw(
            "SELECT CAST(COALESCE(SUM(points), 0) AS BIGINT) AS total FROM points_entries WHERE user_id = \(bind: userID)"
        ).first()?.decode(column: "total", as: Int.self) ?? 0
    }
}

// MARK: - what earns

extension Points {
    /// After a report action, in its transaction: verified and rated earn the reporter points; merged as a
    /// duplicate takes them back.
    static func afterReportAction(_ action: ReportAction, _ report: Report, on db: any Database, at now: Date)
        async throws
    {
        switch action {
        case .verify:
            try await award(
                .reportVerified, to: report.reporterID, from: .report, report.number, kecamatanID: report.kecamatanID,
                once: "verify:" + report.number, on: db, at: now)
        case .rate:
            try await award(
                .reportRated, to: report.reporterID, from: .report, report.number, kecamatanID: report.kecamatanID,
                once: "rate:" + report.number, on: db, at: now)
        case .merge:
            try await reverse(.reportMerged, from: .report, report.number, on: db, at: now)
        default: break
        }
    }

    /// After a proposal moved: each level passed earns its proposer points, once per level.
    static func afterProposalMove(
        _ proposal: Proposal, from: ProposalStage, to: ProposalStage, on db: any Database, at now: Date
    ) async throws {
        guard let level = PointsRules.levelPassed(from: from, to: to) else { return }
        try await award(
            .proposalAdvanced, to: proposal.proposerID, from: .proposal, proposal.number,
            kecamatanID: proposal.kecamatanID, once: "proposal:\(proposal.number):\(level)", on: db, at: now)
    }

    /// A helpful mark earns the post's author points, once per person marking.
    static func afterHelpful(_ post: ForumPost, by marker: UUID, kecamatanID: UUID?, on db: any Database, at now: Date)
        async throws
    {
        try await award(
            .postHelpful, to: post.authorID, from: .post, String(post.id!), kecamatanID: kecamatanID,
            once: "helpful:\(post.id!):\(marker)", on: db, at: now)
    }

    /// A moderator hid a post: what its helpful marks earned is taken back; restored, it is given back.
    static func afterModeration(_ post: ForumPost, hidden: Bool, on db: any Database, at now: Date) async throws {
        if hidden {
            try await reverse(.postHidden, from: .post, String(post.id!), on: db, at: now)
        } else {
            try await restore(.postRestored, from: .post, String(post.id!), on: db, at: now)
        }
    }
}
