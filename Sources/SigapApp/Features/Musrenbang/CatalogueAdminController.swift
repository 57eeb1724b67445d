import Fluent
import SigapCore
import Vapor

/// `/dasbor/musrenbang/kamus`: the proposal catalogue — the list, one item by hand, or a CSV (a file from a
/// spreadsheet, or pasted) whose bad lines are named while the good ones are saved.
struct CatalogueAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("dasbor", "musrenbang", "kamus").requiring(.manageMusrenbang)
        admin.get(use: list)
        admin.post(use: add)
        admin.on(.POST, "impor", body: .collect(maxSize: "2mb"), use: importCSV)
    }

    struct Row {
        let code: String
        let name: String
        let sector: String
        let agency: String
        let unit: String
        let unitCost: String
    }

    struct CataloguePage {
        let page: PageContext
        let items: [Row]?
        let sectors: [Choice]
        let units: [Choice]
        let agencies: [Choice]
        let form: FormState
        /// After an import: what was saved, and the lines that were not.
        let imported: String?
        let problems: [String]?
    }

    struct ItemInput: Content {
        var code: String?
        var name: String?
        var sector: String?
        var agency: String?
        var unit: String?
        var unitCost: String?

        enum CodingKeys: String, CodingKey {
            case code, name, sector, agency, unit
            case unitCost = "unit_cost"
        }
    }

    struct ImportInput: Content {
        var file: File?
        var csv: String?

        enum CodingKeys: String, CodingKey {
            case file = "berkas", csv
        }
    }

    func list(req: Request) async throws -> Response {
        try await render(req, form: FormState())
    }

    func add(req: Request) async throws -> Response {
        let input = try req.content.decode(ItemInput.self)
        var form = FormState(values: [
            "code": input.code ?? "", "name": input.name ?? "", "sector": input.sector ?? "",
            "agency": input.agency ?? "", "unit": input.unit ?? "", "unit_cost": input.unitCost ?? "",
        ])
        let reference = try await req.reference()
        switch ProposalCatalogue.check(
            code: input.code ?? "", name: input.name ?? "", sector: input.sector ?? "", agencyCode: input.agency ?? "",
            unit: input.unit ?? "", unitCost: input.unitCost ?? "", agencies: Set(reference.agencyCodes.values))
        {
        case .failure(let problem):
            form.error = req.t(problem.rawValue)
            return try await render(req, form: form, status: .unprocessableEntity)
        case .success(let item):
            let saved = try await ProposalCatalogueStore.save([item], context: req.context)
            req.setNotice(saved.added == 1 ? "catalogue.added" : "catalogue.updated")
            return req.redirect(to: SiteURL.catalogueAdmin, redirectType: .normal)
        }
    }

    func importCSV(req: Request) async throws -> Response {
        let input = try req.content.decode(ImportInput.self)
        let text =
            input.file.flatMap { $0.data.readableBytes > 0 ? String(buffer: $0.data) : nil } ?? input.csv ?? ""
        let reference = try await req.reference()
        let (items, problems) = ProposalCatalogue.parse(csv: text, agencies: Set(reference.agencyCodes.values))
        guard !items.isEmpty || !problems.isEmpty else {
            var form = FormState()
            form.error = req.t("catalogue.csv_empty")
            return try await render(req, form: form, status: .unprocessableEntity)
        }
        let saved = items.isEmpty ? .init() : try await ProposalCatalogueStore.save(items, context: req.context)
        return try await render(
            req, form: FormState(),
            imported: req.t("catalogue.imported", String(saved.added), String(saved.updated), String(problems.count)),
            problems: problems.map { req.t("catalogue.line", String($0.line), req.t($0.1.rawValue)) },
            status: problems.isEmpty ? .ok : .unprocessableEntity)
    }

    private func render(
        _ req: Request, form: FormState, imported: String? = nil, problems: [String] = [],
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let reference = try await req.reference()
        let rows = try await CatalogueItem.query(on: req.db).sort(\.$sector).sort(\.$name).all().map {
            Row(
                code: $0.code, name: $0.name, sector: req.t("sector.\($0.sector)"),
                agency: reference.agencyNames[$0.agencyID] ?? "", unit: $0.unit, unitCost: req.rupiah(Int($0.unitCost)))
        }
        let page = CataloguePage(
            page: PageContext(req, title: req.t("catalogue.title")), items: rows.nilIfEmpty,
            sectors: ProposalCatalogue.sectors.map { Choice(value: $0, label: req.t("sector.\($0)")) },
            units: ProposalCatalogue.units.map { Choice(value: $0, label: $0) }, agencies: reference.agencyChoices,
            form: form, imported: imported, problems: problems.nilIfEmpty)
        return req.page(page, status: status)
    }
}

extension Request {
    /// "Rp1.500.000" in Indonesian, "IDR 1,500,000" in English.
    func rupiah(_ amount: Int) -> String {
        let grouped = Rupiah.grouped(Int64(amount), separator: language == .id ? "." : ",")
        return language == .id ? "Rp" + grouped : "IDR " + grouped
    }
}
