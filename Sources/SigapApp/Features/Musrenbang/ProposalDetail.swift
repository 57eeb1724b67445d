import Fluent
import Foundation
import SigapCore
import Vapor

/// `/musrenbang/usulan/{nomor}`: a proposal as everyone sees it — what is asked for, where, by whom (the source,
/// never a citizen's name), its history with the reason at every level, its supporters and its realisation —
/// and the forms of whoever may act on it now.
struct ProposalDetail {
    let page: PageContext
    let p: Proposal
    let place: String
    let sector: String
    let agency: String?
    let catalogue: String?
    let estimated: String
    let feasible: String?
    let plan: String?
    let groups: String
    let resesBy: String?
    let carriedFrom: String?
    let carriedInto: String?
    let mergedInto: String?
    let photos: [ProposalFile]
    let documents: [(label: String, url: String)]
    let history: [TimelineRow]
    let versions: Int
    /// What the viewer may do: support, revise, the deliberations' decisions, the realisation form.
    let canSupport: Bool
    let supported: Bool
    let canRevise: Bool
    let decisions: [ProposalDecision]
    let canUpdateRealisation: Bool
    let agencies: [Choice]
    let form: FormState
    /// Forum threads about this proposal (proposals are public: anyone signed in may start one).
    let discussions: [ForumLinks.Discussion]

    static func render(
        _ p: Proposal, req: Request, form: FormState = FormState(), status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let reference = try await req.reference()
        let loaded = try await Proposals.cycle(of: p, context: req.context)
        let user = req.currentUser
        let place = p.place(reference)
        let isProposer = p.isProposer(user?.id)
        let facts = ProposalWorkflow.Facts(
            stage: p.stage, phase: loaded.cycle.phase(on: req.regionToday), returnedAt: p.returnedAt,
            hasAgency: p.agencyID != nil)
        let actor = Policy.proposalActor(user?.actor, place, isProposer: isProposer)
        var supported = false
        if let user {
            supported =
                try await ProposalSupport.query(on: req.db).filter(\.$proposalID == p.id!)
                .filter(\.$userID == user.id!).count() > 0
        }
        let files = try await ProposalFile.query(on: req.db).filter(\.$proposalID == p.id!).sort(\.$createdAt).all()
        let events = try await HistoryEvent.of(p.subject, on: req.db).all()
        let linked = try await Proposal.query(on: req.db)
            .filter(\.$id ~~ [p.carriedFromID, p.carriedIntoID, p.mergedIntoID].compactMap { $0 }).all()
        func number(_ id: UUID?) -> String? { id.flatMap { id in linked.first { $0.id == id }?.number } }
        var item: CatalogueItem?
        if let code = p.catalogueCode {
            item = try await CatalogueItem.query(on: req.db).filter(\.$code == code).first()
        }
        var dprd: String?
        if p.source == .pokir, let id = p.proposerID { dprd = try await User.find(id, on: req.db)?.name }
        var context = PageContext(req, title: p.title)
        let firstPhoto = files.first { $0.kind == .photo || $0.kind == .realisation }
        context.share = ShareCard(
            title: p.number + " · " + p.title, description: ShareCard.excerpt(p.description),
            imagePath: firstPhoto.map { SiteURL.proposalFile($0.id!) + "?ukuran=kecil" } ?? ShareCard.defaultImage,
            path: SiteURL.proposal(p.number))
        return req.page(
            ProposalDetail(
                page: context, p: p,
                place: req.proposalPlace(kecamatanID: p.kecamatanID, desaID: p.desaID, reference),
                sector: req.t("sector.\(p.sector)"), agency: p.agencyID.flatMap { reference.agencyNames[$0] },
                catalogue: item?.name, estimated: req.rupiah(Int(p.estimatedCost)),
                feasible: p.feasibleAmount.map { req.rupiah(Int($0)) }, plan: p.planAmount.map { req.rupiah(Int($0)) },
                groups: p.groups.map { req.t("proposal.group.\($0.rawValue)") }.joined(separator: ", "),
                resesBy: dprd.map { name in
                    req.t("proposal.reses_by", name, p.resesDate.map(req.localDay) ?? "", p.resesPlace ?? "")
                },
                carriedFrom: number(p.carriedFromID), carriedInto: number(p.carriedIntoID),
                mergedInto: number(p.mergedIntoID),
                photos: files.filter { $0.kind == .photo || $0.kind == .realisation },
                documents: files.filter {
                    $0.kind == .minutes
                        || ($0.kind == .attendance && Policy.allows(user?.actor, .readAttendanceList(place)))
                }.map {
                    (req.t("proposal.file.\($0.kind.rawValue)"), SiteURL.proposalFile($0.id!))
                },
                history: events.map { req.proposalHistoryRow($0) }, versions: p.version,
                canSupport: ProposalWorkflow.allows(.support, at: facts, by: actor) && !supported,
                supported: supported, canRevise: ProposalWorkflow.allows(.resubmit, at: facts, by: actor),
                decisions: ProposalWorkflow.offered(at: facts, to: actor),
                canUpdateRealisation: p.stage == .inPlan
                    && Policy.allows(user?.actor, .updateRealisation(place))
                    && RealisationStatus.isOpen(on: req.regionToday, in: loaded.cycle),
                agencies: reference.agencyChoices, form: form,
                discussions: try await ForumLinks.about(.proposal, p.number, on: req.db)),
            status: status)
    }
}

