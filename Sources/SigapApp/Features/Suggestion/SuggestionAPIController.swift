import SigapCore
import Vapor

/// `GET /api/v1/categories/suggest?text=…&kind=…`: the categories a report's text suggests, for the filing
/// form's script and for other clients. Public, like the form; reads nothing but the model.
struct SuggestionAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("api", "v1", "categories").open("helps anyone filing; reads no personal data")
            .get("suggest", use: suggest)
    }

    struct Suggestions: Content {
        let suggestions: [CategorySuggestion]
    }

    func suggest(req: Request) async throws -> Suggestions {
        let text = req.query[String.self, at: "text"] ?? ""
        guard text.count <= ReportLimits.description.upperBound else {
            throw AppError.invalid(["text": "report.text_too_long"])
        }
        let kind = try req.query[String.self, at: "kind"].map { raw in
            guard let kind = ReportKind(rawValue: raw) else { throw AppError.invalid(["kind": "report.kind_invalid"]) }
            return kind
        }
        return Suggestions(suggestions: try await req.suggestCategories(for: text, kind: kind))
    }
}
