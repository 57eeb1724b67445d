import Fluent
import Foundation
import SQLKit
import SigapCore

/// Keeps `search_entries` in step with the content, in the transaction that changes it: what the public may
/// read has an entry, everything else (confidential or unpublished reports, merged duplicates) has none.
enum SearchIndex {
    /// What a result shows and what it is found by.
    struct Entry: Sendable {
        let kind: SearchKind
        let key: String
        let title: String
        /// The text the snippet is cut from (the first 2,000 characters are kept).
        let body: String
        let year: Int
        let kecamatanID: UUID?
        let occurredAt: Date

        static let columns = [
            "kind", "key", "title", "body", "year", "kecamatan_id", "occurred_at", "title_terms", "body_terms",
        ]

        var values: [any SQLExpression] {
            let kept = String(body.prefix(2_000))
            return [
                SQLBind(kind.rawValue), SQLBind(key), SQLBind(title), SQLBind(kept), SQLBind(year),
                SQLBind(kecamatanID), SQLBind(occurredAt), SQLBind(SearchText.indexed(title)),
                SQLBind(SearchText.indexed(kept)),
            ]
        }
    }

    /// Adds or replaces entries (one statement for a batch of filings).
    static func put(_ entries: [Entry], on db: any Database) async throws {
        guard !entries.isEmpty else { return }
        let sql = db as! any SQLDatabase
        let insert = sql.insert(into: "search_entries").columns(Entry.columns)
        for entry in entries { insert.values(entry.values) }
        try await insert.onConflict(with: ["kind", "key"]) { update in
            var update = update
            for column in Entry.columns.dropFirst(2) { update = update.set(excludedValueOf: column) }
            return update
        }.run()
    }

    static func remove(_ kind: SearchKind, _ key: String, on db: any Database) async throws {
        try await (db as! any SQLDatabase).delete(from: "search_entries").where("kind", .equal, kind.rawValue)
            .where("key", .equal, key).run()
    }

    /// A report's entry as its visibility is now: public, published and not merged into another. `year` is the
    /// year of its filing in the region (its number's).
    static func update(_ report: Report, year: Int, on db: any Database) async throws {
        if let entry = entry(for: report, year: year) {
            try await put([entry], on: db)
        } else {
            try await remove(.report, report.number, on: db)
        }
    }

    /// What the public may read of reports: not confidential, published, not merged into another.
    static func isPublic(_ report: Report) -> Bool {
        report.privacy.isPublic && report.published && report.mergedIntoID == nil
    }

    static func entry(for report: Report, year: Int) -> Entry? {
        guard isPublic(report) else { return nil }
        return Entry(
            kind: .report, key: report.number, title: report.title,
            body: report.description + (report.address.isEmpty ? "" : "\n" + report.address), year: year,
            kecamatanID: report.kecamatanID, occurredAt: report.createdAt)
    }

    /// Every proposal is public (decision 0016); its entry follows each revision.
    static func update(_ proposal: Proposal, planYear: Int, on db: any Database) async throws {
        try await put(
            [
                Entry(
                    kind: .proposal, key: proposal.number, title: proposal.title,
                    body: [proposal.problem, proposal.description, proposal.address].filter { !$0.isEmpty }
                        .joined(separator: "\n"),
                    year: planYear, kecamatanID: proposal.kecamatanID, occurredAt: proposal.createdAt)
            ], on: db)
    }
}
