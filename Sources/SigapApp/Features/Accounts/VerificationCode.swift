import Fluent
import Foundation
import SigapCore

/// A code (`ContactCode`: its length, lifetime and guesses) sent to an e-mail address or phone number to prove it
/// belongs to whoever typed it. Stored as a keyed hash, so a copy of the database cannot try the million codes.
final class VerificationCode: Model, @unchecked Sendable {
    static let schema = "verification_codes"

    @ID(key: .id) var id: UUID?
    /// The account proving a contact (to verify it, add it or change to it); nil for a registration.
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "contact_lookup") var contactLookup: String
    @Field(key: "contact_cipher") var contactCipher: String
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "attempts") var attempts: Int
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "created_at") var createdAt: Date
    /// A registration's details (`PendingRegistration`), sealed.
    @OptionalField(key: "registration_cipher") var registrationCipher: String?

    init() {}

    static func hash(_ code: String, id: UUID, cipher: FieldCipher) -> String {
        cipher.lookupToken(id.uuidString + ":" + code, purpose: "verification-code")
    }
}

/// What a registration keeps until its contact is proven: the account is created only then.
struct PendingRegistration: Codable, Sendable {
    let name: String
    let passwordHash: String
    let nik: String?
    let locale: String
}
