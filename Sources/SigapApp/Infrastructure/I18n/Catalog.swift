import Foundation
import Vapor

/// The languages of the interface. Indonesian is the default; English is the second language.
enum Language: String, CaseIterable, Codable, Sendable {
    case id, en
}

/// The one catalog of interface text (`Resources/Locales/catalog.json`): each key has an Indonesian and an
/// English text. `{0}`, `{1}` … are replaced by arguments.
struct Catalog: Sendable {
    let entries: [String: [String: String]]

    static func load(from resources: URL) throws -> Catalog {
        let url = resources.appendingPathComponent("Locales/catalog.json")
        let data = try Data(contentsOf: url)
        return Catalog(entries: try JSONDecoder().decode([String: [String: String]].self, from: data))
    }

    func text(_ key: String, _ language: Language, _ arguments: [String] = []) -> String {
        guard let entry = entries[key], let template = entry[language.rawValue] ?? entry[Language.id.rawValue]
        else { return key }
        var text = template
        for (index, argument) in arguments.enumerated() {
            text = text.replacingOccurrences(of: "{\(index)}", with: argument)
        }
        return text
    }
}

extension Application {
    private struct CatalogKey: StorageKey { typealias Value = Catalog }

    var catalog: Catalog {
        get { storage[CatalogKey.self] ?? Catalog(entries: [:]) }
        set { storage[CatalogKey.self] = newValue }
    }
}

extension Request {
    private struct LanguageKey: StorageKey { typealias Value = Language }

    var language: Language {
        get { storage[LanguageKey.self] ?? .id }
        set { storage[LanguageKey.self] = newValue }
    }

    /// Interface text in the request's language.
    func t(_ key: String, _ arguments: String...) -> String {
        application.catalog.text(key, language, arguments)
    }
}
