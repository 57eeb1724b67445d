import Fluent
import Foundation
import SQLKit
import SigapCore

/// Proving an e-mail address or phone number with a one-time code, for a registration or for an account adding,
/// changing or confirming a contact. Until then the contact identifies nobody: registration creates the account
/// only with the code, and the chat treats an unproven number as a guest.
///
/// Asking never says whether the contact already has an account: the answer is the same, and the contact's owner
/// is told instead (a code if it is free, a notice that someone tried to register with it otherwise).
enum ContactVerification {
    enum Outcome<Value: Sendable>: Sendable {
        case accepted(Value)
        /// Wrong code; this many guesses are left.
        case wrong(remaining: Int)
        /// Expired, used up, never issued, or no longer usable (the contact was taken meanwhile): ask again.
        case expired
    }

    /// Starts a registration for `contact`: returns the id the code page asks about.
    static func beginRegistration(
        _ contact: ContactIdentifier, registration: PendingRegistration, context: ServiceContext
    ) async throws -> UUID {
        let holder = try await Accounts.find(identifier: contact, cipher: context.cipher, on: context.db)
        let taken = holder.map { !Accounts.isClaimable($0) } ?? false
        return try await issue(
            to: contact, userID: nil, registration: registration, ownerAlreadyRegistered: taken, context: context)
    }

    /// Sends a code proving `contact` for the acting account.
    static func beginForAccount(_ contact: ContactIdentifier, context: ServiceContext) async throws -> UUID {
        guard let user = context.actor else {
            throw AppError(status: .unauthorized, code: "unauthorized", messageKey: "error.401")
        }
        return try await issue(
            to: contact, userID: user.id, registration: nil, ownerAlreadyRegistered: false, context: context)
    }

    private static func issue(
        to contact: ContactIdentifier, userID: UUID?, registration: PendingRegistration?, ownerAlreadyRegistered: Bool,
        context: ServiceContext
    ) async throws -> UUID {
        let cipher = context.cipher
        let now = context.now
        let row = VerificationCode()
        let id = UUID()
        row.id = id
        row.userID = userID
        row.contactLookup = Outbox.Keys.lookup(contact, cipher: cipher)
        row.contactCipher = try cipher.seal(contact.canonical)
        let code = ContactCode.fresh()
        // For a contact that has an account the code is never sent, so no guess can finish the registration.
        row.codeHash = VerificationCode.hash(
            ownerAlreadyRegistered ? SecretToken.urlSafe() : code, id: id, cipher: cipher)
        row.attempts = 0
        row.createdAt = now
        row.expiresAt = now.addingTimeInterval(ContactCode.lifetime)
        row.registrationCipher = try registration.map {
            try cipher.seal(String(decoding: JSONEncoder().encode($0), as: UTF8.self))
        }
        let language = registration?.locale ?? context.actor?.locale ?? "id"
        try await context.write { db in
            // One live code per contact and purpose: asking again replaces the earlier code.
            try await VerificationCode.query(on: db).filter(\.$contactLookup == row.contactLookup)
                .filter(\.$userID == userID).delete()
            try await row.create(on: db)
            let recipient = Outbox.Recipient(userID: nil, contact: contact)
            if ownerAlreadyRegistered {
                try await Outbox.enqueue(
                    .registrationAttempt, about: nil, payload: ["language": language], to: [recipient], cipher: cipher,
                    on: db, now: now)
            } else {
                try await Outbox.enqueue(
                    .contactCode, about: nil, payload: ["language": language], guestSecrets: ["code": code],
                    to: [recipient], cipher: cipher, on: db, now: now)
            }
        }
        return id
    }

