import Fluent
import Foundation
import SQLKit
import SigapCore

/// What a pendamping enters for a citizen without a smartphone — a report, a Musrenbang proposal or a service
/// application: the citizen is its owner (their account, points and notifications), their phone gets the news,
/// the pendamping is named as helper.
struct Assistance: Sendable {
    let citizen: User
    let phone: PhoneNumber
    let helper: User
}

/// A pendamping enters a report, proposal or application for a citizen. The citizen becomes the owner — an
/// account found or made by their phone number, so points, their lists and a later sign-in are theirs — their
/// phone hears the number and every change, and the record says it was entered with help. The pendamping acts
/// only in their own desa, and their confirmation of the citizen's spoken consent is audited.
enum AssistedFiling {
    /// The citizen's account (found by phone, or made) and the helper, once the pendamping may act in `desaCode`.
    static func assistance(name: String?, phone: String?, desaCode: String?, context: ServiceContext) async throws
        -> Assistance
    {
        guard let helper = context.actor else { throw AppError.forbidden() }
        let problems = AssistedFilingRules.problems(name: name, phone: phone, consent: "on")
        guard problems.isEmpty, let name = name?.trimmingCharacters(in: .whitespacesAndNewlines),
            let phone = phone.flatMap(PhoneNumber.init)
        else { throw AppError.invalid(problems) }
        let reference = try await context.reference()
        guard let desa = desaCode.flatMap({ reference.desa[$0] }) else {
            throw AppError.invalid(["desa": "report.desa_unknown"])
        }
        guard Policy.allows(helper.actor, .fileForCitizen(Place(kecamatanID: desa.kecamatanID, desaID: desa.id)))
        else { throw AppError.invalid(["desa": "assist.desa_outside"]) }
        let cipher = context.cipher
        if let existing = try await Accounts.find(identifier: .phone(phone), cipher: cipher, on: context.db),
            existing.role == .warga, existing.disabledAt == nil, existing.erasedAt == nil
        {
            return Assistance(citizen: existing, phone: phone, helper: helper)
        }
        // A new account nobody can sign in to until its owner proves the number and sets a password.
        let citizen = User(
            name: String(name.prefix(100)), role: .warga,
            passwordHash: try await context.services.passwords.hash(SecretToken.urlSafe(bytes: 24)))
        try Accounts.setPhone(phone, of: citizen, cipher: cipher)
        try await context.write { db in try await citizen.create(on: db) }
        return Assistance(citizen: citizen, phone: phone, helper: helper)
    }

    /// The desa a pendamping applies for a service from: a desa office's service is that desa's; any other is
    /// applied for from the pendamping's own desa, where the citizen lives.
    static func desaCode(applyingFor service: PublicService, helper: User, context: ServiceContext) async throws
        -> String?
    {
        let reference = try await context.reference()
        return (service.desaID ?? helper.$desa.id).flatMap { reference.desaByID[$0]?.code }
    }

    /// The audit entry of the consent the pendamping confirmed, naming the record and the citizen's account:
    /// `report.filed_for_citizen`, `proposal.filed_for_citizen`, `application.filed_for_citizen`.
    static func recordConsent(
        _ assistance: Assistance, subjectType: String, subjectID: String, on db: any Database, at now: Date
    ) async throws {
        try await AuditLog.record(
            "\(subjectType).filed_for_citizen", actor: assistance.helper, subjectType: subjectType,
            subjectID: subjectID,
            detail: "spoken consent confirmed; citizen account \(assistance.citizen.id!.uuidString)",
            on: db, at: now)
    }

    /// A report's consent entry, written right after the batch writer stored it.
    static func recordConsent(_ report: Report, _ assistance: Assistance, context: ServiceContext) async throws {
        try await context.write { db in
            try await recordConsent(
                assistance, subjectType: "report", subjectID: report.number, on: db, at: context.now)
        }
    }

    /// Who hears about a proposal or application: its owner's account and, when a pendamping entered it for them,
    /// the phone on that account too (`Outbox.Directory` uses it only while no chat is linked).
    static func owner(_ userID: UUID, assisted: Bool, cipher: FieldCipher, on db: any Database) async throws
        -> Outbox.Recipient
    {
        guard assisted, let citizen = try await User.find(userID, on: db), let sealed = citizen.phoneCipher else {
            return .init(userID: userID)
        }
        return .init(userID: userID, contact: ContactIdentifier(try cipher.open(sealed)))
    }

    /// The reports `helper` filed for citizens, newest first (`reports_assisted_by_idx`).
    static func helped(by helper: UUID, limit: Int = 100, on db: any Database) async throws -> [Report] {
        try await Report.query(on: db).filter(\.$assistedByID == helper).sort(\.$id, .descending).limit(limit).all()
    }

    /// The proposals `helper` entered for citizens, newest first (`proposals_assisted_by_idx`).
    static func proposals(by helper: UUID, limit: Int = 100, on db: any Database) async throws -> [Proposal] {
        try await Proposal.query(on: db).filter(\.$assistedByID == helper).sort(\.$createdAt, .descending)
            .limit(limit).all()
    }

    /// The applications `helper` made for citizens, newest first (`applications_assisted_by_idx`).
    static func applications(by helper: UUID, limit: Int = 100, on db: any Database) async throws
        -> [ServiceApplication]
    {
        try await ServiceApplication.query(on: db).filter(\.$assistedByID == helper).sort(\.$createdAt, .descending)
            .limit(limit).all()
    }
}
