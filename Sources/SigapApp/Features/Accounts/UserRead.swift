import Fluent
import Foundation
import SQLKit
import SigapCore

extension User {
    /// Every column of an account, in the order `init(row:prefix:)` reads them.
    static let readColumns = [
        "id", "name", "email", "phone_lookup", "phone_cipher", "nik_lookup", "nik_cipher", "email_verified_at",
        "phone_verified_at", "password_hash", "must_change_password", "totp_secret_cipher", "totp_enabled_at",
        "totp_last_step", "role", "agency_id", "kecamatan_id", "desa_id", "electoral_district_id", "locale",
        "leaderboard_opt_in", "disabled_at", "erased_at",
        "created_at", "updated_at",
    ]

    /// An account from a row whose columns are `readColumns`, each named `prefix` + column (the session read
    /// selects the account beside the session; decoding by hand skips Fluent's reflection on every request).
    convenience init(row: any SQLRow, prefix: String = "") throws {
        func column(_ name: String) -> String { prefix + name }
        self.init()
        id = try row.decode(column: column("id"), as: UUID.self)
        $id.exists = true
        name = try row.decode(column: column("name"), as: String.self)
        email = try row.decode(column: column("email"), as: String?.self)
        phoneLookup = try row.decode(column: column("phone_lookup"), as: String?.self)
        phoneCipher = try row.decode(column: column("phone_cipher"), as: String?.self)
        nikLookup = try row.decode(column: column("nik_lookup"), as: String?.self)
        nikCipher = try row.decode(column: column("nik_cipher"), as: String?.self)
        emailVerifiedAt = try row.decode(column: column("email_verified_at"), as: Date?.self)
        phoneVerifiedAt = try row.decode(column: column("phone_verified_at"), as: Date?.self)
        passwordHash = try row.decode(column: column("password_hash"), as: String.self)
        mustChangePassword = try row.decode(column: column("must_change_password"), as: Bool.self)
        totpSecretCipher = try row.decode(column: column("totp_secret_cipher"), as: String?.self)
        totpEnabledAt = try row.decode(column: column("totp_enabled_at"), as: Date?.self)
        totpLastStep = try row.decode(column: column("totp_last_step"), as: Int64?.self)
        role = try row.decode(column: column("role"), as: Role.self)
        $agency.id = try row.decode(column: column("agency_id"), as: UUID?.self)
        $kecamatan.id = try row.decode(column: column("kecamatan_id"), as: UUID?.self)
        $desa.id = try row.decode(column: column("desa_id"), as: UUID?.self)
        electoralDistrictID = try row.decode(column: column("electoral_district_id"), as: UUID?.self)
        locale = try row.decode(column: column("locale"), as: String.self)
        leaderboardOptIn = try row.decode(column: column("leaderboard_opt_in"), as: Bool.self)
        disabledAt = try row.decode(column: column("disabled_at"), as: Date?.self)
        erasedAt = try row.decode(column: column("erased_at"), as: Date?.self)
        createdAt = try row.decode(column: column("created_at"), as: Date?.self)
        updatedAt = try row.decode(column: column("updated_at"), as: Date?.self)
    }
}