extension ProposalDetail: PageView {
    func render(_ page: Page) -> HTML {
        let base = SiteURL.proposal(p.number)
        return """
            <p class="crumbs"><a href="\(SiteURL.musrenbang)">\(page.t("musrenbang.title"))</a> › <a href="\(SiteURL.proposals)">\(page.t("proposal.list_title"))</a></p>
            <h1>\(p.title)</h1>
            <p><span class="status stage-\(p.stage.rawValue)">\(page.t("proposal.stage.\(p.stage.rawValue)"))</span> · \(p.number) · <span class="tag">\(page.t("proposal.source.\(p.source.rawValue)"))</span>\(when: carriedFrom != nil, " <span class=\"tag\">\(page.t("proposal.carried_tag"))</span>")</p>
            \(page.formError(form.error))
            <dl class="facts">
              <dt>\(page.t("proposal.place"))</dt><dd>\(place)\(when: !p.rtRw.isEmpty, ", RT/RW \(p.rtRw)")\(when: !p.address.isEmpty, " — \(p.address)")</dd>
              <dt>\(page.t("catalogue.sector"))</dt><dd>\(sector)\(some: catalogue, { " · \($0)" })\(when: p.needsMapping, " <span class=\"tag\">\(page.t("proposal.needs_mapping"))</span>")</dd>
              <dt>\(page.t("report.agency"))</dt><dd>\(agency ?? "—")</dd>
              <dt>\(page.t("proposal.volume"))</dt><dd>\(CSVWriter.number(p.volume)) \(p.unit)</dd>
              <dt>\(page.t("proposal.estimated_cost"))</dt><dd>\(estimated)\(some: p.costReason, { " (\($0))" })</dd>
              \(some: feasible, { "<dt>\(page.t("proposal.feasible_amount"))</dt><dd>\($0)</dd>" })
              \(some: plan, { "<dt>\(page.t("proposal.plan_amount"))</dt><dd>\($0)\(some: p.programmeCode, { " · \($0)" })</dd>" })
              <dt>\(page.t("proposal.beneficiaries"))</dt><dd>\(p.beneficiaries)\(when: !groups.isEmpty, " · \(groups)")</dd>
              <dt>\(page.t("report.supporters_label"))</dt><dd>\(p.supportersCount)</dd>
              \(some: resesBy, { "<dt>\(page.t("proposal.source.pokir"))</dt><dd>\($0)</dd>" })
              \(AssistedFields.fact(page, assisted: p.assistedByID != nil))
              \(some: carriedFrom, { "<dt>\(page.t("proposal.carried_from"))</dt><dd><a href=\"\(SiteURL.proposal($0))\">\($0)</a></dd>" })
              \(some: carriedInto, { "<dt>\(page.t("proposal.carried_into"))</dt><dd><a href=\"\(SiteURL.proposal($0))\">\($0)</a></dd>" })
              \(some: mergedInto, { "<dt>\(page.t("proposal.merged_into"))</dt><dd><a href=\"\(SiteURL.proposal($0))\">\($0)</a></dd>" })
              \(some: p.realisationStatus, { s in "<dt>\(page.t("proposal.realisation"))</dt><dd>\(page.t("proposal.realisation.\(s.rawValue)")) · \(String(p.realisationProgress ?? 0))%</dd>" })
            </dl>
            <h2>\(page.t("proposal.problem"))</h2>
            <p class="text">\(p.problem)</p>
            \(when: !p.description.isEmpty, "<p class=\"text\">\(p.description)</p>")
            \(when: !photos.isEmpty, "<div class=\"photos\">\(each: photos, { "<a href=\"\(SiteURL.proposalFile($0.id!))?ukuran=sedang\"><img src=\"\(SiteURL.proposalFile($0.id!))?ukuran=kecil\" alt=\"\(page.t("report.photo_alt"))\" loading=\"lazy\" width=\"160\"></a>" })</div>")
            \(when: !documents.isEmpty, "<ul>\(each: documents, { "<li><a href=\"\($0.url)\">\($0.label)</a></li>" })</ul>")
            <h2>\(page.t("proposal.history"))</h2>
            \(TimelineView.render(history))
            \(when: versions > 1, "<p class=\"hint\">\(page.t("proposal.versions_kept", String(versions)))</p>")
            \(ForumLinks.section(discussions, start: SiteURL.forumNew + "?usulan=" + p.number, page))
            \(when: canSupport, """
                <form method="post" action="\(base)/dukung">\(page.csrfField)<button type="submit">\(page.t("proposal.support"))</button></form>
                """)
            \(when: supported, "<p class=\"notice\">\(page.t("proposal.you_support"))</p>")
            \(when: page.frame.viewer == nil && p.stage == .atDesa, "<p class=\"hint\"><a href=\"\(SiteURL.login)\">\(page.t("proposal.login_to_support"))</a></p>")
            \(when: canRevise, "<p><a class=\"button\" href=\"\(base)/revisi\">\(page.t("proposal.revise"))</a></p>")
            \(when: !decisions.isEmpty, decisionForms(page, base))
            \(when: canUpdateRealisation, realisationForm(page, base))
            """
    }

