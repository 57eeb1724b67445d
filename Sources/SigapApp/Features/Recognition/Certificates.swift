import Fluent
import Foundation
import SQLKit
import SigapCore

/// Certificates of awards: issued signed, shown and checked from their fields, revoked with a reason. The
/// credential is an Open Badges 3.0 `OpenBadgeCredential` (a W3C Verifiable Credential 2.0) built from the
/// row's fields whenever it is needed, with the proof stored at issue: change a field and it no longer verifies.
enum Certificates {
    /// Signs a certificate of `award` for `recipient` (inside the award's transaction).
    static func issue(
        _ award: Award, to recipient: User, site: String, issuerName: String, keys: SigningKeys,
        on db: any Database, at now: Date, timeZone: TimeZone
    ) async throws -> Certificate {
        let year = CivilDay(of: now, in: timeZone).year
        let prefix = AwardRules.certificateNumber(year: year, sequence: 0).dropLast(4)
        let issued = try await Certificate.query(on: db).filter(\.$number >= String(prefix) + "0000")
            .filter(\.$number <= String(prefix) + "9999").count()
        let certificate = Certificate()
        certificate.id = UUID()
        certificate.number = AwardRules.certificateNumber(year: year, sequence: issued + 1)
        certificate.awardID = award.id!
        certificate.recipientID = recipient.id!
        certificate.recipientName = recipient.name
        certificate.title = award.title
        certificate.citation = award.citation
        certificate.issuerName = issuerName
        certificate.issuerURL = site
        certificate.validFrom = IssuedCredentials.timestamp(now)
        certificate.createdAt = now
        let proof = try IssuedCredentials.sign(certificate.credential, site: site, keys: keys, at: now)
        certificate.keyID = proof.keyID
        certificate.proofCreated = proof.created
        certificate.proofValue = proof.value
        try await certificate.create(on: db)
        return certificate
    }

    enum Status: Equatable {
        case valid
        /// The signature does not match the fields (they were changed after signing), or its key is unknown.
        case invalid
        case revoked(reason: String, at: Date)
    }

    static func status(of certificate: Certificate, keys: SigningKeys) -> Status {
        guard let signed = try? certificate.signedCredential,
            case .success = IssuedCredentials.verify(signed, keys: keys)
        else { return .invalid }
        if let at = certificate.revokedAt { return .revoked(reason: certificate.revokedReason ?? "", at: at) }
        return .valid
    }

    static func revoke(_ number: String, reason raw: String?, context: ServiceContext) async throws {
        guard let admin = context.actor, Policy.allows(admin.actor, .manageAwards) else { throw AppError.forbidden() }
        let reason = ReportChecks.clean(raw)
        guard (5...300).contains(reason.count) else { throw AppError.invalid(["reason": "award.revoke_reason"]) }
        let now = context.now
        try await context.write { db in
            guard let certificate = try await Certificate.query(on: db).filter(\.$number == number).first(),
                certificate.revokedAt == nil
            else { throw AppError.notFound() }
            certificate.revokedAt = now
            certificate.revokedReason = reason
            certificate.revokedBy = admin.id
            try await certificate.save(on: db)
            try await AuditLog.record(
                "certificate.revoked", actor: admin, subjectType: "certificate", subjectID: number, detail: reason,
                on: db, at: now)
        }
    }
}

extension Certificate {
    var url: String { issuerURL + SiteURL.certificate(number) }

    /// The unsigned credential, exactly as signed.
    var credential: JSONValue {
        .object([
            "@context": .array(IssuedCredentials.contexts),
            "id": .string(url),
            "type": .array([.string("VerifiableCredential"), .string("OpenBadgeCredential")]),
            "name": .string(title),
            "issuer": IssuedCredentials.issuer(site: issuerURL, name: issuerName),
            "validFrom": .string(validFrom),
            "credentialSubject": .object([
                "type": .array([.string("AchievementSubject")]),
                "identifier": .array([
                    .object([
                        "type": .string("IdentityObject"), "identityType": .string("name"), "hashed": .bool(false),
                        "identityHash": .string(recipientName),
                    ])
                ]),
                "achievement": .object([
                    "id": .string(issuerURL + SiteURL.award(awardID)),
                    "type": .array([.string("Achievement")]),
                    "achievementType": .string("Award"),
                    "name": .string(title),
                    "description": .string(citation),
                    "criteria": .object(["narrative": .string(citation)]),
                ]),
            ]),
        ])
    }

    var storedProof: IssuedCredentials.StoredProof {
        IssuedCredentials.StoredProof(keyID: keyID, created: proofCreated, value: proofValue)
    }

    /// The credential with its proof: what `/sertifikat/{nomor}/kredensial.json` serves.
    var signedCredential: JSONValue {
        get throws { try storedProof.attach(to: credential, site: issuerURL) }
    }
}
