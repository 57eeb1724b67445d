import Fluent
import Foundation
import SigapCore
import Vapor

/// `/dasbor/usulan`: an officer's proposals — a desa's, a kecamatan's, an agency's at the forum, a council
/// member's pokir, or the whole region for Bappeda — by default the ones waiting for this officer's
/// deliberation, 50 to a page (one indexed query: cycle, place, stage). Also the desa's delegates and the
/// DPRD secretariat's pokir export.
struct ProposalQueueController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let queue = routes.requiring(.readProposalQueue)
        queue.get("dasbor", "usulan", use: list)
        queue.post("dasbor", "usulan", "delegasi", use: delegates)
        routes.requiring(.exportPokir).get("dasbor", "usulan", "pokir.csv", use: pokir)
    }

    struct QueuePage {
        let page: PageContext
        let planYear: Int?
        let rows: [ProposalRow]
        let total: Int
        let stage: String
        let stages: [Choice]
        let previous: String?
        let next: String?
        /// A desa officer during the desa deliberation: the delegates form, with what was recorded.
        let delegates: String?
        let canExportPokir: Bool
    }

    func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let actor = user.actor
        guard let area = Policy.proposalArea(actor) else { throw AppError.forbidden() }
        let reference = try await req.reference()
        let cycle = try await MusrenbangCycles.current(req.context)
        let stageParameter = req.query[String.self, at: "tahap"] ?? "menunggu"
        let page = max(1, min(req.query[Int.self, at: "hal"] ?? 1, 10_000))
        var rows: [ProposalListItem] = []
        var total = 0
        if let cycle {
            var scope = ProposalQueries.Scope(cycleID: cycle.id)
            switch area {
            case .region: break
            case .desa(let id): scope.desaID = id
            case .kecamatan(let id): scope.kecamatanIDs = [id]
            case .agency(let id): scope.agencyID = id
            case .electoralDistrict(let id):
                scope.kecamatanIDs = reference.kecamatan(inDistrict: id)
                scope.source = .pokir
            case .nothing: throw AppError.forbidden()
            }
            if stageParameter == "menunggu" {
                scope.stages = ProposalStage.waiting(for: user.role)
            } else if let stage = ProposalStage(rawValue: stageParameter) {
                scope.stages = [stage]
            }
            total = try await ProposalQueries.count(scope, on: req.db)
            rows = try await ProposalQueries.list(
                scope, order: .deliberation, limit: 50, offset: (page - 1) * 50, on: req.db)
        }
        var delegates: String?
        if user.role == .petugasDesa, let cycle, let desaID = user.$desa.id {
            delegates =
                try await MusrenbangDelegates.query(on: req.db).filter(\.$cycleID == cycle.id)
                .filter(\.$desaID == desaID).first()?.names ?? ""
        }
        let base = SiteURL.proposalQueue + "?tahap=\(stageParameter)&"
        return req.page(
            QueuePage(
                page: PageContext(req, title: req.t("proposal.queue_title")), planYear: cycle?.planYear,
                rows: rows.map { req.proposalRow($0, reference: reference) }, total: total, stage: stageParameter,
                stages: [
                    Choice(value: "menunggu", label: req.t("proposal.waiting")),
                    Choice(value: "semua", label: req.t("proposal.all")),
                ]
                    + ProposalStage.allCases.map {
                        Choice(value: $0.rawValue, label: req.t("proposal.stage.\($0.rawValue)"))
                    },
                previous: page > 1 ? base + "hal=\(page - 1)" : nil,
                next: page * 50 < total ? base + "hal=\(page + 1)" : nil,
                delegates: delegates, canExportPokir: Policy.allows(actor, .exportPokir)))
    }

    struct DelegatesInput: Content {
        var names: String?
    }

    func delegates(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let desaID = user.$desa.id,
            let cycle = try await MusrenbangCycles.current(req.context)
        else { throw AppError.forbidden() }
        let input = try req.content.decode(DelegatesInput.self)
        try await ProposalFollowUp.recordDelegates(input.names ?? "", desaID: desaID, in: cycle, context: req.context)
        req.setNotice("proposal.delegates_saved")
        return req.redirect(to: SiteURL.proposalQueue, redirectType: .normal)
    }

    /// The pokir of the current cycle (a council member: their own district's), for the DPRD secretariat to
    /// hand in before the kabupaten deliberation.
    func pokir(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let reference = try await req.reference()
        guard let cycle = try await MusrenbangCycles.current(req.context) else {
            throw AppError.notFound()
        }
        var query = Proposal.query(on: req.db).filter(\.$cycleID == cycle.id).filter(\.$source == .pokir)
        if case .electoralDistrict(let id) = user.actor.area {
            query = query.filter(\.$kecamatanID ~~ reference.kecamatan(inDistrict: id))
        }
        let rows = try await query.sort(\.$sequence).all()
        let members = Dictionary(
            uniqueKeysWithValues: try await User.query(on: req.db).filter(\.$id ~~ rows.compactMap(\.proposerID)).all()
                .map { ($0.id!, $0.name) })
        let header = [
            "nomor", "anggota_dprd", "dapil", "tanggal_reses", "tempat_reses", "kecamatan", "desa", "opd", "judul",
            "volume", "satuan", "perkiraan_biaya", "tahap",
        ]
        let lines = rows.map { p -> [String] in
            [
                p.number, p.proposerID.flatMap { members[$0] } ?? "",
                reference.electoralDistricts[p.kecamatanID].flatMap { reference.electoralDistrictNames[$0] } ?? "",
                p.resesDate ?? "", p.resesPlace ?? "", reference.kecamatanNames[p.kecamatanID] ?? "",
                p.desaID.flatMap { reference.desaByID[$0]?.name } ?? "",
                p.agencyID.flatMap { reference.agencyCodes[$0] } ?? "", p.title, CSVWriter.number(p.volume), p.unit,
                String(p.estimatedCost), p.stage.rawValue,
            ]
        }
        return CSVWriter.response(header: header, rows: lines, filename: "pokir-\(cycle.planYear).csv")
    }
}

extension ProposalQueueController.QueuePage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("proposal.queue_title"))\(some: planYear, { " \($0)" })</h1>
        <p><a href="\(SiteURL.proposalNew)">\(page.t("proposal.form_title"))</a> · <a href="\(SiteURL.proposals)">\(page.t("proposal.list_title"))</a>\(when: canExportPokir, " · <a href=\"\(SiteURL.pokirCSV)\">\(page.t("proposal.pokir_csv"))</a>")</p>
        <form method="get" action="\(SiteURL.proposalQueue)" class="filters">
          <label>\(page.t("proposal.stage"))<select name="tahap">\(FormPieces.options(stages, selected: stage))</select></label>
          <button type="submit" class="secondary">\(page.t("report.filter"))</button>
        </form>
        <p class="hint">\(page.t("proposal.count", String(total)))</p>
        \(when: rows.isEmpty, "<p>\(page.t("proposal.none"))</p>")
        \(when: !rows.isEmpty, ProposalListView.render(rows, page))
        \(Pager.render(previous: previous, next: next, page))
        \(some: delegates, { names in
            """
            <section class="card"><h2>\(page.t("proposal.delegates"))</h2>
            <form method="post" action="\(SiteURL.proposalQueue)/delegasi">\(page.csrfField)
              <label>\(page.t("proposal.delegates_names"))<textarea name="names" maxlength="500" required>\(names)</textarea></label>
              <button type="submit" class="secondary">\(page.t("common.save"))</button>
            </form></section>
            """
        })
        """
    }
}