    private func decisionForms(_ page: Page, _ base: String) -> HTML {
        """
        <section class="card"><h2>\(page.t("proposal.decide"))</h2>
        \(each: decisions, { d in
            """
            <details\(when: form.values["decision"] == d.rawValue, " open")><summary>\(page.t("proposal.decision.\(d.rawValue)"))</summary>
            <form method="post" action="\(base)/keputusan">\(page.csrfField)<input type="hidden" name="decision" value="\(d.rawValue)">
            \(decisionFields(d, page))
            <button type="submit">\(page.t("proposal.decision.\(d.rawValue)"))</button></form></details>
            """
        })
        </section>
        """
    }

    private func decisionFields(_ d: ProposalDecision, _ page: Page) -> HTML {
        let mine = form.values["decision"] == d.rawValue
        let reason: HTML = """
            <label>\(page.t("musrenbang.reason"))<textarea name="reason" maxlength="2000"\(when: [.returnForRevision, .reject, .notFeasible, .deferToNextYear].contains(d), " required")>\(mine ? form.values["reason"] ?? "" : "")</textarea></label>
            \(when: mine, page.fieldError(form, "reason"))
            """
        switch d {
        case .returnForRevision, .reject, .notFeasible, .deferToNextYear: return reason
        case .forward:
            return """
                <label>\(page.t("proposal.rank"))<input name="rank" inputmode="numeric" value="\(mine ? form.values["rank"] ?? "" : "")"></label>
                \(when: mine, page.fieldError(form, "rank"))
                """
        case .mapAgency, .reassign:
            return """
                <label>\(page.t("report.agency"))<select name="agency" required><option value="">—</option>\(FormPieces.options(agencies, selected: nil))</select></label>
                \(when: mine, page.fieldError(form, "agency"))
                """
        case .merge:
            return """
                <label>\(page.t("proposal.merge_target"))<input name="target" placeholder="\(p.number)" required></label>
                \(when: mine, page.fieldError(form, "target"))
                """
        case .feasible:
            return """
                <label>\(page.t("proposal.feasible_amount"))<input name="amount" inputmode="numeric" value="\(mine ? form.values["amount"] ?? "" : String(p.estimatedCost))" required></label>
                \(when: mine, page.fieldError(form, "amount"))
                \(reason)
                """
        case .acceptIntoPlan:
            return """
                <label>\(page.t("proposal.plan_amount"))<input name="amount" inputmode="numeric" value="\(mine ? form.values["amount"] ?? "" : String(p.feasibleAmount ?? p.estimatedCost))" required></label>
                \(when: mine, page.fieldError(form, "amount"))
                <label>\(page.t("proposal.programme_code"))<input name="programme_code" value="\(mine ? form.values["programme_code"] ?? "" : "")" required></label>
                \(when: mine, page.fieldError(form, "programme_code"))
                """
        case .accept, .resubmit, .support: return ""
        }
    }

    private func realisationForm(_ page: Page, _ base: String) -> HTML {
        """
        <section class="card"><h2>\(page.t("proposal.realisation_update"))</h2>
        <form method="post" action="\(base)/realisasi?_csrf=\(page.csrfToken)" enctype="multipart/form-data">
          <label>\(page.t("proposal.realisation"))<select name="status" required>\(each: RealisationStatus.allCases, { s in "<option value=\"\(s.rawValue)\"\(when: s == p.realisationStatus, " selected")>\(page.t("proposal.realisation.\(s.rawValue)"))</option>" })</select></label>
          <label>\(page.t("proposal.progress"))<input name="progress" type="number" min="0" max="100" value="\(form.values["progress"] ?? String(p.realisationProgress ?? 0))" required></label>
          \(page.fieldError(form, "progress"))
          <div class="pair"><label>\(page.t("proposal.started"))<input type="date" name="started" value="\(p.realisationStarted ?? "")"></label>
          <label>\(page.t("proposal.finished"))<input type="date" name="finished" value="\(p.realisationFinished ?? "")"></label></div>
          \(page.fieldError(form, "finished"))
          <label>\(page.t("proposal.note"))<textarea name="note" maxlength="2000">\(form.values["note"] ?? "")</textarea></label>
          \(page.fieldError(form, "note"))
          <label>\(page.t("report.photos"))<input type="file" name="photo" accept="image/jpeg,image/png" multiple></label>
          \(page.fieldError(form, "photo"))
          <button type="submit">\(page.t("common.save"))</button>
        </form></section>
        """
    }
}
