import Crypto
import Fluent
import Foundation
import SigapCore
import Vapor

/// `/musrenbang/usul`: proposing. A citizen proposes for a desa; a `petugas_desa` enters the village meeting's
/// result with its minutes and attendance list; a `petugas_kecamatan` adds the kecamatan's own priority; a `dprd`
/// member records a pokir from a reses. Before saving, likely duplicates are shown with the offer to support one
/// instead.
struct ProposalFormController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        // A practice participant proposes without an account; what they send stays in their session.
        let proposing = routes.requiringOrPractising(.useOwnAccount)
        proposing.get("musrenbang", "usul", use: form)
        proposing.upload("musrenbang", "usul", use: submit)
    }

    struct FormInput: Content {
        var catalogue: String?
        var sector: String?
        var title: String?
        var problem: String?
        var description: String?
        var desa: String?
        var kecamatan: String?
        var rtRw: String?
        var address: String?
        var lat: String?
        var lon: String?
        var volume: String?
        var unit: String?
        var cost: String?
        var costReason: String?
        var beneficiaries: String?
        var groups: [String]?
        var agency: String?
        var resesDate: String?
        var resesPlace: String?
        var confirm: String?
        /// Entered by a pendamping: the citizen's name and phone, and their spoken consent confirmed.
        var citizenName: String?
        var citizenPhone: String?
        var consent: String?
        /// The form's one-time submission key.
        var submission: String?

        enum CodingKeys: String, CodingKey {
            case catalogue, sector, title, problem, description, desa, kecamatan, address, lat, lon, volume, unit, cost
            case beneficiaries, groups, agency, confirm
            case submission = "kirim"
            case rtRw = "rt_rw", costReason = "cost_reason", resesDate = "reses_date", resesPlace = "reses_place"
            case citizenName = "warga_nama", citizenPhone = "warga_hp", consent = "persetujuan"
        }

        var draft: ProposalDraft {
            ProposalDraft(
                catalogueCode: catalogue, sector: sector, title: title, problem: problem, description: description,
                desaCode: desa?.trimmedOrNil, rtRw: rtRw, address: address,
                latitude: lat?.trimmedOrNil.flatMap { Double($0.replacingOccurrences(of: ",", with: ".")) },
                longitude: lon?.trimmedOrNil.flatMap { Double($0.replacingOccurrences(of: ",", with: ".")) },
                volume: volume, unit: unit, cost: cost, costReason: costReason, beneficiaries: beneficiaries,
                groups: groups ?? [])
        }

        var values: [String: String] {
            [
                "catalogue": catalogue ?? "", "sector": sector ?? "", "title": title ?? "", "problem": problem ?? "",
                "description": description ?? "", "desa": desa ?? "", "kecamatan": kecamatan ?? "",
                "rt_rw": rtRw ?? "", "address": address ?? "", "lat": lat ?? "", "lon": lon ?? "",
                "volume": volume ?? "", "unit": unit ?? "", "cost": cost ?? "", "cost_reason": costReason ?? "",
                "beneficiaries": beneficiaries ?? "", "groups": (groups ?? []).joined(separator: ","),
                "agency": agency ?? "", "reses_date": resesDate ?? "", "reses_place": resesPlace ?? "",
                "kirim": submission?.trimmedOrNil ?? ReportFormController.newSubmissionKey(),
                "warga_nama": citizenName ?? "", "warga_hp": citizenPhone ?? "",
            ].merging(consent == nil ? [:] : ["persetujuan": "on"]) { first, _ in first }
        }

        /// The key of this submission for this sender, bound to what was typed: the same page sent again with
        /// the same fields is one proposal; with other fields (the reader went back and changed the text) it is
        /// meant as another, so the typed fields are part of the key.
        func idempotencyKey(sender: UUID?) throws -> IdempotencyKey? {
            guard let submission = submission?.trimmedOrNil else { return nil }
            var typed = self
            typed.submission = nil
            typed.confirm = nil
            let body = try ReportsAPIController.canonical.encode(typed)
            let typedHash = SHA256.hash(data: body).prefix(12).map { String(format: "%02x", $0) }.joined()
            return try IdempotencyKey(
                header: String(submission.prefix(200)) + "." + typedHash,
                sender: "proposal:" + (sender?.uuidString ?? ""),
                body: body)
        }
    }

    struct FormPage {
        let page: PageContext
        let form: FormState
        let source: ProposalSource
        let planYear: Int?
        let catalogue: [Choice]
        let sectors: [Choice]
        let units: [Choice]
        let desa: [Choice]
        let kecamatan: [Choice]
        let agencies: [Choice]
        let groups: [Choice]
        /// Set when likely duplicates were found: the form comes back with them and a "propose anyway" step.
        let duplicates: [ProposalRow]?
        /// Revising a returned proposal: the place and item are kept, files are not asked again.
        let revising: String?
        /// A pendamping entering a citizen's proposal: the form asks for the citizen.
        let assisting: Bool
    }

    func form(req: Request) async throws -> Response {
        var values = ["kirim": ReportFormController.newSubmissionKey()]
        if let id = req.currentUser?.$desa.id, let desa = try await req.reference().desaByID[id] {
            values["desa"] = desa.code
        }
        return try await Self.render(req, FormState(values: values), revising: nil)
    }

    func submit(req: Request) async throws -> Response {
        let upload = try await req.proposalUpload()
        defer { upload.removeIncoming() }
        let input = try upload.decode(FormInput.self)
        var form = FormState(values: input.values)
        if let participant = req.practiceParticipant {
            let source = req.currentUser.flatMap { ProposalSource.of($0.role) } ?? .citizen
            // Practice: checked like a proposal, kept in the session, never in the plan.
            do {
                let entry = try await PracticeSessions.proposal(
                    input.draft, source: source, by: participant, context: req.context)
                return req.redirect(to: SiteURL.practiceEntry(entry.id!), redirectType: .normal)
            } catch let error as AppError where error.status == .unprocessableEntity {
                form.errors = error.fields.mapValues { req.t($0) }
                return try await Self.render(req, form, revising: nil, status: .unprocessableEntity)
            }
        }
        let user = try req.requireUser()
        guard let source = ProposalSource.of(user.role) else { throw AppError.forbidden() }
        let context = req.context
        guard let cycle = try await MusrenbangCycles.current(context) else {
            throw AppError.conflict("musrenbang.no_cycle")
        }
        let assisting = user.role == .pendamping
        if assisting {
            form.errors = AssistedFields.problems(form.values).mapValues { req.t($0) }
            guard form.isValid else {
                return try await Self.render(req, form, revising: nil, status: .unprocessableEntity)
            }
        }
        var files: [ProposalFile.Kind: [FileStore.CheckedFile]] = [:]
        do {
            files[.photo] = try await upload.checkedPhotos(named: "photo", for: .proposalFile, context: context)
            if source == .desaMeeting {
                files[.minutes] = try await upload.checkedPhotos(named: "minutes", for: .proposalFile, context: context)
                files[.attendance] = try await upload.checkedPhotos(
                    named: "attendance", for: .proposalFile, context: context)
            }
        } catch let error as AppError where error.status == .unprocessableEntity {
            form.errors = error.fields.mapValues { req.t($0) }
            return try await Self.render(req, form, revising: nil, status: .unprocessableEntity)
        }
        let draft = input.draft
        let key = try input.idempotencyKey(sender: user.id)
        // A second press of a form that was saved already goes to its proposal, not to the duplicates step.
        if let first = try await Proposals.earlier(key, on: req.db, now: context.now) {
            return req.redirect(to: SiteURL.proposal(first.number), redirectType: .normal)
        }
        if input.confirm == nil, source != .pokir {
            let reference = try await req.reference()
            let duplicates = try await Proposals.likelyDuplicates(
                catalogueCode: draft.catalogueCode, desaID: draft.desaCode.flatMap { reference.desa[$0]?.id },
                location: draft.latitude.flatMap { lat in
                    draft.longitude.flatMap { GeoPoint(latitude: lat, longitude: $0) }
                },
                planYear: cycle.planYear, on: req.db, reference: reference)
            if !duplicates.isEmpty {
                form.error = req.t("proposal.duplicates_found")
                return try await Self.render(
                    req, form, revising: nil,
                    duplicates: duplicates.map { req.proposalRow(ProposalListItem($0), reference: reference) })
            }
        }
        let proposal: Proposal
        do {
            let assistance =
                assisting
                ? try await AssistedFiling.assistance(
                    name: input.citizenName, phone: input.citizenPhone, desaCode: input.desa, context: context)
                : nil
            proposal = try await Proposals.enter(
                .init(
                    draft: draft, source: source, kecamatanCode: input.kecamatan?.trimmedOrNil,
                    agencyCode: input.agency?.trimmedOrNil, resesDate: input.resesDate?.trimmedOrNil,
                    resesPlace: input.resesPlace, files: files, idempotency: key, assistance: assistance),
                in: cycle, context: context)
        } catch let error as AppError where [.conflict, .unprocessableEntity].contains(error.status) {
            form.errors = error.fields.mapValues { req.t($0) }
            form.error = error.fields.isEmpty ? req.message(of: error) : req.t("error.422")
            return try await Self.render(req, form, revising: nil, status: error.status)
        }
        if assisting {
            // Back to the pendamping's list, where the new number is shown to read out to the citizen.
            return req.redirect(to: SiteURL.assisted + "?nomor=" + proposal.number, redirectType: .normal)
        }
        req.setNotice("proposal.entered")
        return req.redirect(to: SiteURL.proposal(proposal.number), redirectType: .normal)
    }

    static func values(of p: Proposal, reference: ReferenceCache.Snapshot) -> FormState {
        FormState(values: [
            "catalogue": p.catalogueCode ?? "", "sector": p.sector, "title": p.title, "problem": p.problem,
            "description": p.description, "desa": p.desaID.flatMap { reference.desaByID[$0]?.code } ?? "",
            "rt_rw": p.rtRw, "address": p.address, "lat": p.latitude.map { String($0) } ?? "",
            "lon": p.longitude.map { String($0) } ?? "", "volume": CSVWriter.number(p.volume), "unit": p.unit,
            "cost": p.costReason == nil && p.catalogueCode != nil ? "" : String(p.estimatedCost),
            "cost_reason": p.costReason ?? "", "beneficiaries": String(p.beneficiaries), "groups": p.beneficiaryGroups,
        ])
    }

    static func render(
        _ req: Request, _ form: FormState, revising: Proposal?, duplicates: [ProposalRow]? = nil,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        // A practice participant without an account proposes as a citizen, for any desa.
        let user = req.currentUser
        if user == nil, req.practiceParticipant == nil { _ = try req.requireUser() }
        let practising = user == nil ? ProposalSource.citizen : nil
        guard let source = revising?.source ?? user.flatMap({ ProposalSource.of($0.role) }) ?? practising else {
            throw AppError.forbidden()
        }
        let reference = try await req.reference()
        let cycle = try await MusrenbangCycles.current(req.context)
        let items = try await CatalogueItem.query(on: req.db).filter(\.$active == true).sort(\.$name).all()
        return req.page(
            FormPage(
                page: PageContext(req, title: req.t(revising == nil ? "proposal.form_title" : "proposal.revise")),
                form: form, source: source, planYear: cycle?.planYear,
                catalogue: items.map {
                    Choice(value: $0.code, label: "\($0.name) (\(req.rupiah(Int($0.unitCost)))/\($0.unit))")
                },
                sectors: ProposalCatalogue.sectors.map { Choice(value: $0, label: req.t("sector.\($0)")) },
                units: ProposalCatalogue.units.map { Choice(value: $0, label: $0) },
                desa: reference.desaChoices.filter { choice in
                    // An officer proposes for the area they serve.
                    guard let d = reference.desa[choice.value] else { return false }
                    return user?.actor.covers(
                        Place(
                            kecamatanID: d.kecamatanID, desaID: d.id,
                            electoralDistrictID: reference.electoralDistricts[d.kecamatanID])) ?? true
                },
                kecamatan: reference.kecamatanChoices.filter { choice in
                    guard let id = reference.kecamatanByCode[choice.value] else { return false }
                    return user?.actor.covers(
                        Place(kecamatanID: id, electoralDistrictID: reference.electoralDistricts[id])) ?? true
                },
                agencies: reference.agencyChoices,
                groups: BeneficiaryGroup.allCases.map {
                    Choice(value: $0.rawValue, label: req.t("proposal.group.\($0.rawValue)"))
                },
                duplicates: duplicates, revising: revising?.number, assisting: user?.role == .pendamping),
            status: status)
    }
}
