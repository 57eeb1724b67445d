import Foundation
import SigapCore
import Vapor

/// `/cari` and `GET /api/v1/search`: one box over everything public, results grouped by kind, best first, with
/// the matching words marked. Filters: kind (`jenis`/`kind`), year (`tahun`/`year`), kecamatan (its code).
struct SearchController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.open("search covers public content only: the index holds nothing else")
        open.get("cari", use: page)
        open.grouped("api", "v1").get("search", use: api)
    }

    static let limit = 30

    struct Asked {
        var text = ""
        var kind: SearchKind?
        var year: Int?
        var kecamatan: String?
    }

    /// One found item as pages and the API show it.
    struct Result {
        let kind: SearchKind
        let key: String
        let url: String
        let title: SearchSnippet
        let snippet: SearchSnippet
        let year: Int
        let kecamatan: String?
    }

    static func run(_ asked: Asked, req: Request) async throws -> (terms: [String], results: [Result]) {
        let terms = SearchText.queryTerms(String(asked.text.prefix(200)))
        let reference = try await req.reference()
        let filters = SearchQueries.Filters(
            kind: asked.kind, year: asked.year,
            kecamatanID: asked.kecamatan.flatMap { code in
                // An unknown kecamatan matches nothing rather than everything.
                reference.kecamatanByCode[code] ?? UUID()
            })
        let hits = try await SearchQueries.search(terms, filters, limit: limit, now: req.now, on: req.db)
        let wanted = Set(terms)
        let results = hits.map { hit in
            Result(
                kind: hit.kind, key: hit.key,
                url: hit.kind.url(hit.key),
                title: SearchSnippet(hit.title, terms: wanted, words: 40),
                snippet: SearchSnippet(hit.body, terms: wanted),
                year: hit.year, kecamatan: hit.kecamatanID.flatMap { reference.kecamatanNames[$0] })
        }
        return (terms, results)
    }

    struct SearchPage {
        let page: PageContext
        let asked: Asked
        let searched: Bool
        /// Kinds in the order of their best result.
        let groups: [(kind: SearchKind, results: [Result])]
        let kinds: [Choice]
        let kecamatan: [Choice]
    }

    func page(req: Request) async throws -> Response {
        let asked = Asked(
            text: req.query[String.self, at: "q"] ?? "",
            kind: req.query[String.self, at: "jenis"].flatMap(SearchKind.init(rawValue:)),
            year: req.query[Int.self, at: "tahun"], kecamatan: req.query[String.self, at: "kecamatan"]?.trimmedOrNil)
        let (terms, results) = try await Self.run(asked, req: req)
        var groups: [(kind: SearchKind, results: [Result])] = []
        for result in results {
            if let index = groups.firstIndex(where: { $0.kind == result.kind }) {
                groups[index].results.append(result)
            } else {
                groups.append((result.kind, [result]))
            }
        }
        let reference = try await req.reference()
        return req.page(
            SearchPage(
                page: PageContext(req, title: req.t("search.title")), asked: asked, searched: !terms.isEmpty,
                groups: groups,
                kinds: SearchKind.allCases.map {
                    Choice(value: $0.rawValue, label: req.t("search.kind.\($0.rawValue)"))
                },
                kecamatan: reference.kecamatanChoices))
    }

    struct APIResult: Content {
        let kind: String
        let key: String
        let url: String
        let title: String
        let snippet: String
        /// The snippet's matched words, as they are written in it.
        let matched: [String]
        let year: Int
        let kecamatan: String?
    }

    struct APIAnswer: Content {
        let query: String
        let terms: [String]
        let results: [APIResult]
    }

    func api(req: Request) async throws -> APIAnswer {
        let text = req.query[String.self, at: "q"] ?? ""
        let kind = try req.query[String.self, at: "kind"].map { raw in
            guard let kind = SearchKind(rawValue: raw) else {
                throw AppError.invalid(["kind": "search.kind_unknown"])
            }
            return kind
        }
        let asked = Asked(
            text: text, kind: kind, year: req.query[Int.self, at: "year"],
            kecamatan: req.query[String.self, at: "kecamatan"]?.trimmedOrNil)
        let (terms, results) = try await Self.run(asked, req: req)
        return APIAnswer(
            query: text, terms: terms,
            results: results.map { r in
                APIResult(
                    kind: r.kind.rawValue, key: r.key, url: r.url, title: r.title.pieces.map(\.text).joined(),
                    snippet: r.snippet.pieces.map(\.text).joined(),
                    matched: r.snippet.pieces.filter(\.marked).map(\.text), year: r.year, kecamatan: r.kecamatan)
            })
    }
}

extension SearchKind {
    /// The page of an item of this kind.
    func url(_ key: String) -> String {
        switch self {
        case .report: SiteURL.report(key)
        case .proposal: SiteURL.proposal(key)
        case .thread: SiteURL.forumThread(key)
        case .news: SiteURL.newsItem(key)
        case .document: SiteURL.document(key)
        case .agenda: SiteURL.agenda + "#acara-" + key
        }
    }
}
