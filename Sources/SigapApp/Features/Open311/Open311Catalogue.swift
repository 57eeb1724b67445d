import Foundation
import SigapCore

/// The services and service definitions of GeoReport v2: one service per active category. Every service asks
/// the same two optional questions Sigap's own form asks (a short title, and whether the report is public,
/// anonymous or confidential), so `metadata` is true and the definition lists them as attributes.
enum Open311Catalogue {
    static let titleAttribute = "judul"
    static let privacyAttribute = "privasi"

    static func services(_ reference: ReferenceCache.Snapshot, language: Language, catalog: Catalog)
        -> Open311Document
    {
        let active = reference.categories.values.filter(\.active).sorted { $0.code < $1.code }
        return Open311Document(
            root: "services",
            .list(
                element: "service",
                active.map { category in
                    .object([
                        ("service_code", .text(category.code)),
                        ("service_name", .text(name(category, language))),
                        ("description", .text(description(category, language))),
                        ("metadata", .bool(true)),
                        ("type", .text("realtime")),
                        ("keywords", .text(category.keywords)),
                        ("group", .text(reference.agencyNames[category.agencyID] ?? "")),
                    ])
                }))
    }

    static func definition(
        _ category: ReferenceCache.CategoryInfo, language: Language, catalog: Catalog
    ) -> Open311Document {
        let t = { (key: String) in catalog.text(key, language) }
        let privacyValues: [Open311Value] = ReportPrivacy.allCases.map { privacy in
            .object([("key", .text(privacy.rawValue)), ("name", .text(t("privacy." + privacy.rawValue)))])
        }
        return Open311Document(
            root: "service_definition",
            .object([
                ("service_code", .text(category.code)),
                (
                    "attributes",
                    .list(
                        element: "attribute",
                        [
                            .object([
                                ("variable", .bool(true)), ("code", .text(titleAttribute)),
                                ("datatype", .text("string")),
                                ("required", .bool(false)),
                                ("datatype_description", .text(t("open311.title_format"))), ("order", .integer(1)),
                                ("description", .text(t("open311.title_question"))),
                            ]),
                            .object([
                                ("variable", .bool(true)), ("code", .text(privacyAttribute)),
                                ("datatype", .text("singlevaluelist")), ("required", .bool(false)),
                                ("datatype_description", .text(nil)), ("order", .integer(2)),
                                ("description", .text(t("open311.privacy_question"))),
                                ("values", .list(element: "value", privacyValues)),
                            ]),
                        ])
                ),
            ]))
    }

    static func name(_ category: ReferenceCache.CategoryInfo, _ language: Language) -> String {
        language == .en && !category.nameEnglish.isEmpty ? category.nameEnglish : category.name
    }

    static func description(_ category: ReferenceCache.CategoryInfo, _ language: Language) -> String {
        language == .en && !category.descriptionEnglish.isEmpty ? category.descriptionEnglish : category.description
    }

    /// What happens next, from the category's deadlines: the spec's `service_notice`.
    static func notice(_ category: ReferenceCache.CategoryInfo, language: Language, catalog: Catalog) -> String {
        catalog.text(
            "open311.notice", language,
            [String(category.responseWorkingDays), String(category.resolutionWorkingDays)])
    }
}
