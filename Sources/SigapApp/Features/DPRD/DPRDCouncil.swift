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
        var problems: [String: String] = [:]
        let code = ReportChecks.clean(new.code).uppercased()
        if !(1...10).contains(code.count) { problems["code"] = "dprd.code_required" }
        let name = ReportChecks.clean(new.name)
        if !(3...120).contains(name.count) { problems["name"] = "dprd.name_required" }
        let categories = new.categories.filter { reference.categories[$0] != nil }
        let agencies = new.agencies.filter { reference.agencyByCode[$0] != nil }
        if categories.isEmpty && agencies.isEmpty { problems["categories"] = "dprd.fields_required" }
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

    struct NewMember: Sendable {
        var name: String?
        var faction: String?
        var position: String?
        var districtID: UUID?
        var commissionCode: String?
        /// The member's `dprd` account, by its e-mail, when they have one.
        var accountEmail: String?
    }

    static func addMember(_ new: NewMember, context: ServiceContext) async throws -> DPRDMember {
        guard let user = context.actor, Policy.allows(user.actor, .manageDPRD) else { throw AppError.forbidden() }
        let reference = try await context.reference()
        var problems: [String: String] = [:]
        let name = ReportChecks.clean(new.name)
        if !(3...120).contains(name.count) { problems["name"] = "dprd.name_required" }
        let faction = ReportChecks.clean(new.faction)
        if !(2...80).contains(faction.count) { problems["faction"] = "dprd.faction_required" }
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
        let member = DPRDMember()
        member.id = UUID()
        member.name = name
        member.faction = faction
        member.position = ReportChecks.clean(new.position).isEmpty ? "Anggota" : ReportChecks.clean(new.position)
        member.electoralDistrictID = district
        member.commissionID = commissionID
        member.userID = accountID
        let now = context.now
        try await context.write { db in
            try await member.create(on: db)
            try await AuditLog.record(
                "dprd.member_added", actor: user, subjectType: "dprd_member", subjectID: member.id!.uuidString,
                detail: name, on: db, at: now)
        }
        return member
    }
}
