import Fluent
import Foundation
import SigapCore
import Vapor

/// Finding and creating accounts; the only code that seals or looks up personal numbers.
enum Accounts {
    /// Ends every session and revokes every API token of an account: a password change, a password or
    /// two-factor reset, a new role or scope, a disabled account.
    static func signOutEverywhere(_ userID: UUID, on db: any Database, at now: Date) async throws {
        try await DatabaseSessionDriver.endAll(userID: userID, on: db)
        try await APIToken.revokeAll(of: userID, on: db, at: now)
    }

    /// Saves a staff account made outside the staff pages (the first admin, `create-admin`, the demo) with its
    /// audit entry, in one transaction on the writer.
    static func createStaff(_ user: User, detail: String, context: ServiceContext) async throws {
        let now = context.now
        try await context.write { db in
            try await user.create(on: db)
            try await AuditLog.record(
                "staff.created", actor: nil, subjectType: "user", subjectID: user.id?.uuidString, detail: detail,
                on: db, at: now)
        }
    }

    static func find(identifier: ContactIdentifier, cipher: FieldCipher, on db: any Database) async throws -> User? {
        switch identifier {
        case .email(let email):
            return try await User.query(on: db).filter(\.$email == email.value).first()
        case .phone(let phone):
            let token = cipher.lookupToken(phone.digits, purpose: "phone")
            return try await User.query(on: db).filter(\.$phoneLookup == token).first()
        }
    }

    /// An account a pendamping made for a citizen without a smartphone (`AssistedFiling`): a citizen's account
    /// known only by a phone number nobody proved. Whoever proves that number by registering with it takes the
    /// account over — with the reports filed for them and their points — instead of being told it is taken.
    static func isClaimable(_ user: User) -> Bool {
        user.role == .warga && user.email == nil && user.phoneVerifiedAt == nil && user.disabledAt == nil
            && user.erasedAt == nil
    }

    /// Sets a phone number nobody has proven yet (an administrator typed it): it identifies nobody until its
    /// owner proves it from the account page.
    static func setPhone(_ phone: PhoneNumber?, of user: User, cipher: FieldCipher) throws {
        user.phoneLookup = phone.map { cipher.lookupToken($0.digits, purpose: "phone") }
        user.phoneCipher = try phone.map { try cipher.seal($0.digits) }
        user.phoneVerifiedAt = nil
    }

    /// Sets a contact its owner just proved with a one-time code.
    static func setContact(_ contact: ContactIdentifier, of user: User, verifiedAt: Date, cipher: FieldCipher) throws {
        switch contact {
        case .email(let email):
            user.email = email.value
            user.emailVerifiedAt = verifiedAt
        case .phone(let phone):
            try setPhone(phone, of: user, cipher: cipher)
            user.phoneVerifiedAt = verifiedAt
        }
    }

    static func setNIK(_ nik: NIK?, of user: User, cipher: FieldCipher) throws {
        user.nikLookup = nik.map { cipher.lookupToken($0.digits, purpose: "nik") }
        user.nikCipher = try nik.map { try cipher.seal($0.digits) }
    }

    static func isNIKTaken(_ nik: NIK, cipher: FieldCipher, on db: any Database) async throws -> Bool {
        let token = cipher.lookupToken(nik.digits, purpose: "nik")
        return try await User.query(on: db).filter(\.$nikLookup == token).count() > 0
    }

    /// A one-time password for accounts an administrator creates: 16 unambiguous characters (~79 bits).
    static func oneTimePassword() -> String { SecretToken.readable(count: 16) }

    static func maskedPhone(of user: User, cipher: FieldCipher) -> String? {
        user.phoneCipher.flatMap { try? cipher.open($0) }.flatMap(PhoneNumber.init)?.masked
    }

    static func maskedNIK(of user: User, cipher: FieldCipher) -> String? {
        user.nikCipher.flatMap { try? cipher.open($0) }.flatMap(NIK.init)?.masked
    }
}
