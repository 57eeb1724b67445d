import Fluent
import Foundation
import SigapCore

/// A person who can sign in: a citizen (`warga`) or a staff member with a role and a scope.
/// Personal numbers are stored only encrypted (`…_cipher`) with a keyed look-up token (`…_lookup`).
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    // identity
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "phone_lookup") var phoneLookup: String?
    @OptionalField(key: "phone_cipher") var phoneCipher: String?
    @OptionalField(key: "nik_lookup") var nikLookup: String?
    @OptionalField(key: "nik_cipher") var nikCipher: String?
    /// When the owner proved the address or number with a one-time code; until then it identifies nobody
    /// (the chat treats the number as a guest).
    @OptionalField(key: "email_verified_at") var emailVerifiedAt: Date?
    @OptionalField(key: "phone_verified_at") var phoneVerifiedAt: Date?

    // credentials
    @Field(key: "password_hash") var passwordHash: String
    /// Set for passwords handed out by an administrator: the owner must choose a new one first.
    @Field(key: "must_change_password") var mustChangePassword: Bool
    @OptionalField(key: "totp_secret_cipher") var totpSecretCipher: String?
    @OptionalField(key: "totp_enabled_at") var totpEnabledAt: Date?
    @OptionalField(key: "totp_last_step") var totpLastStep: Int64?

    // role and scope
    @Field(key: "role") var role: Role
    @OptionalParent(key: "agency_id") var agency: Agency?
    @OptionalParent(key: "kecamatan_id") var kecamatan: Kecamatan?
    @OptionalParent(key: "desa_id") var desa: Desa?
    @OptionalField(key: "electoral_district_id") var electoralDistrictID: UUID?

    // preferences and state
    @Field(key: "locale") var locale: String
    /// The citizen agreed to appear, by display name, on the public leaderboards.
    @Field(key: "leaderboard_opt_in") var leaderboardOptIn: Bool
    @OptionalField(key: "disabled_at") var disabledAt: Date?
    /// The owner deleted the account: its personal fields are gone and it can never sign in again.
    @OptionalField(key: "erased_at") var erasedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    /// The DPRD commission a `dprd` account's member sits on: not a column of the account but the council's
    /// membership, read when the account signs a request in (`takeCouncilSeat`).
    var commissionID: UUID?

    init() {}

    init(id: UUID? = nil, name: String, role: Role, passwordHash: String, locale: String = "id") {
        self.id = id
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.mustChangePassword = false
        self.locale = locale
        self.leaderboardOptIn = false
    }

    var actor: Actor {
        Actor(
            id: id!, role: role, agencyID: $agency.id, kecamatanID: $kecamatan.id, desaID: $desa.id,
            electoralDistrictID: electoralDistrictID, commissionID: commissionID)
    }

    var scope: StaffScope {
        get {
            StaffScope(
                agencyID: $agency.id, kecamatanID: $kecamatan.id, desaID: $desa.id,
                electoralDistrictID: electoralDistrictID)
        }
        set {
            $agency.id = newValue.agencyID
            $kecamatan.id = newValue.kecamatanID
            $desa.id = newValue.desaID
            electoralDistrictID = newValue.electoralDistrictID
        }
    }

    var hasTwoFactor: Bool { totpEnabledAt != nil }
}
