import Fluent
import SigapCore
import Vapor

/// `/dasbor/musrenbang`: Bappeda and admins open a plan year's cycle with its phases and extend a phase
/// (audited with the reason).
struct MusrenbangAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("dasbor", "musrenbang").requiring(.manageMusrenbang)
        admin.get(use: list)
        admin.post(use: open)
        admin.post(":id", "perpanjang", use: extend)
        admin.post(":id", "pagu", use: setCeiling)
    }

    struct PhaseRow {
        let phase: String
        let label: String
        let first: String
        let last: String
        let running: Bool
    }

    struct CycleRow {
        let id: String
        let planYear: Int
        let forward: String
        let phases: [PhaseRow]
        /// "Kecamatan X · desa Y · sector: Rp…", one line per ceiling.
        let ceilings: [String]
    }

    struct AdminPage {
        let page: PageContext
        let cycles: [CycleRow]?
        let phases: [Choice]
        let places: [Choice]
        let sectors: [Choice]
        let form: FormState
        let extendForm: FormState
    }

    struct CeilingInput: Content {
        /// A kecamatan code, or a desa code (the ceiling of that desa).
        var place: String?
        var sector: String?
        var amount: String?
    }

    struct OpenInput: Content {
        var planYear: String?
        var forwardPerDesa: String?
        var forwardPerKecamatan: String?
        var phases: [String: String]?

        enum CodingKeys: String, CodingKey {
            case planYear = "plan_year", forwardPerDesa = "forward_per_desa"
            case forwardPerKecamatan = "forward_per_kecamatan", phases
        }
    }

    struct ExtendInput: Content {
        var phase: String?
        var last: String?
        var reason: String?
    }

    func list(req: Request) async throws -> Response {
        try await render(req, form: Self.suggestion(req), extendForm: FormState())
    }

    func open(req: Request) async throws -> Response {
        let input = try req.content.decode(OpenInput.self)
        var values = [
            "plan_year": input.planYear ?? "", "forward_per_desa": input.forwardPerDesa ?? "",
            "forward_per_kecamatan": input.forwardPerKecamatan ?? "",
        ]
        var windows: [MusrenbangCycle.Phase: MusrenbangCycle.Window] = [:]
        var form = FormState()
        for phase in MusrenbangCycle.Phase.allCases {
            let first = input.phases?["\(phase.rawValue).first"] ?? ""
            let last = input.phases?["\(phase.rawValue).last"] ?? ""
            values["\(phase.rawValue).first"] = first
            values["\(phase.rawValue).last"] = last
            if let from = CivilDay(first), let to = CivilDay(last) {
                windows[phase] = .init(first: from, last: to)
            } else {
                form.errors[phase.rawValue] = req.t("musrenbang.phase_dates_invalid")
            }
        }
        form.values = values
        let year = Int(input.planYear ?? "").flatMap { (2000...2100).contains($0) ? $0 : nil }
        if year == nil { form.errors["plan_year"] = req.t("musrenbang.plan_year_invalid") }
        guard form.isValid, let year else { return try await render(req, form: form, status: .unprocessableEntity) }
        do {
            _ = try await MusrenbangCycles.open(
                planYear: year, windows: windows, forwardPerDesa: Int(input.forwardPerDesa ?? "") ?? 0,
                forwardPerKecamatan: Int(input.forwardPerKecamatan ?? "") ?? 0, context: req.context)
        } catch let problem as MusrenbangCycles.Problem {
            switch problem {
            case .planYearTaken: form.errors["plan_year"] = req.t("musrenbang.plan_year_taken")
            case .forwardCount: form.errors["forward_per_desa"] = req.t("musrenbang.forward_invalid")
            case .phases(.phasesOutOfOrder(let phase)):
                form.errors[phase.rawValue] = req.t(
                    "musrenbang.phases_out_of_order", req.t("musrenbang.phase.\(phase.rawValue)"))
            }
            return try await render(req, form: form, status: .unprocessableEntity)
        }
        req.setNotice("musrenbang.cycle_opened")
        return req.redirect(to: SiteURL.musrenbangAdmin, redirectType: .normal)
    }

    func extend(req: Request) async throws -> Response {
        let input = try req.content.decode(ExtendInput.self)
        guard let id = req.parameters.get("id", as: UUID.self),
            let loaded = try await MusrenbangCycles.all(on: req.db).first(where: { $0.id == id })
        else { throw AppError.notFound() }
        var form = FormState(values: [
            "phase": input.phase ?? "", "last": input.last ?? "", "reason": input.reason ?? "",
        ])
        let phase = input.phase.flatMap(MusrenbangCycle.Phase.init(rawValue:))
        if phase == nil { form.errors["phase"] = req.t("musrenbang.phase_choose") }
        let last = input.last.flatMap { CivilDay($0) }
        if last == nil { form.errors["last"] = req.t("musrenbang.phase_dates_invalid") }
        form.requireText("reason", input.reason, maxLength: 200, message: req.t("musrenbang.reason_required"))
        guard form.isValid, let phase, let last else {
            return try await render(req, form: Self.suggestion(req), extendForm: form, status: .unprocessableEntity)
        }
        do {
            _ = try await MusrenbangCycles.extend(
                loaded, phase: phase, to: last, reason: input.reason!.trimmedOrNil!, context: req.context)
        } catch MusrenbangCycles.Problem.phases(.phasesOutOfOrder(let next)) {
            form.errors["last"] = req.t("musrenbang.extend_overlaps", req.t("musrenbang.phase.\(next.rawValue)"))
            return try await render(req, form: Self.suggestion(req), extendForm: form, status: .unprocessableEntity)
        }
        req.setNotice("musrenbang.phase_extended")
        return req.redirect(to: SiteURL.musrenbangAdmin, redirectType: .normal)
    }

    func setCeiling(req: Request) async throws -> Response {
        let input = try req.content.decode(CeilingInput.self)
        guard let id = req.parameters.get("id", as: UUID.self),
            try await MusrenbangCycleRow.find(id, on: req.db) != nil
        else { throw AppError.notFound() }
        let reference = try await req.reference()
        let code = input.place?.trimmedOrNil ?? ""
        let desa = reference.desa[code]
        let kecamatanID = desa?.kecamatanID ?? reference.kecamatanByCode[code]
        let sector = input.sector?.trimmedOrNil
        let amount = Rupiah.parse(input.amount ?? "")
        var extendForm = FormState()
        if kecamatanID == nil { extendForm.errors["place"] = req.t("musrenbang.ceiling_place") }
        if let sector, !ProposalCatalogue.sectors.contains(sector) {
            extendForm.errors["sector"] = req.t("catalogue.sector_invalid")
        }
        guard let kecamatanID, let amount, extendForm.isValid else {
            extendForm.error = req.t("musrenbang.ceiling_invalid")
            return try await render(
                req, form: Self.suggestion(req), extendForm: extendForm, status: .unprocessableEntity)
        }
        try await MusrenbangCycles.setCeiling(
            .init(kecamatanID: kecamatanID, desaID: desa?.id, sector: sector, amount: amount), in: id,
            context: req.context)
        req.setNotice("musrenbang.ceiling_saved")
        return req.redirect(to: SiteURL.musrenbangAdmin, redirectType: .normal)
    }

    /// A new cycle's form, filled with next year and two weeks a phase from today: a starting point to edit.
    static func suggestion(_ req: Request) -> FormState {
        var values = ["forward_per_desa": "10", "forward_per_kecamatan": "30"]
        var start = req.regionToday
        values["plan_year"] = String(start.year + 1)
        for phase in MusrenbangCycle.Phase.allCases {
            let last = CivilDay(daysSinceEpoch: start.daysSinceEpoch + 13)
            values["\(phase.rawValue).first"] = start.description
            values["\(phase.rawValue).last"] = last.description
            start = last.next
        }
        return FormState(values: values)
    }

    private func render(
        _ req: Request, form: FormState, extendForm: FormState = FormState(), status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let today = req.regionToday
        let reference = try await req.reference()
        var cycles: [CycleRow] = []
        for loaded in try await MusrenbangCycles.all(on: req.db) {
            let ceilings = try await MusrenbangCycles.ceilings(of: loaded.id, on: req.db).map { c in
                let place = [
                    c.kecamatanID.flatMap { reference.kecamatanNames[$0] },
                    c.desaID.flatMap { reference.desaByID[$0]?.name }, c.sector.map { req.t("sector.\($0)") },
                ].compactMap { $0 }.joined(separator: " · ")
                return place + ": " + req.rupiah(Int(c.amount))
            }.sorted()
            cycles.append(
                CycleRow(
                    id: loaded.id.uuidString, planYear: loaded.planYear,
                    forward: req.t(
                        "musrenbang.forward_counts", String(loaded.forwardPerDesa), String(loaded.forwardPerKecamatan)),
                    phases: req.phaseRows(loaded.cycle, today: today), ceilings: ceilings))
        }
        let places =
            reference.kecamatanChoices
            + reference.desa.values.sorted { $0.code < $1.code }.map {
                Choice(value: $0.code, label: "· \($0.name) (\(reference.kecamatanNames[$0.kecamatanID] ?? ""))")
            }
        let page = AdminPage(
            page: PageContext(req, title: req.t("musrenbang.admin_title")), cycles: cycles.nilIfEmpty,
            phases: MusrenbangCycle.Phase.allCases.map {
                Choice(value: $0.rawValue, label: req.t("musrenbang.phase.\($0.rawValue)"))
            }, places: places,
            sectors: ProposalCatalogue.sectors.map { Choice(value: $0, label: req.t("sector.\($0)")) }, form: form,
            extendForm: extendForm)
        return req.page(page, status: status)
    }
}

extension Request {
    /// Today in the region's time zone.
    var regionToday: CivilDay { CivilDay(of: now, in: sigap.config.timeZone) }

    func phaseRows(_ cycle: MusrenbangCycle, today: CivilDay) -> [MusrenbangAdminController.PhaseRow] {
        MusrenbangCycle.Phase.allCases.map { phase in
            let window = cycle.window(of: phase)
            return .init(
                phase: phase.rawValue, label: t("musrenbang.phase.\(phase.rawValue)"),
                first: localDay(window.first.description),
                last: localDay(window.last.description), running: window.contains(today))
        }
    }
}
