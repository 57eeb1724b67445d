import Fluent
import Foundation

/// A report category; its agency is where reports of this category are routed.
final class Category: Model, @unchecked Sendable {
    static let schema = "categories"

    /// Which kind of report may use the category.
    enum Kind: String, Codable, CaseIterable, Sendable {
        case pengaduan, aspirasi, keduanya
    }

    // identity
    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String

    // data
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    /// English name and description for API clients and English readers; empty: the Indonesian is shown.
    @Field(key: "name_en") var nameEnglish: String
    @Field(key: "description_en") var descriptionEnglish: String
    /// Comma-separated words people use for this problem; used to suggest a category from text.
    @Field(key: "keywords") var keywords: String
    @Field(key: "kind") var kind: Kind
    @Field(key: "response_working_days") var responseWorkingDays: Int
    @Field(key: "resolution_working_days") var resolutionWorkingDays: Int
    @Field(key: "active") var active: Bool

    // relations
    @Parent(key: "agency_id") var agency: Agency

    init() {}

    init(
        id: UUID? = nil, code: String, name: String, description: String, keywords: String, kind: Kind,
        agencyID: UUID, responseWorkingDays: Int = 3, resolutionWorkingDays: Int = 14, active: Bool = true,
        nameEnglish: String = "", descriptionEnglish: String = ""
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.description = description
        self.nameEnglish = nameEnglish
        self.descriptionEnglish = descriptionEnglish
        self.keywords = keywords
        self.kind = kind
        self.$agency.id = agencyID
        self.responseWorkingDays = responseWorkingDays
        self.resolutionWorkingDays = resolutionWorkingDays
        self.active = active
    }
}
