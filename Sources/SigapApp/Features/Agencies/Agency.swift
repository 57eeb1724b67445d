import Fluent
import Foundation

/// A regional government agency (OPD) that receives reports.
final class Agency: Model, @unchecked Sendable {
    static let schema = "agencies"

    // identity
    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String

    // data
    @Field(key: "name") var name: String
    @Field(key: "short_name") var shortName: String
    @Field(key: "active") var active: Bool
    /// The agency head's name and title ("Ir. Budi Santoso, M.T. — Kepala Dinas"); empty when not known.
    @Field(key: "head_name") var headName: String

    init() {}

    init(id: UUID? = nil, code: String, name: String, shortName: String, active: Bool = true) {
        self.id = id
        self.code = code
        self.name = name
        self.shortName = shortName
        self.active = active
        self.headName = ""
    }
}
