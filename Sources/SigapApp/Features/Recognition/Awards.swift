import Fluent
import Foundation
import SQLKit
import SigapCore

/// "Warga Peduli" awards: an administrator names a period, a title and a citation, and chooses recipients —
/// from the citizens with the most points in the period, or anyone by phone or e-mail. Each recipient gets a
/// certificate, signed at once (`Certificates.issue`), and is told through the outbox.
enum Awards {
    struct Suggestion: Sendable {
        let userID: UUID
        let name: String
        let points: Int
    }

    /// Citizens ranked by the points they earned in [from, to), opted in to leaderboards or not (the list is
    /// for administrators).
    static func suggestions(from: Date, to: Date, limit: Int = 20, on db: any Database) async throws -> [Suggestion] {
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw(
            """
            SELECT u.id AS id, u.name AS name, CAST(SUM(p.points) AS BIGINT) AS total
            FROM points_entries p JOIN users u ON u.id = p.user_id
            WHERE p.created_at >= \(bind: from) AND p.created_at < \(bind: to) AND u.role = 'warga'
              AND u.disabled_at IS NULL
            GROUP BY u.id, u.name HAVING SUM(p.points) > 0 ORDER BY total DESC, u.name LIMIT \(bind: limit)
            """
        ).all()
        return try rows.map {
            Suggestion(
                userID: try $0.decode(column: "id", as: UUID.self),
                name: try $0.decode(column: "name", as: String.self),
                points: try $0.decode(column: "total", as: Int.self))
        }
    }

    struct Draft: Sendable {
        var title: String?
        var citation: String?
        var periodFrom: String?
        var periodTo: String?
        /// Chosen from the suggestions.
        var recipientIDs: [UUID]
        /// Anyone else, one phone number or e-mail address per line.
        var others: String?
    }

    static func give(_ draft: Draft, context: ServiceContext) async throws -> (Award, [Certificate]) {
        guard let admin = context.actor, Policy.allows(admin.actor, .manageAwards) else { throw AppError.forbidden() }
        var recipients: [User] = []
        var problems: [String: String] = [:]
        if !draft.recipientIDs.isEmpty {
            recipients = try await User.query(on: context.db).filter(\.$id ~~ draft.recipientIDs)
                .filter(\.$role == .warga).all()
        }
        for line in (draft.others ?? "").split(whereSeparator: \.isNewline) {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            guard let identifier = ContactIdentifier(text),
                let user = try await Accounts.find(identifier: identifier, cipher: context.cipher, on: context.db),
                user.role == .warga
            else {
                problems["others"] = "award.recipient_unknown"
                continue
            }
            recipients.append(user)
        }
        recipients = Array(Dictionary(recipients.map { ($0.id!, $0) }) { first, _ in first }.values)
            .sorted { $0.name < $1.name }
        let rules = AwardRules.Draft(
            title: draft.title, citation: draft.citation, periodFrom: draft.periodFrom, periodTo: draft.periodTo,
            recipients: recipients.count)
        problems.merge(AwardRules.problems(rules)) { first, _ in first }
        guard problems.isEmpty, let from = rules.periodFrom, let to = rules.periodTo else {
            throw AppError.invalid(problems)
        }
        let (now, cipher, config, keys) = (context.now, context.cipher, context.config, context.services.signingKeys)
        let chosen = recipients
        return try await context.write { db in
            let award = Award()
            award.title = rules.title
            award.citation = rules.citation
            award.periodFrom = from.description
            award.periodTo = to.description
            award.createdBy = admin.id!
            award.createdAt = now
            try await award.create(on: db)
            var certificates: [Certificate] = []
            for recipient in chosen {
                let certificate = try await Certificates.issue(
                    award, to: recipient, site: config.baseURL, issuerName: config.region.name, keys: keys, on: db,
                    at: now, timeZone: config.timeZone)
                certificates.append(certificate)
                try await Outbox.enqueue(
                    .awardGranted, about: Subject(.certificate, certificate.number),
                    payload: ["number": certificate.number, "title": award.title],
                    to: [Outbox.Recipient(userID: recipient.id)], cipher: cipher, on: db, now: now)
            }
            try await AuditLog.record(
                "award.given", actor: admin, subjectType: "award", subjectID: String(award.id!),
                detail: "\(award.title): \(certificates.map(\.number).joined(separator: ", "))", on: db, at: now)
            return (award, certificates)
        }
    }
}
