import Fluent
import Foundation
import SigapCore

/// Setting up the council without a programmer: an administrator adds commissions (with the report categories
/// and agencies their fields cover) and members. Audited.
enum DPRDCouncil {
    struct NewCommission: Sendable {
        var code: String?
        var name: String?
        var fields: String?
        var categories: [String]
        var agencies: [String]
    }

    static func addCommission(_ new: NewCommission, context: ServiceContext) async throws -> DPRDCommission {
        guard let user = context.actor, Policy.allows(user.actor, .manageDPRD) else { throw AppError.forbidden() }
        let reference = try await context.reference()
        let categories = new.categories.filter { reference.categories[$0] != nil }
        let agencies = new.agencies.filter { reference.agencyByCode[$0] != nil }
        let draft = CouncilRules.CommissionDraft(
            code: new.code, name: new.name, coveredCodes: categories.count + agencies.count)
        var problems = CouncilRules.problems(draft)
        let code = draft.code
        let name = draft.name
        if try await DPRDCommission.query(on: context.db).filter(\.$code == code).count() > 0 {
            problems["code"] = "admin.code_taken"
        }
        guard problems.isEmpty else { throw AppError.invalid(problems) }
        let commission = DPRDCommission(
            code: code, name: name, fields: ReportChecks.clean(new.fields), categories: categories, agencies: agencies)
        let now = context.now
        try await context.write { db in
            try await commission.create(on: db)
            try await AuditLog.record(
                "dprd.commission_added", actor: user, subjectType: "dprd_commission", subjectID: code,
                detail: (categories + agencies).joined(separator: ","), on: db, at: now)
        }
        return commission
    }

    struct MemberDraft: Sendable {
        var name: String?
        var faction: String?
        var position: String?
        var districtID: UUID?
        var commissionCode: String?
        /// The member's `dprd` account, by its e-mail, when they have one.
        var accountEmail: String?
        /// A new photo; nil keeps the one there is.
        var photo: FileStore.CheckedFile?
    }

    /// Adds a member (`id` nil) or changes one: their seat, their account link, their photo.
    static func saveMember(_ id: UUID?, _ new: MemberDraft, context: ServiceContext) async throws -> DPRDMember {
        guard let user = context.actor, Policy.allows(user.actor, .manageDPRD) else { throw AppError.forbidden() }
        let reference = try await context.reference()
        let draft = CouncilRules.MemberDraft(name: new.name, faction: new.faction, position: new.position)
        var problems = CouncilRules.problems(draft)
        var commissionID: UUID?
        if let code = new.commissionCode?.trimmedOrNil {
            commissionID = try await DPRDCommission.query(on: context.db).filter(\.$code == code).first()?.id
            if commissionID == nil { problems["commission"] = "dprd.commission_unknown" }
        }
        let district = new.districtID.flatMap { reference.electoralDistrictNames[$0] == nil ? nil : $0 }
        var accountID: UUID?
        if let email = new.accountEmail?.trimmedOrNil?.lowercased() {
            let account = try await User.query(on: context.db).filter(\.$email == email).first()
            if account?.role != .dprd { problems["account"] = "dprd.account_unknown" }
            accountID = account?.id
        }
        guard problems.isEmpty else { throw AppError.invalid(problems) }
        let photo: String? =
            if let file = new.photo { try await context.placePicture(file, .memberPhoto) } else { nil }
        let seat = (commission: commissionID, account: accountID)
        let now = context.now
        return try await context.write { db in
            let member: DPRDMember
            if let id {
                guard let found = try await DPRDMember.find(id, on: db) else { throw AppError.notFound() }
                member = found
            } else {
                member = DPRDMember()
                member.id = UUID()
            }
            member.name = draft.name
            member.faction = draft.faction
            member.position = draft.position
            member.electoralDistrictID = district
            member.commissionID = seat.commission
            member.userID = seat.account
            if let photo { member.photoStoredName = photo }
            try await member.save(on: db)
            try await AuditLog.record(
                id == nil ? "dprd.member_added" : "dprd.member_changed", actor: user, subjectType: "dprd_member",
                subjectID: member.id!.uuidString, detail: draft.name, on: db, at: now)
            return member
        }
    }

    /// A member who leaves the council (end of term, replacement): gone from the public page and from the
    /// commission's aspirations; the audit log keeps who they were. Their photo goes with the orphan sweep.
    static func removeMember(_ id: UUID, context: ServiceContext) async throws {
        guard let user = context.actor, Policy.allows(user.actor, .manageDPRD) else { throw AppError.forbidden() }
        let now = context.now
        try await context.write { db in
            guard let member = try await DPRDMember.find(id, on: db) else { throw AppError.notFound() }
            try await member.delete(on: db)
            try await AuditLog.record(
                "dprd.member_removed", actor: user, subjectType: "dprd_member", subjectID: id.uuidString,
                detail: member.name, on: db, at: now)
        }
    }
}
