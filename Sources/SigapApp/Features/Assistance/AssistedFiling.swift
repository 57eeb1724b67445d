import Fluent
import Foundation
import SQLKit
import SigapCore

/// A pendamping files a report for a citizen without a smartphone. The citizen becomes the reporter — an
/// account found or made by their phone number, so points, the report list and a later sign-in are theirs —
/// their phone hears the number and every change, and the report says it was filed with help. The pendamping
/// acts only in their own desa, and their confirmation of the citizen's spoken consent is audited.
enum AssistedFiling {
    /// The citizen's account (found by phone, or made) and the helper, once the pendamping may file in `desaCode`.
    static func assistance(name: String?, phone: String?, desaCode: String?, context: ServiceContext) async throws
        -> ReportIntake.Assistance
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
            return ReportIntake.Assistance(citizen: existing, phone: phone, helper: helper)
        }
        // A new account nobody can sign in to until its owner proves the number and sets a password.
        let citizen = User(
            name: String(name.prefix(100)), role: .warga,
            passwordHash: try await context.services.passwords.hash(SecretToken.urlSafe(bytes: 24)))
        try Accounts.setPhone(phone, of: citizen, cipher: cipher)
        try await context.write { db in try await citizen.create(on: db) }
        return ReportIntake.Assistance(citizen: citizen, phone: phone, helper: helper)
    }

    /// The audit entry of the consent the pendamping confirmed, naming the report and the citizen's account.
    static func recordConsent(_ report: Report, _ assistance: ReportIntake.Assistance, context: ServiceContext)
        async throws
    {
        try await context.write { db in
            try await AuditLog.record(
                "report.filed_for_citizen", actor: assistance.helper, subjectType: "report", subjectID: report.number,
                detail: "spoken consent confirmed; citizen account \(assistance.citizen.id!.uuidString)", on: db,
                at: context.now)
        }
    }

    /// The reports `helper` filed for citizens, newest first (`reports_assisted_by_idx`).
    static func helped(by helper: UUID, limit: Int = 100, on db: any Database) async throws -> [Report] {
        try await Report.query(on: db).filter(\.$assistedByID == helper).sort(\.$id, .descending).limit(limit).all()
    }
}
