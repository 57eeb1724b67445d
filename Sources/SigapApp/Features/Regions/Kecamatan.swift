import Fluent
import Foundation

/// A sub-district of the kabupaten.
final class Kecamatan: Model, @unchecked Sendable {
    static let schema = "kecamatan"

    // identity
    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String

    // data
    @Field(key: "name") var name: String
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?
    /// The DPRD electoral district it belongs to.
    @OptionalField(key: "electoral_district_id") var electoralDistrictID: UUID?

    // relations
    @Children(for: \.$kecamatan) var desa: [Desa]

    init() {}

    init(id: UUID? = nil, code: String, name: String, latitude: Double? = nil, longitude: Double? = nil) {
        self.id = id
        self.code = code
        self.name = name
        self.latitude = latitude
        self.longitude = longitude
    }
}
