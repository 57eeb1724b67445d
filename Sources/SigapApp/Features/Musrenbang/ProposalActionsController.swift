import Fluent
import Foundation
import SigapCore
import Vapor

/// What people do on a proposal's page: support it, revise it when returned, decide on it at their
/// deliberation, report the work done. Each handler loads the proposal and the services ask `Policy` about it.
struct ProposalActionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.requiring(.useOwnAccount)
        signedIn.post("musrenbang", "usulan", ":number", "dukung", use: support)
        let guarded = routes.recordGuarded("Policy.decideOnProposal / updateRealisation on the proposal")
        guarded.post("musrenbang", "usulan", ":number", "keputusan", use: decide)
        guarded.upload("musrenbang", "usulan", ":number", "realisasi", use: realisation)
        guarded.get("musrenbang", "usulan", ":number", "revisi", use: reviseForm)
        guarded.upload("musrenbang", "usulan", ":number", "revisi", use: revise)
    }

    struct DecisionInput: Content {
        var decision: String?
        var reason: String?
        var amount: String?
        var programmeCode: String?
        var agency: String?
        var target: String?
        var rank: String?

        enum CodingKeys: String, CodingKey {
            case decision, reason, amount, agency, target, rank
            case programmeCode = "programme_code"
        }
    }

    func support(req: Request) async throws -> Response {
        let proposal = try await Proposals.find(req.parameters.get("number") ?? "", on: req.db)
        do {
            _ = try await ProposalDecisions.perform(.support, on: proposal, input: .init(), context: req.context)
        } catch let error as AppError where error.status == .conflict {
            return try await ProposalDetail.render(
                proposal, req: req, form: FormState(error: req.message(of: error)), status: .conflict)
        }
        req.setNotice("proposal.supported")
        return req.redirect(to: SiteURL.proposal(proposal.number), redirectType: .normal)
    }

    func decide(req: Request) async throws -> Response {
        let proposal = try await Proposals.find(req.parameters.get("number") ?? "", on: req.db)
        let input = try req.content.decode(DecisionInput.self)
        guard let decision = input.decision.flatMap(ProposalDecision.init(rawValue:)), decision != .support,
            decision != .resubmit
        else { throw AppError.invalid(["decision": "proposal.decision_unknown"]) }
        var form = FormState(values: [
            "decision": decision.rawValue, "reason": input.reason ?? "", "amount": input.amount ?? "",
            "programme_code": input.programmeCode ?? "", "rank": input.rank ?? "",
        ])
        let typedAmount = input.amount?.trimmedOrNil
        let amount = typedAmount.flatMap(Rupiah.parse)
        if typedAmount != nil, amount == nil {
            form.errors["amount"] = req.t("proposal.amount_invalid")
        }
        let rank = input.rank?.trimmedOrNil.map { Int($0) ?? 0 }
        guard form.isValid else {
            return try await ProposalDetail.render(proposal, req: req, form: form, status: .unprocessableEntity)
        }
        do {
            _ = try await ProposalDecisions.perform(
                decision, on: proposal,
                input: .init(
                    reason: input.reason, amount: amount, programmeCode: input.programmeCode, agencyCode: input.agency,
                    targetNumber: input.target?.trimmedOrNil, rank: rank),
                context: req.context)
        } catch let error as AppError where [.conflict, .unprocessableEntity].contains(error.status) {
            form.errors = error.fields.mapValues { req.t($0) }
            form.error = error.fields.isEmpty ? req.message(of: error) : req.t("error.422")
            return try await ProposalDetail.render(proposal, req: req, form: form, status: error.status)
        }
        req.setNotice("proposal.decided")
        return req.redirect(to: SiteURL.proposal(proposal.number), redirectType: .normal)
    }

    struct RealisationInput: Content {
        var status: String?
        var progress: String?
        var started: String?
        var finished: String?
        var note: String?
    }

    func realisation(req: Request) async throws -> Response {
        let upload = try await req.proposalUpload()
        defer { upload.removeIncoming() }
        let proposal = try await Proposals.find(req.parameters.get("number") ?? "", on: req.db)
        let input = try upload.decode(RealisationInput.self)
        var form = FormState(values: ["progress": input.progress ?? "", "note": input.note ?? ""])
        guard let status = input.status.flatMap(RealisationStatus.init(rawValue:)),
            let progress = input.progress.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) })
        else {
            form.errors["progress"] = req.t("proposal.progress_invalid")
            return try await ProposalDetail.render(proposal, req: req, form: form, status: .unprocessableEntity)
        }
        do {
            let photos = try await upload.checkedPhotos(named: "photo", for: .proposalFile, context: req.context)
            _ = try await ProposalFollowUp.updateRealisation(
                proposal,
                .init(
                    status: status, progress: progress, started: input.started?.trimmedOrNil.flatMap(CivilDay.init),
                    finished: input.finished?.trimmedOrNil.flatMap(CivilDay.init), note: input.note ?? "",
                    photos: photos.filter { $0.type != .pdf }),
                context: req.context)
        } catch let error as AppError where [.conflict, .unprocessableEntity].contains(error.status) {
            form.errors = error.fields.mapValues { req.t($0) }
            form.error = error.fields.isEmpty ? req.message(of: error) : req.t("error.422")
            return try await ProposalDetail.render(proposal, req: req, form: form, status: error.status)
        }
        req.setNotice("proposal.realisation_saved")
        return req.redirect(to: SiteURL.proposal(proposal.number), redirectType: .normal)
    }

    func reviseForm(req: Request) async throws -> Response {
        let proposal = try await Proposals.find(req.parameters.get("number") ?? "", on: req.db)
        guard proposal.stage == .returned, proposal.isProposer(req.currentUser?.id)
        else { throw AppError.notFound() }
        return try await ProposalFormController.render(
            req, ProposalFormController.values(of: proposal, reference: try await req.reference()), revising: proposal)
    }

    func revise(req: Request) async throws -> Response {
        let upload = try await req.proposalUpload()
        defer { upload.removeIncoming() }
        let proposal = try await Proposals.find(req.parameters.get("number") ?? "", on: req.db)
        let input = try upload.decode(ProposalFormController.FormInput.self)
        do {
            _ = try await Proposals.revise(proposal, with: input.draft, context: req.context)
        } catch let error as AppError where [.conflict, .unprocessableEntity].contains(error.status) {
            var form = FormState(values: input.values)
            form.errors = error.fields.mapValues { req.t($0) }
            form.error = error.fields.isEmpty ? req.message(of: error) : req.t("error.422")
            return try await ProposalFormController.render(req, form, revising: proposal, status: error.status)
        }
        req.setNotice("proposal.revised")
        return req.redirect(to: SiteURL.proposal(proposal.number), redirectType: .normal)
    }
}

extension Request {
    /// Reads a proposal form with its files streamed to disk: photos, and the meeting's minutes and attendance.
    func proposalUpload() async throws -> StreamedForm {
        try await StreamedForm.read(
            self, store: context.files, maxFileBytes: FilePurpose.proposalFile.policy.maxBytes,
            maxFiles: FilePurpose.proposalFile.policy.maxFiles + 2, tooLarge: "report.photo_too_large")
    }
}
