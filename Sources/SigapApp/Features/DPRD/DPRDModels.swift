import Fluent
import Foundation
import SigapCore

/// A DPRD commission and the fields it oversees, as report categories and agencies (comma-separated codes).
final class DPRDCommission: Model, @unchecked Sendable {
    static let schema = "dprd_commissions"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    /// What it oversees, in words, for the public page.
    @Field(key: "fields") var fields: String
    @Field(key: "category_codes") var categoryCodes: String
    @Field(key: "agency_codes") var agencyCodes: String

    init() {}

    init(code: String, name: String, fields: String, categories: [String], agencies: [String]) {
        id = UUID()
        self.code = code
        self.name = name
        self.fields = fields
        categoryCodes = categories.joined(separator: ",")
        agencyCodes = agencies.joined(separator: ",")
    }

    var routing: DPRDRouting.Commission {
        DPRDRouting.Commission(
            code: code, categoryCodes: Set(categoryCodes.split(separator: ",").map(String.init)),
            agencyCodes: Set(agencyCodes.split(separator: ",").map(String.init)))
    }
}

/// A council member: faction, electoral district, commission, position; linked to their `dprd` account when
/// they have one.
final class DPRDMember: Model, @unchecked Sendable {
    static let schema = "dprd_members"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "faction") var faction: String
    @OptionalField(key: "electoral_district_id") var electoralDistrictID: UUID?
    @OptionalField(key: "commission_id") var commissionID: UUID?
    /// "Ketua", "Wakil Ketua", "Anggota".
    @Field(key: "position") var position: String
    @OptionalField(key: "user_id") var userID: UUID?
    @OptionalField(key: "photo_stored_name") var photoStoredName: String?

    init() {}
}
