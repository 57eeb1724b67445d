import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// The public side of proposals: the list with its filters (also as CSV and on a map), a proposal's page with its
/// whole history, the results against the ceilings, and the files. A proposal's page also carries the forms of
/// whoever may act on it (support, revision, the deliberations' decisions, the agency's realisation), each
/// checked again by `Policy` when sent.
struct ProposalPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.open("Musrenbang is a public deliberation: proposals, reasons and results are public")
        open.get("musrenbang", "usulan", use: list)
        open.get("musrenbang", "usulan.csv", use: csv)
        open.get("musrenbang", "rkpd.csv", use: planCSV)
        open.get("musrenbang", "peta", use: map)
        open.get("musrenbang", "hasil", use: results)
        open.get("musrenbang", "usulan", ":number", use: show)
        open.get("musrenbang", "berkas", ":id", use: file)
    }

    struct Filters {
        var year: Int?
        var kecamatan: String?
        var desa: String?
        var sector: String?
        var stage: String?
        var source: String?
        var page = 1

        init(_ req: Request) {
            year = req.query[Int.self, at: "tahun"]
            kecamatan = req.query[String.self, at: "kecamatan"]?.trimmedOrNil
            desa = req.query[String.self, at: "desa"]?.trimmedOrNil
            sector = req.query[String.self, at: "sektor"]?.trimmedOrNil
            stage = req.query[String.self, at: "tahap"]?.trimmedOrNil
            source = req.query[String.self, at: "sumber"]?.trimmedOrNil
            page = max(1, min(req.query[Int.self, at: "hal"] ?? 1, 10_000))
        }

        var query: String {
            [
                ("tahun", year.map(String.init)), ("kecamatan", kecamatan), ("desa", desa), ("sektor", sector),
                ("tahap", stage), ("sumber", source),
            ].compactMap { name, value in
                value.map { name + "=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }
            }
            .joined(separator: "&")
        }
    }

    /// As the reports list: a phone shows twenty cards without a long scroll.
    static let pageSize = 20

    struct ListPage {
        let page: PageContext
        let planYear: Int?
        let rows: [ProposalRow]
        let total: Int
        let filters: Filters
        let years: [Choice]
        let kecamatan: [Choice]
        let desa: [Choice]
        let sectors: [Choice]
        let stages: [Choice]
        let sources: [Choice]
        let previous: String?
        let next: String?
    }

    /// The chosen (or current) cycle and which of its proposals the filters ask for.
    static func matching(_ filters: Filters, req: Request, cycles: [MusrenbangCycles.Loaded]? = nil) async throws
        -> (MusrenbangCycles.Loaded?, ProposalQueries.Scope?)
    {
        var cycles = cycles ?? []
        if cycles.isEmpty { cycles = try await MusrenbangCycles.kept(req.context) }
        let chosen =
            filters.year.flatMap { year in cycles.first { $0.planYear == year } }
            ?? MusrenbangCycles.current(in: cycles, today: req.regionToday)
        guard let chosen else { return (nil, nil) }
        let reference = try await req.reference()
        var scope = ProposalQueries.Scope(cycleID: chosen.id)
        if let code = filters.kecamatan, let id = reference.kecamatanByCode[code] { scope.kecamatanIDs = [id] }
        if let code = filters.desa, let desa = reference.desa[code] { scope.desaID = desa.id }
        scope.sector = filters.sector
        scope.stages = filters.stage.flatMap(ProposalStage.init(rawValue:)).map { [$0] }
        scope.source = filters.source.flatMap(ProposalSource.init(rawValue:))
        return (chosen, scope)
    }

    func list(req: Request) async throws -> Response {
        let filters = Filters(req)
        let cycles = try await MusrenbangCycles.kept(req.context)
        let (cycle, scope) = try await Self.matching(filters, req: req, cycles: cycles)
        let reference = try await req.reference()
        var total = 0
        var found: [ProposalListItem] = []
        if let scope {
            total = try await ProposalQueries.count(scope, on: req.db)
            found = try await ProposalQueries.list(
                scope, order: .newest, limit: Self.pageSize, offset: (filters.page - 1) * Self.pageSize, on: req.db)
        }
        let base = SiteURL.proposals + "?" + filters.query + (filters.query.isEmpty ? "" : "&")
        let years = cycles.map {
            Choice(value: String($0.planYear), label: String($0.planYear))
        }
        return req.page(
            ListPage(
                page: PageContext(req, title: req.t("proposal.list_title")), planYear: cycle?.planYear,
                rows: found.map { req.proposalRow($0, reference: reference) }, total: total, filters: filters,
                years: years, kecamatan: reference.kecamatanChoices, desa: reference.desaChoices,
                sectors: ProposalCatalogue.sectors.map { Choice(value: $0, label: req.t("sector.\($0)")) },
                stages: ProposalStage.allCases.map {
                    Choice(value: $0.rawValue, label: req.t("proposal.stage.\($0.rawValue)"))
                },
                sources: ProposalSource.allCases.map {
                    Choice(value: $0.rawValue, label: req.t("proposal.source.\($0.rawValue)"))
                },
                previous: filters.page > 1 ? base + "hal=\(filters.page - 1)" : nil,
                next: filters.page * Self.pageSize < total ? base + "hal=\(filters.page + 1)" : nil))
    }

    /// Everything public about the filtered proposals, one line each.
    func csv(req: Request) async throws -> Response {
        let (cycle, scope) = try await Self.matching(Filters(req), req: req)
        let reference = try await req.reference()
        var rows: [Proposal] = []
        if let scope { rows = try await ProposalQueries.proposals(scope, on: req.db) }
        let header = [
            "nomor", "tahun_rencana", "sumber", "tahap", "kecamatan", "desa", "sektor", "kode_kamus", "opd", "judul",
            "masalah", "lokasi", "lintang", "bujur", "volume", "satuan", "perkiraan_biaya", "pagu_layak", "pagu_rkpd",
            "kode_program", "pendukung", "penerima_manfaat", "kelompok", "realisasi", "progres",
        ]
        let year = String(cycle?.planYear ?? 0)
        let lines = rows.map { p -> [String] in
            let place: [String] = [
                reference.kecamatanNames[p.kecamatanID] ?? "", p.desaID.flatMap { reference.desaByID[$0]?.name } ?? "",
            ]
            let what: [String] = [
                p.sector, p.catalogueCode ?? "", p.agencyID.flatMap { reference.agencyCodes[$0] } ?? "", p.title,
                p.problem, p.address, p.latitude.map { String($0) } ?? "", p.longitude.map { String($0) } ?? "",
                CSVWriter.number(p.volume), p.unit,
            ]
            let amounts: [String] = [
                String(p.estimatedCost), p.feasibleAmount.map { String($0) } ?? "",
                p.planAmount.map { String($0) } ?? "",
                p.programmeCode ?? "", String(p.supportersCount), String(p.beneficiaries), p.beneficiaryGroups,
                p.realisationStatus?.rawValue ?? "", p.realisationProgress.map { String($0) } ?? "",
            ]
            return [p.number, year, p.source.rawValue, p.stage.rawValue] + place + what + amounts
        }
        return CSVWriter.response(
            header: header, rows: lines, filename: "usulan-musrenbang-\(cycle?.planYear ?? 0).csv")
    }

    /// The plan: accepted proposals (optionally one agency's), ready for re-entry into the national planning
    /// system (SIPD): kecamatan, desa, agency, programme/activity code, title, location, volume, unit, amount,
    /// source.
    func planCSV(req: Request) async throws -> Response {
        var filters = Filters(req)
        filters.stage = ProposalStage.inPlan.rawValue
        let (cycle, matching) = try await Self.matching(filters, req: req)
        let reference = try await req.reference()
        var rows: [Proposal] = []
        if var scope = matching {
            if let agency = req.query[String.self, at: "opd"]?.uppercased() {
                // An unknown agency code matches nothing rather than everything.
                scope.agencyID = reference.agencyByCode[agency] ?? UUID()
            }
            rows = try await ProposalQueries.proposals(scope, on: req.db)
        }
        rows.sort {
            ($0.agencyID?.uuidString ?? "", $0.programmeCode ?? "", $0.sequence) < (
                $1.agencyID?.uuidString ?? "", $1.programmeCode ?? "", $1.sequence
            )
        }
        let header = [
            "kecamatan", "desa", "opd", "kode_program_kegiatan", "judul", "lokasi", "volume", "satuan", "pagu",
            "sumber", "nomor_usulan",
        ]
        let lines = rows.map { p in
            [
                reference.kecamatanNames[p.kecamatanID] ?? "", p.desaID.flatMap { reference.desaByID[$0]?.name } ?? "",
                p.agencyID.flatMap { reference.agencyCodes[$0] } ?? "", p.programmeCode ?? "", p.title,
                [p.address, p.rtRw.isEmpty ? "" : "RT/RW " + p.rtRw].filter { !$0.isEmpty }.joined(separator: ", "),
                CSVWriter.number(p.volume), p.unit, String(p.planAmount ?? 0),
                p.source == .pokir ? "pokir" : "musrenbang", p.number,
            ]
        }
        return CSVWriter.response(header: header, rows: lines, filename: "rkpd-\(cycle?.planYear ?? 0).csv")
    }

    struct MapView {
        let page: PageContext
        let map: SVGMap
        let filters: Filters
        let total: Int
    }

    func map(req: Request) async throws -> Response {
        let filters = Filters(req)
        let (_, matching) = try await Self.matching(filters, req: req)
        let reference = try await req.reference()
        var located: [ProposalListItem] = []
        if var scope = matching {
            scope.onlyLocated = true
            located = try await ProposalQueries.list(scope, order: .newest, limit: 500, on: req.db)
        }
        let points = located.compactMap { p -> SVGMap.Point? in
            p.location.map {
                SVGMap.Point(
                    location: $0, kind: p.stage.rawValue, title: p.number + " · " + p.title,
                    url: SiteURL.proposal(p.number))
            }
        }
        return req.page(
            MapView(
                page: PageContext(req, title: req.t("proposal.map_title")), map: SVGMap(points, in: reference.bounds),
                filters: filters, total: points.count))
    }

    struct ResultRow {
        let name: String
        let url: String
        let proposals: Int
        let inPlan: Int
        let amount: String
        let ceiling: String
        let remaining: String
    }

    struct ResultsPage {
        let page: PageContext
        let planYear: Int?
        let kecamatan: [ResultRow]
        let desa: [ResultRow]
        let kecamatanName: String?
    }

    /// Per kecamatan (or, with `?kecamatan=`, per desa of it): proposals, how many are in the plan and for how
    /// much, against the ceiling (all sectors).
    func results(req: Request) async throws -> Response {
        let filters = Filters(req)
        let (cycle, _) = try await Self.matching(filters, req: req)
        let reference = try await req.reference()
        guard let cycle else {
            return req.page(
                ResultsPage(
                    page: PageContext(req, title: req.t("proposal.results_title")), planYear: nil, kecamatan: [],
                    desa: [], kecamatanName: nil))
        }
        let totals = try await ProposalQueries.totals(cycleID: cycle.id, on: req.db)
        let ceilings = try await MusrenbangCycles.ceilings(of: cycle.id, on: req.db).filter { $0.sector == nil }
        func row(_ name: String, _ url: String, _ total: ProposalQueries.Total?, ceiling: Int64?) -> ResultRow {
            let amount = total?.planAmount ?? 0
            return ResultRow(
                name: name, url: url, proposals: total?.proposals ?? 0, inPlan: total?.inPlan ?? 0,
                amount: req.rupiah(Int(amount)), ceiling: ceiling.map { req.rupiah(Int($0)) } ?? "—",
                remaining: ceiling.map { req.rupiah(Int(max(0, $0 - amount))) } ?? "—")
        }
        let byKecamatan = Dictionary(grouping: totals, by: \.kecamatanID).mapValues { ProposalQueries.Total.sum($0) }
        let kecamatanRows = reference.kecamatanChoices.compactMap { choice -> ResultRow? in
            guard let id = reference.kecamatanByCode[choice.value] else { return nil }
            let ceiling = ceilings.first { $0.kecamatanID == id && $0.desaID == nil }?.amount
            return row(
                choice.label, SiteURL.musrenbangResults + "?tahun=\(cycle.planYear)&kecamatan=\(choice.value)",
                byKecamatan[id], ceiling: ceiling)
        }
        var desaRows: [ResultRow] = []
        let chosen = filters.kecamatan.flatMap { reference.kecamatanByCode[$0] }
        if let chosen {
            let byDesa = Dictionary(grouping: totals.filter { $0.kecamatanID == chosen }, by: \.desaID)
                .mapValues { ProposalQueries.Total.sum($0) }
            desaRows = reference.desaByID.values.filter { $0.kecamatanID == chosen }.sorted { $0.name < $1.name }.map {
                d in
                row(
                    d.name, SiteURL.proposals + "?tahun=\(cycle.planYear)&desa=\(d.code)", byDesa[d.id],
                    ceiling: ceilings.first { $0.desaID == d.id }?.amount)
            }
        }
        return req.page(
            ResultsPage(
                page: PageContext(req, title: req.t("proposal.results_title")), planYear: cycle.planYear,
                kecamatan: kecamatanRows, desa: desaRows, kecamatanName: chosen.flatMap { reference.kecamatanNames[$0] }
            ))
    }

    func show(req: Request) async throws -> Response {
        let proposal = try await Proposals.find(req.parameters.get("number") ?? "", on: req.db)
        return try await ProposalDetail.render(proposal, req: req)
    }

    /// A proposal's photo (at a display size) or document. Proposals are public, and so are their files but
    /// the attendance list, which only the officers of the proposal's area may open.
    func file(req: Request) async throws -> Response {
        guard let row = try await ProposalFile.find(req.parameters.get("id"), on: req.db) else {
            throw AppError.notFound()
        }
        if !row.kind.isPublic {
            let reference = try await req.reference()
            guard let proposal = try await Proposal.find(row.proposalID, on: req.db),
                Policy.allows(req.currentUser?.actor, .readAttendanceList(proposal.place(reference)))
            else { throw AppError.forbidden() }
        }
        return try await req.streamUpload(row.storedName, .proposalFile, contentType: row.contentType)
    }
}
