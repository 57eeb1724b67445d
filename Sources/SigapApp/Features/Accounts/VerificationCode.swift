import Fluent
import Foundation
import SigapCore

/// A six-digit code sent to an e-mail address or phone number to prove it belongs to whoever typed it. Stored
/// as a keyed hash (a copy of the database cannot try the million codes), valid for `lifetime`, and given at
/// most `maxAttempts` guesses.
final class VerificationCode: Model, @unchecked Sendable {
    static let schema = "verification_codes"
    static let lifetime: TimeInterval = 15 * 60
    static let maxAttempts = 5

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

    /// Six digits from the system's secure generator.
    static func freshCode() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(format: "%06d", Int.random(in: 0..<1_000_000, using: &generator))
    }
}

/// What a registration keeps until its contact is proven: the account is created only then.
struct PendingRegistration: Codable, Sendable {
    let name: String
    let passwordHash: String
    let nik: String?
    let locale: String
}
