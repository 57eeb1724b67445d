import Fluent
import Foundation
import SigapCore

/// Defining services: an administrator for any agency, an agency's head for its own. The form and documents
/// are written as lines (`ServiceFormText`), checked, stored as JSON; every change is audited.
enum ServiceCatalogue {
    struct Draft: Sendable {
        var code: String?
        var name: String?
        var agencyCode: String?
        /// A desa office's service: the desa (its code) whose officers handle the applications.
        var desaCode: String? = nil
        var description: String?
        var eligibility: String?
        var fields: String?
        var requirements: String?
        var days: Int?
        var fee: Int64?
        var legalBasis: String?
        var active: Bool
    }

    static func save(_ id: Int?, _ draft: Draft, context: ServiceContext) async throws -> PublicService {
        guard let user = context.actor else { throw AppError.forbidden() }
        let reference = try await context.reference()
        let agencyID = draft.agencyCode.flatMap { reference.agencyByCode[$0.uppercased()] } ?? user.$agency.id
        guard let agencyID, Policy.allows(user.actor, .manageServices(agencyID: agencyID)) else {
            throw AppError.forbidden()
        }
        var problems: [String: String] = [:]
        let code = ReportChecks.clean(draft.code).lowercased()
        if !(2...40).contains(code.count)
            || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        {
            problems["code"] = "service.code_invalid"
        }
        let name = ReportChecks.clean(draft.name)
        if !(5...150).contains(name.count) { problems["name"] = "service.name_length" }
        let description = ReportChecks.clean(draft.description, keepNewlines: true)
        if !(10...4_000).contains(description.count) { problems["description"] = "service.description_length" }
        if !(1...365).contains(draft.days ?? 0) { problems["days"] = "service.days_invalid" }
        if (draft.fee ?? 0) < 0 { problems["fee"] = "service.fee_invalid" }
        let (fields, fieldLines) = ServiceFormText.fields(draft.fields ?? "")
        let (requirements, requirementLines) = ServiceFormText.requirements(draft.requirements ?? "")
        let desaID = draft.desaCode?.trimmedOrNil.flatMap { reference.desa[$0]?.id }
        if draft.desaCode?.trimmedOrNil != nil && desaID == nil { problems["desa"] = "service.desa_unknown" }
        if let first = fieldLines.first { problems["fields"] = first.key }
        if let first = requirementLines.first { problems["requirements"] = first.key }
        if let first = ServiceForm.definitionProblems(fields: fields, requirements: requirements).first {
            problems["fields"] = problems["fields"] ?? first
        }
        let taken = try await PublicService.query(on: context.db).filter(\.$code == code).first()
        if let taken, taken.id != id { problems["code"] = "admin.code_taken" }
        guard problems.isEmpty else { throw AppError.invalid(problems) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let fieldsJSON = String(decoding: try encoder.encode(fields), as: UTF8.self)
        let requirementsJSON = String(decoding: try encoder.encode(requirements), as: UTF8.self)
        let now = context.now
        return try await context.write { db in
            let service: PublicService
            if let id {
                guard let found = try await PublicService.find(id, on: db) else { throw AppError.notFound() }
                guard Policy.allows(user.actor, .manageServices(agencyID: found.agencyID)) else {
                    throw AppError.forbidden()
                }
                service = found
            } else {
                service = PublicService()
                service.createdAt = now
            }
            service.code = code
            service.name = name
            service.agencyID = agencyID
            service.desaID = desaID
            service.description = description
            service.eligibility = ReportChecks.clean(draft.eligibility)
            service.fieldsJSON = fieldsJSON
            service.requirementsJSON = requirementsJSON
            service.days = draft.days!
            service.fee = draft.fee ?? 0
            service.legalBasis = ReportChecks.clean(draft.legalBasis)
            service.active = draft.active
            service.updatedAt = now
            try await service.save(on: db)
            try await AuditLog.record(
                id == nil ? "service.defined" : "service.changed", actor: user, subjectType: "service", subjectID: code,
                detail: "\(fields.count) fields, \(requirements.count) documents, \(draft.days!) days", on: db, at: now)
            return service
        }
    }
}
