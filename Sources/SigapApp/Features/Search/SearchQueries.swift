import Fluent
import Foundation
import SQLKit
import SigapCore

/// The one search query, in each engine's words. Both match every query term (AND) over the normalised terms,
/// rank with the title weighing more than the text (FTS5's `bm25` with weights 4:1; PostgreSQL's `ts_rank_cd`
/// with the title as weight A), and rank only the newest `candidates` matches: a word found in half a million
/// reports would otherwise be ranked half a million times for twenty results.
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
        let ranked: [any SQLRow]
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
            ).all()
        } else {
            // Terms are letters and digits only (SearchText), so quoting each is all FTS5 needs.
            let match = terms.map { "\"" + $0 + "\"" }.joined(separator: " ")
            let source: any SQLExpression =
                conditions.isEmpty
                ? SQLQueryString(
                    """
                    SELECT rowid AS id, bm25(search_fts, 4.0, 1.0) AS rank FROM search_fts
                    WHERE search_fts MATCH \(bind: match) ORDER BY rowid DESC LIMIT \(literal: candidates)
                    """)
                : SQLQueryString(
                    """
                    SELECT search_fts.rowid AS id, bm25(search_fts, 4.0, 1.0) AS rank
                    FROM search_fts JOIN search_entries e ON e.id = search_fts.rowid
                    WHERE search_fts MATCH \(bind: match) \(filtered)
                    ORDER BY search_fts.rowid DESC LIMIT \(literal: candidates)
                    """)
            ranked = try await sql.raw(
                "SELECT id FROM (\(source)) c ORDER BY rank, id DESC LIMIT \(literal: wanted)"
            ).all()
        }
        let order = try ranked.map { try $0.decode(column: "id", as: Int.self) }
        guard !order.isEmpty else { return [] }
        let rows = try await sql.select()
            .columns("id", "kind", "key", "title", "body", "year", "kecamatan_id").from("search_entries")
            .where("id", .in, order).where("occurred_at", .lessThanOrEqual, now).all()
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        let sorted = try rows.sorted {
            position[try $0.decode(column: "id", as: Int.self)]! < position[try $1.decode(column: "id", as: Int.self)]!
        }.prefix(limit)
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
