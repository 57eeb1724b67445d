import Foundation
import SigapCore
import Vapor

/// View data of proposals: labels in the reader's language computed here so the views stay free of logic.
struct ProposalRow {
    let number: String
    let title: String
    let stage: String
    let stageLabel: String
    let source: String
    let sourceLabel: String
    let place: String
    let sector: String
    let cost: String
    let supporters: Int
    let url: String
    let carried: Bool
}

extension Request {
    func proposalRow(_ p: ProposalListItem, reference: ReferenceCache.Snapshot) -> ProposalRow {
        ProposalRow(
            number: p.number, title: p.title, stage: p.stage.rawValue,
            stageLabel: t("proposal.stage.\(p.stage.rawValue)"),
            source: p.source.rawValue, sourceLabel: t("proposal.source.\(p.source.rawValue)"),
            place: proposalPlace(kecamatanID: p.kecamatanID, desaID: p.desaID, reference),
            sector: t("sector.\(p.sector)"),
            cost: rupiah(Int(p.planAmount ?? p.feasibleAmount ?? p.estimatedCost)), supporters: p.supportersCount,
            url: SiteURL.proposal(p.number), carried: p.carried)
    }

    /// "Desa, Kecamatan" (a pokir may name only the kecamatan).
    func proposalPlace(kecamatanID: UUID, desaID: UUID?, _ reference: ReferenceCache.Snapshot) -> String {
        let kecamatan = reference.kecamatanNames[kecamatanID] ?? ""
        guard let desa = desaID.flatMap({ reference.desaByID[$0] }) else { return kecamatan }
        return desa.name + ", " + kecamatan
    }

    /// One line of a proposal's history as people read it: what happened, the stage it led to, the reason.
    func proposalHistoryRow(_ event: HistoryEvent) -> TimelineRow {
        let body = event.body
        var text: String
        // "what|reason": the amount, agency or proposal a decision names, then the officer's reason if any.
        let parts = body.split(separator: "|", maxSplits: 1).map(String.init)
        let reason = parts.count > 1 && !parts[1].isEmpty ? " — " + parts[1] : ""
        switch event.kind {
        case .proposed: text = t("proposal.source.\(body)")
        case .feasible: text = rupiah(Int(parts.first ?? "") ?? 0) + reason
        case .mapped, .reassigned, .merged: text = (parts.first ?? "") + reason
        case .inPlan:
            text =
                rupiah(Int(parts.first ?? "") ?? 0)
                + (parts.count > 1 ? " · " + t("proposal.programme_code") + " " + parts[1] : "")
        case .forwarded: text = t("proposal.rank_n", body)
        case .revised: text = t("proposal.version_n", body)
        case .realisation:
            text = t("proposal.realisation.\(event.toState ?? "")") + " · \(parts.first ?? "0")%" + reason
        default: text = body
        }
        let stage = event.kind == .realisation ? nil : event.toState.flatMap(ProposalStage.init(rawValue:))
        if let stage, stage.rawValue != event.fromState {
            text = "→ " + t("proposal.stage.\(stage.rawValue)") + (text.isEmpty ? "" : ". " + text)
        }
        let who = event.actorRole.map { t("role.\($0)") } ?? t("proposal.system")
        return TimelineRow(
            at: localDateTime(event.occurredAt), label: t("proposal.event.\(event.kind.rawValue)") + " · " + who,
            text: text, restricted: false)
    }
}

/// The proposal list: cards on phones (`DataTable`).
enum ProposalListView {
    static func render(_ rows: [ProposalRow], _ page: Page) -> HTML {
        DataTable.render(
            columns: [
                page.t("proposal.number"), page.t("proposal.title"), page.t("proposal.stage"),
                page.t("proposal.place"), page.t("catalogue.sector"), page.t("proposal.cost"),
                page.t("report.supporters_label"),
            ], rows: rows, class: "proposals"
        ) { r in
            [
                "<a href=\"\(r.url)\">\(r.number)</a>",
                // One element, so a phone's card keeps the tags under the title instead of beside it.
                "<span>\(r.title)\(when: r.source == "pokir", " <span class=\"tag\">\(r.sourceLabel)</span>")\(when: r.carried, " <span class=\"tag\">\(page.t("proposal.carried_tag"))</span>")</span>",
                "<span class=\"status stage-\(r.stage)\">\(r.stageLabel)</span>", "\(r.place)", "\(r.sector)",
                "\(r.cost)",
                "\(r.supporters)",
            ]
        }
    }
}
