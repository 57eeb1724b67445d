import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// A citizen deletes their account (UU PDP's right to erasure). What only describes them goes: their name,
/// contacts, NIK, credentials, chat links, settings, sessions, tokens, pending messages, the form values and
/// documents of their service applications. What the public record needs stays without them: their reports
/// become anonymous public records, their proposals and forum posts stay under "Akun dihapus". One transaction,
/// so the account is either whole or erased; the application documents' files are removed after it commits.
enum AccountErasure {
    /// The name an erased account keeps (the forum and the audit trail still point at the row).
    static let erasedName = "Akun dihapus"

    static func erase(_ user: User, context: ServiceContext) async throws {
        let userID = try user.requireID()
        let (now, cipher) = (context.now, context.cipher)
        let emptyValues = try cipher.seal("{}")
        let unusablePassword = try await context.services.passwords.hash(SecretToken.readable(count: 32))
        let documents = try await context.write { db -> [String] in
            let sql = db as! any SQLDatabase
            let documents = try await sql.raw(
                """
                SELECT f.stored_name FROM application_files f JOIN service_applications a ON a.id = f.application_id
                WHERE a.applicant_id = \(bind: userID)
                """
            ).all().map { try $0.decode(column: "stored_name", as: String.self) }
            let statements: [SQLQueryString] = [
                "UPDATE reports SET reporter_id = NULL, guest_contact_cipher = NULL WHERE reporter_id = \(bind: userID)",
                "UPDATE proposals SET proposer_id = NULL WHERE proposer_id = \(bind: userID)",
                """
                UPDATE service_applications SET values_cipher = \(bind: emptyValues) WHERE applicant_id = \(bind: userID)
                """,
                """
                DELETE FROM application_files WHERE application_id IN
                  (SELECT id FROM service_applications WHERE applicant_id = \(bind: userID))
                """,
                "DELETE FROM chat_links WHERE user_id = \(bind: userID)",
                "DELETE FROM chat_link_codes WHERE user_id = \(bind: userID)",
                "DELETE FROM notification_settings WHERE user_id = \(bind: userID)",
                "DELETE FROM verification_codes WHERE user_id = \(bind: userID)",
                "DELETE FROM recovery_codes WHERE user_id = \(bind: userID)",
                // The outbox stops: nothing more is sent to them; what was sent keeps no address.
                """
                DELETE FROM outbox_messages
                WHERE recipient_user_id = \(bind: userID) AND sent_at IS NULL AND failed_at IS NULL
                """,
                """
                UPDATE outbox_messages SET recipient_contact_cipher = NULL
                WHERE recipient_user_id = \(bind: userID)
                """,
            ]
            for statement in statements { try await sql.raw(statement).run() }
            try await Accounts.signOutEverywhere(userID, on: db, at: now)
            user.name = erasedName
            user.email = nil
            user.emailVerifiedAt = nil
            user.phoneLookup = nil
            user.phoneCipher = nil
            user.phoneVerifiedAt = nil
            user.nikLookup = nil
            user.nikCipher = nil
            user.passwordHash = unusablePassword
            user.totpSecretCipher = nil
            user.totpEnabledAt = nil
            user.leaderboardOptIn = false
            user.disabledAt = now
            user.erasedAt = now
            try await user.update(on: db)
            try await DataRequests.recordServed(.deletion, for: user, on: db, at: now)
            try await AuditLog.record(
                "account.erased", actor: user, subjectType: "user", subjectID: userID.uuidString, on: db, at: now)
            return documents
        }
        context.files.remove(documents, .applicationFile)
    }
}
