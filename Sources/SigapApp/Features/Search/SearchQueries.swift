import Fluent
import Foundation
import SQLKit
import SigapCore

/// The one search query, in each engine's words. Both match every query term (AND) over the normalised terms
/// and put the title first: on SQLite items with every term in their title come before the others, each group
/// newest first (two walks down the FTS5 index); on PostgreSQL `ts_rank_cd` with the title as weight A ranks
/// the newest `candidates` matches. Neither ranks every match: a word found in half a million reports would
/// otherwise be scored half a million times for thirty results (decision 0017).
enum SearchQueries {
    struct Filters: Sendable {
        var kind: SearchKind?
        var year: Int?
        var kecamatanID: UUID?
    }

    struct Hit: Sendable {
        let kind: SearchKind
        let key: String
        let title: String
        let body: String
        let year: Int
        let kecamatanID: UUID?
    }

    static let candidates = 1_000
    /// SQLite: how many of the newest matches the title-first order is chosen among.
    static let titleWindow = 200

    /// `now`: entries dated later (news scheduled for later) are not found yet.
    ///
    /// Two steps, so the ranking never drags text along: the best ids among the newest candidates (the index
    /// alone when there is no filter), then those entries.
    static func search(
        _ terms: [String], _ filters: Filters, limit: Int, now: Date = .distantFuture, on db: any Database
    )
        async throws -> [Hit]
    {
        guard !terms.isEmpty else { return [] }
        let sql = db as! any SQLDatabase
        var conditions: [any SQLExpression] = []
        if let kind = filters.kind { conditions.append(SQLQueryString("AND e.kind = \(bind: kind.rawValue)")) }
        if let year = filters.year { conditions.append(SQLQueryString("AND e.year = \(bind: year)")) }
        if let id = filters.kecamatanID { conditions.append(SQLQueryString("AND e.kecamatan_id = \(bind: id)")) }
        let filtered = SQLList(conditions, separator: SQLRaw(" "))
        // A few more than asked for: entries dated after now are dropped in the second step.
        let wanted = limit * 2
        let ranked: [Int]
        if sql.dialect.name == "postgresql" {
            ranked = try await sql.raw(
                """
                SELECT id FROM (
                  SELECT e.id, ts_rank_cd(e.document, q) AS rank
                  FROM search_entries e, plainto_tsquery('simple', \(bind: terms.joined(separator: " "))) q
                  WHERE e.document @@ q \(filtered)
                  ORDER BY e.id DESC LIMIT \(literal: candidates)
                ) c ORDER BY rank DESC, id DESC LIMIT \(literal: wanted)
                """
            ).all().map { try $0.decode(column: "id", as: Int.self) }
        } else {
            // Terms are letters and digits only (SearchText), so quoting each is all FTS5 needs. The newest
            // `titleWindow` matches are one walk down the index that stops when it has them; among those, items
            // with every term in their title come first. (FTS5's bm25, and a title-only MATCH, read every row
            // holding the query's words: 10-15 ms a query at 1M reports.)
            let phrase = terms.map { "\"" + $0 + "\"" }.joined(separator: " ")
            let newest: SQLQueryString =
                conditions.isEmpty
                ? SQLQueryString(
                    """
                    SELECT rowid AS id FROM search_fts WHERE search_fts MATCH \(bind: phrase)
                    ORDER BY rowid DESC LIMIT \(literal: titleWindow)
                    """)
                : SQLQueryString(
                    """
                    SELECT search_fts.rowid AS id FROM search_fts JOIN search_entries e ON e.id = search_fts.rowid
                    WHERE search_fts MATCH \(bind: phrase) \(filtered)
                    ORDER BY search_fts.rowid DESC LIMIT \(literal: titleWindow)
                    """)
            let ids = try await sql.raw("\(newest)").all().map { try $0.decode(column: "id", as: Int.self) }
            guard !ids.isEmpty else { return [] }
            let titles = try await sql.select().columns("id", "title_terms").from("search_entries")
                .where("id", .in, ids).all()
            let wantedTerms = Set(terms)
            // Whole words, found in the space-separated terms without splitting them into a set per row.
            let padded = wantedTerms.map { " \($0) " }
            let inTitle = Set(
                try titles.compactMap { row -> Int? in
                    let words = " " + (try row.decode(column: "title_terms", as: String.self)) + " "
                    return padded.allSatisfy(words.contains) ? try row.decode(column: "id", as: Int.self) : nil
                })
            ranked = ids.filter(inTitle.contains) + ids.filter { !inTitle.contains($0) }
        }
        let order = Array(ranked.prefix(wanted))
        guard !order.isEmpty else { return [] }
        let rows = try await sql.select()
            .columns("id", "kind", "key", "title", "body", "year", "kecamatan_id").from("search_entries")
            .where("id", .in, order).where("occurred_at", .lessThanOrEqual, now).all()
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        // Each row's id decoded once: decoding it inside the comparison was a sixth of a search's CPU.
        let sorted = try rows.map { (position[try $0.decode(column: "id", as: Int.self)]!, $0) }
            .sorted { $0.0 < $1.0 }.prefix(limit).map(\.1)
        return try sorted.compactMap { row in
            guard let kind = SearchKind(rawValue: try row.decode(column: "kind", as: String.self)) else { return nil }
            return Hit(
                kind: kind, key: try row.decode(column: "key", as: String.self),
                title: try row.decode(column: "title", as: String.self),
                body: try row.decode(column: "body", as: String.self),
                year: try row.decode(column: "year", as: Int.self),
                kecamatanID: try row.decode(column: "kecamatan_id", as: UUID?.self))
        }
    }
}