    /// Checks a guess against code `id` and, when it is right, runs `accept` in the same transaction (the code is
    /// used up only if `accept` succeeds). Each guess counts, also a right one after the last allowed.
    static func check<Value: Sendable>(
        _ id: UUID, code: String, userID: UUID?, context: ServiceContext,
        accept: @escaping @Sendable (VerificationCode, ContactIdentifier, any Database) async throws -> Value?
    ) async throws -> Outcome<Value> {
        let cipher = context.cipher
        let now = context.now
        return try await context.write { db in
            guard let row = try await VerificationCode.find(id, on: db), row.userID == userID, row.expiresAt > now,
                let contact = (try? cipher.open(row.contactCipher)).flatMap(ContactIdentifier.init)
            else { return .expired }
            // Counted with the limit in the WHERE, so concurrent guesses cannot pass it.
            let counted = try await (db as! any SQLDatabase).update(VerificationCode.schema)
                .set(SQLIdentifier("attempts"), to: SQLRaw("attempts + 1"))
                .where("id", .equal, SQLBind(id)).where("attempts", .lessThan, SQLBind(ContactCode.maxAttempts))
                .returning("attempts").first()
            guard let attempts = try counted?.decode(column: "attempts", as: Int.self) else { return .expired }
            guard let digits = ContactCode.digits(of: code),
                SecretToken.constantTimeEquals(VerificationCode.hash(digits, id: id, cipher: cipher), row.codeHash)
            else { return .wrong(remaining: ContactCode.maxAttempts - attempts) }
            guard let value = try await accept(row, contact, db) else { return .expired }
            try await row.delete(on: db)
            return .accepted(value)
        }
    }

    /// Finishes a registration: the account is created with its contact proven. A NIK another account holds is
    /// left out (and said so); a contact taken meanwhile ends the registration.
    static func completeRegistration(_ id: UUID, code: String, context: ServiceContext) async throws
        -> Outcome<(user: User, nikLeftOut: Bool)>
    {
        let cipher = context.cipher
        let now = context.now
        return try await check(id, code: code, userID: nil, context: context) { row, contact, db in
            guard let sealed = row.registrationCipher,
                let registration = try? JSONDecoder().decode(
                    PendingRegistration.self, from: Data(cipher.open(sealed).utf8))
            else { return nil }
            let holder = try await Accounts.find(identifier: contact, cipher: cipher, on: db)
            if let holder, !Accounts.isClaimable(holder) { return nil }
            // A citizen a pendamping filed for takes over the account made for them.
            let user =
                holder
                ?? User(
                    name: registration.name, role: .warga, passwordHash: registration.passwordHash,
                    locale: registration.locale)
            (user.name, user.passwordHash, user.locale) =
                (registration.name, registration.passwordHash, registration.locale)
            try Accounts.setContact(contact, of: user, verifiedAt: now, cipher: cipher)
            var nikLeftOut = false
            if let nik = registration.nik.flatMap(NIK.init) {
                if try await Accounts.isNIKTaken(nik, cipher: cipher, on: db) {
                    nikLeftOut = true
                } else {
                    try Accounts.setNIK(nik, of: user, cipher: cipher)
                }
            }
            try await user.save(on: db)
            let details = [
                holder == nil ? nil : "claimed the account a pendamping made",
                nikLeftOut ? "nik left out: held by another account" : nil,
            ]
            try await AuditLog.record(
                "account.registered", actor: user, subjectType: "user", subjectID: user.id?.uuidString,
                detail: details.compactMap { $0 }.joined(separator: "; "), on: db, at: now)
            return (user, nikLeftOut)
        }
    }

    /// Finishes proving a contact for the acting account: the account now has it, proven. A contact another
    /// account holds is not moved (`taken`).
    enum AccountResult: Sendable { case proven, taken }

    static func completeForAccount(_ id: UUID, code: String, context: ServiceContext) async throws
        -> Outcome<AccountResult>
    {
        guard let user = context.actor, let userID = user.id else { return .expired }
        let cipher = context.cipher
        let now = context.now
        return try await check(id, code: code, userID: userID, context: context) { _, contact, db in
            if let holder = try await Accounts.find(identifier: contact, cipher: cipher, on: db), holder.id != userID {
                return .taken
            }
            guard let account = try await User.find(userID, on: db) else { return nil }
            try Accounts.setContact(contact, of: account, verifiedAt: now, cipher: cipher)
            try await account.save(on: db)
            try await AuditLog.record(
                "account.contact_verified", actor: account, subjectType: "user", subjectID: userID.uuidString,
                detail: { if case .email = contact { "email" } else { "phone" } }(), on: db, at: now)
            return .proven
        }
    }

    /// The contact a code was sent to, masked for the page that asks for it.
    static func maskedContact(of id: UUID, context: ServiceContext) async throws -> String? {
        guard let row = try await VerificationCode.find(id, on: context.db),
            let contact = (try? context.cipher.open(row.contactCipher)).flatMap(ContactIdentifier.init)
        else { return nil }
        return contact.masked
    }
}
