import Fluent
import Foundation

/// A village (desa) or urban ward (kelurahan) inside a kecamatan.
final class Desa: Model, @unchecked Sendable {
    static let schema = "desa"

    enum Kind: String, Codable, CaseIterable, Sendable {
        case desa, kelurahan
    }

    // identity
    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String

    // data
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: Kind
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?

    // relations
    @Parent(key: "kecamatan_id") var kecamatan: Kecamatan

    init() {}

    init(
        id: UUID? = nil, code: String, name: String, kind: Kind, kecamatanID: UUID,
        latitude: Double? = nil, longitude: Double? = nil
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.kind = kind
        self.$kecamatan.id = kecamatanID
        self.latitude = latitude
        self.longitude = longitude
    }
}
