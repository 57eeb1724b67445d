import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import SigapCore
import Vapor

/// Holds the category-suggestion model. Trained from every category's name, description and keywords, the
/// shipped starter vocabulary (`Resources/Suggestion/lexicon.json`) and the newest verified reports; stored in
/// `category_models` so a restart does not retrain. `sigap train` retrains; each verification teaches the
/// running model at once, and the server retrains from the database every few hours so every node learns.
final class CategorySuggester: Sendable {
    static let modelName = "categories"
    /// Verified reports used for training, newest first: enough to learn local words, bounded in time.
    static let trainingReports = 20_000
    static let retrainInterval: TimeInterval = 6 * 3600
    /// Weights: a curated word says more than one citizen's wording.
    static let nameWeight = 4
    static let keywordWeight = 3
    static let lexiconWeight = 2

    private let lexicon: [String: String]
    private let current = NIOLockedValueBox<CategoryClassifier?>(nil)

    struct Lexicon: Decodable {
        let categories: [String: String]
    }

    init(lexicon: [String: String]) {
        self.lexicon = lexicon
    }

    static func load(from resources: URL) throws -> CategorySuggester {
        let data = try Data(contentsOf: resources.appendingPathComponent("Suggestion/lexicon.json"))
        return CategorySuggester(lexicon: try JSONDecoder().decode(Lexicon.self, from: data).categories)
    }

    /// The running model: in memory, else the stored one, else trained now.
    func classifier(_ context: ServiceContext) async throws -> CategoryClassifier {
        if let model = current.withLockedValue({ $0 }) { return model }
        if let stored = try await stored(on: context.db) {
            current.withLockedValue { $0 = stored }
            return stored
        }
        return try await train(context)
    }

    /// Rebuilds the model from the database and stores it (on the writer).
    @discardableResult
    func train(_ context: ServiceContext) async throws -> CategoryClassifier {
        let model = CategoryClassifier(training: try await examples(on: context.db))
        let json = String(decoding: try JSONEncoder().encode(model), as: UTF8.self)
        let now = context.now
        let sql = context.writer as! any SQLDatabase
        try await sql.raw(
            """
            INSERT INTO category_models (name, model, examples, trained_at)
            VALUES (\(bind: Self.modelName), \(bind: json), \(bind: model.examples), \(bind: now))
            ON CONFLICT (name) DO UPDATE SET model = excluded.model, examples = excluded.examples,
              trained_at = excluded.trained_at
            """
        ).run()
        current.withLockedValue { $0 = model }
        return model
    }

    /// A verification confirmed `categoryCode` for this text: the running model learns it now.
    func learn(_ text: String, categoryCode: String) {
        current.withLockedValue { model in
            model?.learn(.init(label: categoryCode, text: text))
        }
    }

    func examples(on db: any Database) async throws -> [CategoryClassifier.Example] {
        var examples: [CategoryClassifier.Example] = []
        let categories = try await Category.query(on: db).filter(\.$active == true).all()
        for category in categories {
            examples.append(.init(label: category.code, text: category.name, weight: Self.nameWeight))
            examples.append(.init(label: category.code, text: category.description, weight: Self.lexiconWeight))
            for keyword in category.keywords.split(separator: ",") {
                examples.append(.init(label: category.code, text: String(keyword), weight: Self.keywordWeight))
            }
            if let words = lexicon[category.code] {
                examples.append(.init(label: category.code, text: words, weight: Self.lexiconWeight))
            }
        }
        let codes = Dictionary(uniqueKeysWithValues: categories.map { ($0.id!, $0.code) })
        let verified: [ReportStatus] = [.diverifikasi, .didisposisikan, .diproses, .selesai, .ditutup, .dibukaKembali]
        let reports = try await (db as! any SQLDatabase).select().columns("category_id", "title", "description")
            .from(Report.schema).where("status", .in, verified.map(\.rawValue))
            .where("merged_into_id", .is, SQLLiteral.null).orderBy("id", .descending).limit(Self.trainingReports)
            .all(decoding: TrainingRow.self)
        for report in reports {
            guard let code = codes[report.categoryId] else { continue }
            examples.append(.init(label: code, text: report.title + " " + report.description))
        }
        return examples
    }

    private struct TrainingRow: Decodable {
        let categoryId: UUID
        let title: String
        let description: String

        enum CodingKeys: String, CodingKey {
            case categoryId = "category_id", title, description
        }
    }

    private func stored(on db: any Database) async throws -> CategoryClassifier? {
        let row = try await (db as! any SQLDatabase).select().column("model").from("category_models")
            .where("name", .equal, Self.modelName).first()
        guard let json = try row?.decode(column: "model", as: String.self) else { return nil }
        return try? JSONDecoder().decode(CategoryClassifier.self, from: Data(json.utf8))
    }
}

extension Request {
    /// Up to three categories for `text`, with their names and agencies (only active categories of `kind`).
    func suggestCategories(for text: String, kind: ReportKind? = nil) async throws -> [CategorySuggestion] {
        guard text.count >= 3 else { return [] }
        let reference = try await self.reference()
        let allowed = Set(
            reference.categories.values.filter { info in
                info.active && (kind == nil || info.kind == .keduanya || info.kind.rawValue == kind!.rawValue)
            }.map(\.code))
        let model = try await sigap.suggester.classifier(context)
        return model.suggest(text, limit: 3, among: allowed).compactMap { suggestion in
            guard let info = reference.categories[suggestion.label] else { return nil }
            return CategorySuggestion(
                code: info.code, name: info.name, agency: reference.agencyNames[info.agencyID] ?? "",
                probability: (suggestion.probability * 100).rounded() / 100)
        }
    }
}

/// A suggestion as pages and the API show it.
struct CategorySuggestion: Content, Equatable {
    let code: String
    let name: String
    let agency: String
    let probability: Double
}
