import Fluent
import Foundation
import SigapCore

/// Sends a guest's private link again to the contact they gave when filing ("send to my WhatsApp/e-mail" on the
/// page after filing), as the same receipt the filing sent. At most `resendsPerDay` a day per report, besides
/// the cap per unproven contact applied at delivery, so the button cannot be used to flood someone.
enum ReportFollowLink {
    static let resendsPerDay = 3

    enum Outcome: Equatable {
        case queued
        case tooMany
    }

    /// `token` is the guest's follow token, already checked against the report by the caller (`ReportViewer`).
    static func resend(_ report: Report, token: String, context: ServiceContext) async throws -> Outcome {
        guard report.reporterID == nil,
            let sealed = report.guestContactCipher, let contact = ContactIdentifier(try context.cipher.open(sealed))
        else { throw AppError.notFound() }
        let subject = report.subject
        let receipts = try await OutboxMessage.query(on: context.db).filter(\.$event == .reportReceived)
            .filter(\.$subjectKind == subject.kind).filter(\.$subjectID == subject.id)
            .filter(\.$createdAt >= context.now.addingTimeInterval(-86_400)).count()
        // The receipt sent at filing, plus the resends.
        guard receipts <= resendsPerDay else { return .tooMany }
        let payload = ReportIntake.receivedPayload(report)
        let (cipher, now) = (context.cipher, context.now)
        try await context.write { db in
            try await Outbox.enqueue(
                .reportReceived, about: subject, payload: payload, guestSecrets: ["follow": token],
                to: [.init(contact: contact)], cipher: cipher, on: db, now: now)
        }
        return .queued
    }
}
