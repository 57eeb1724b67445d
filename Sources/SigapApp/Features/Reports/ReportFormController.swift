import Fluent
import Foundation
import SigapCore
import Vapor

/// `/lapor`: the filing form. Without JavaScript it is one form; before the final submit it shows open reports
/// of the same category nearby and offers to support one instead of filing a duplicate.
struct ReportFormController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        // Guests may file: the form asks them for a contact instead of an account.
        let filing = routes.open("filing is open to guests")
        filing.get("lapor", use: form)
        filing.upload("lapor", use: submit)
    }

    struct FormPage {
        let page: PageContext
        let form: FormState
        let kinds: [Choice]
        let categories: [Choice]
        let desa: [Choice]
        let privacies: [Choice]
        let isGuest: Bool
        /// A pendamping files for a citizen: the form asks for the citizen's name, phone and consent.
        let assisting: Bool
        let similar: [ReportRow]?
        /// Categories the text suggests, once there is text to go on.
        let suggestions: [CategorySuggestion]?
        /// The region's extent, for the map that picks a location.
        let bounds: BoundingBox
    }

    struct FormInput: Content {
        var kind: String?
        var category: String?
        var title: String?
        var description: String?
        var desa: String?
        var address: String?
        var lat: String?
        var lon: String?
        var privacy: String?
        var contact: String?
        var confirm: String?
        /// "Sarankan kategori" was pressed: show suggestions, file nothing.
        var suggest: String?
        /// A suggested category was picked (without JavaScript this is a submit button).
        var pickCategory: String?
        /// The form's one-time submission key: a second tap, a refresh or a retry after a lost answer gets the
        /// report the first one filed (`IdempotencyKey`), not a second report.
        var submission: String?
        /// "dprd": an aspiration or question addressed to the council (`/lapor?tujuan=dprd`).
        var addressee: String?
        /// Filed by a pendamping: the citizen's name and phone, and their spoken consent confirmed.
        var citizenName: String?
        var citizenPhone: String?
        var consent: String?

        enum CodingKeys: String, CodingKey {
            case kind, category, title, description, desa, address, lat, lon, privacy, contact, confirm, suggest
            case pickCategory = "pick_category"
            case submission = "kirim"
            case addressee = "tujuan"
            case citizenName = "warga_nama"
            case citizenPhone = "warga_hp"
            case consent = "persetujuan"
        }

        var toDPRD: Bool { addressee == "dprd" }

        /// What identifies the filing for its submission key: the fields as sent, without the form's steps.
        var filed: [String: String] {
            [
                "kind": kind ?? "", "category": category ?? "", "title": title ?? "", "description": description ?? "",
                "desa": desa ?? "", "address": address ?? "", "lat": lat ?? "", "lon": lon ?? "",
                "privacy": privacy ?? "", "contact": contact ?? "", "tujuan": addressee ?? "",
                "warga_nama": citizenName ?? "", "warga_hp": citizenPhone ?? "",
            ]
        }
    }

    func form(req: Request) async throws -> Response {
        var values = ["kind": "pengaduan", "privacy": "publik", "kirim": Self.newSubmissionKey()]
        if req.query[String.self, at: "tujuan"] == "dprd" {
            values["tujuan"] = "dprd"
            values["kind"] = "aspirasi"
        }
        return try await render(req, FormState(values: values), similar: [])
    }

    func submit(req: Request) async throws -> Response {
        let upload = try await req.reportUpload()
        defer { upload.removeIncoming() }
        let input = try upload.decode(FormInput.self)
        var values: [String: String] = [
            "kind": input.kind ?? "", "category": input.category ?? "", "title": input.title ?? "",
            "description": input.description ?? "", "desa": input.desa ?? "", "address": input.address ?? "",
            "lat": input.lat ?? "", "lon": input.lon ?? "", "privacy": input.privacy ?? "",
            "contact": input.contact ?? "", "kirim": input.submission?.trimmedOrNil ?? Self.newSubmissionKey(),
            "tujuan": input.toDPRD ? "dprd" : "", "warga_nama": input.citizenName ?? "",
            "warga_hp": input.citizenPhone ?? "",
        ]
        if input.consent != nil { values["persetujuan"] = "on" }
        let assisting = req.currentUser?.role == .pendamping
        if req.formExpired {
            // The form stayed open past its session: file nothing, give back what was typed with a fresh token.
            var form = FormState(values: values)
            form.error = req.t("form.expired_intro")
            return try await render(req, askPhotosAgain(form, upload, req), similar: [], status: .forbidden)
        }
        if input.suggest != nil || input.pickCategory != nil {
            // A step of the form, not a filing: nothing is checked or stored yet (photos must be chosen again).
            if let picked = input.pickCategory { values["category"] = picked }
            return try await render(req, FormState(values: values), similar: [])
        }
        var form = FormState(values: values)
        let latitude = input.lat?.trimmedOrNil.map { Double($0.replacingOccurrences(of: ",", with: ".")) }
        let longitude = input.lon?.trimmedOrNil.map { Double($0.replacingOccurrences(of: ",", with: ".")) }
        if latitude == .some(nil) || longitude == .some(nil) {
            form.errors["location"] = req.t("report.location_invalid")
        }
        var photos: [ReportPhotos.Checked] = []
        if form.isValid {
            do {
                photos = try await upload.checkedFiles(named: "photo", for: .reportPhoto, context: req.context)
            } catch .tooLarge {
                throw AppError.file(.tooLarge)
            } catch {
                form.errors["photo"] = req.t(AppError.file(error).fields["photo"] ?? "report.photo_type")
            }
        }
        let draft = ReportDraft(
            kind: input.kind, categoryCode: input.category, title: input.title, description: input.description,
            desaCode: input.desa, address: input.address, latitude: latitude ?? nil, longitude: longitude ?? nil,
            privacy: input.privacy, contact: input.contact)
        if let participant = req.practiceParticipant, form.isValid {
            // Practice (a sosialisasi session): checked like a filing, kept in the session, sent nowhere.
            do {
                let entry = try await PracticeSessions.report(draft, by: participant, context: req.context)
                return req.redirect(to: SiteURL.practiceEntry(entry.id!), redirectType: .normal)
            } catch let error as AppError where error.status == .unprocessableEntity {
                form.errors = error.fields.mapValues { req.t($0) }
            }
        }
        if assisting {
            form.errors.merge(AssistedFields.problems(values).mapValues { req.t($0) }) { first, _ in first }
        }
        guard form.isValid else {
            return try await render(req, askPhotosAgain(form, upload, req), similar: [], status: .unprocessableEntity)
        }

        let key = try submissionKey(input, req)
        // A repeat of a form that filed already goes straight to its report: its own report is no "similar" one.
        let repeated = (try? await key?.earlier(on: req.db, now: req.now)) != nil
        if input.confirm == nil, !repeated, let similar = try await similarReports(draft, req), !similar.isEmpty {
            values["confirm"] = "on"
            form.values = values
            form.error = req.t("report.similar_found")
            return try await render(req, form, similar: similar)
        }
        let filed: ReportIntake.Filed
        do {
            let assistance =
                assisting
                ? try await AssistedFiling.assistance(
                    name: input.citizenName, phone: input.citizenPhone, desaCode: input.desa, context: req.context)
                : nil
            filed = try await file(draft, photos: photos, key: key, toDPRD: input.toDPRD, assistance: assistance, req)
            if let assistance, !filed.replayed {
                try await AssistedFiling.recordConsent(filed.report, assistance, context: req.context)
            }
        } catch let error as AppError where error.status == .unprocessableEntity {
            form.errors = error.fields.mapValues { req.t($0) }
            return try await render(req, askPhotosAgain(form, upload, req), similar: [], status: .unprocessableEntity)
        }
        if assisting {
            // The pendamping goes back to their list, where the new number is shown to read out to the citizen.
            return req.redirect(to: SiteURL.assisted + "?nomor=" + filed.report.number, redirectType: .normal)
        }
        // The private page is the answer (303): it is what the guest bookmarks, and a refresh reloads it
        // instead of sending the form again.
        return req.redirect(to: Self.filedPage(filed), redirectType: .normal)
    }

    /// The report's page for its reporter, with the "filed" notice (`baru=1`) and, for a guest, the key.
    static func filedPage(_ filed: ReportIntake.Filed) -> String {
        SiteURL.report(filed.report.number) + "?" + (filed.followToken.map { "kunci=" + $0 + "&" } ?? "") + "baru=1"
    }

    static func newSubmissionKey() -> String { SecretToken.urlSafe(bytes: 18) }

    /// Photos cannot be put back into a file field: when the form comes back, it says so rather than lose them
    /// silently.
    private func askPhotosAgain(_ form: FormState, _ upload: StreamedForm, _ req: Request) -> FormState {
        var form = form
        if form.errors["photo"] == nil, !upload.files(named: "photo").isEmpty {
            form.errors["photo"] = req.t("report.photo_choose_again")
        }
        return form
    }

    private func file(
        _ draft: ReportDraft, photos: [ReportPhotos.Checked], key: IdempotencyKey?, toDPRD: Bool,
        assistance: Assistance?, _ req: Request
    )
        async throws -> ReportIntake.Filed
    {
        let origin = ReportIntake.Origin(address: req.clientAddress)
        do {
            return try await ReportIntake.file(
                draft, photos: photos, idempotency: key, origin: origin, toDPRD: toDPRD, assistance: assistance,
                context: req.context)
        } catch let error as AppError where key != nil && error.code == "idempotency_key_reused" {
            return try await ReportIntake.file(
                draft, photos: photos, origin: origin, toDPRD: toDPRD, assistance: assistance, context: req.context)
        }
    }

    /// The submission key of this form for this sender. The same key with other fields (the reader went back,
    /// changed the text and sent again) files a new report: a person meant that, unlike an API client's retry.
    private func submissionKey(_ input: FormInput, _ req: Request) throws -> IdempotencyKey? {
        let sender = "form:" + (req.currentUser?.id?.uuidString ?? "guest")
        let body = try ReportsAPIController.canonical.encode(input.filed)
        return try IdempotencyKey(header: input.submission?.trimmedOrNil, sender: sender, body: body)
    }

    /// Open reports like this one nearby, or nil when the draft is not far enough along to compare.
    private func similarReports(_ draft: ReportDraft, _ req: Request) async throws -> [ReportRow]? {
        let reference = try await req.reference()
        guard let category = draft.categoryCode.flatMap({ reference.categories[$0] }),
            let desa = draft.desaCode.flatMap({ reference.desa[$0] })
        else { return nil }
        let point = draft.latitude.flatMap { lat in draft.longitude.flatMap { GeoPoint(latitude: lat, longitude: $0) } }
        return try await ReportQueries.nearby(
            categoryID: category.id, desaID: desa.id, location: point, now: req.now, on: req.db
        )
        .map { req.reportRow(ReportListItem($0), reference: reference) }
    }

    private func render(_ req: Request, _ form: FormState, similar: [ReportRow], status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        let reference = try await req.reference()
        let text = [form.values["title"], form.values["description"]].compactMap { $0 }.joined(separator: " ")
        let suggestions = try await req.suggestCategories(
            for: text, kind: form.values["kind"].flatMap(ReportKind.init(rawValue:)))
        let categories = reference.categories.values.filter(\.active).sorted { $0.name < $1.name }.map {
            Choice(
                value: $0.code, label: $0.name, group: req.t("kind.\($0.kind == .aspirasi ? "aspirasi" : "pengaduan")"),
                detail: reference.agencyNames[$0.agencyID] ?? "")
        }.sorted { $0.group > $1.group }
        let desa = reference.desa.values.sorted {
            ($0.kecamatanID.uuidString, $0.name) < ($1.kecamatanID.uuidString, $1.name)
        }
        // A pendamping files in their own desa only.
        .filter { req.currentUser?.role != .pendamping || $0.id == req.currentUser?.$desa.id }
        .map { Choice(value: $0.code, label: $0.name, group: reference.kecamatanNames[$0.kecamatanID] ?? "") }
        let page = FormPage(
            page: PageContext(req, title: req.t("report.form_title")), form: form,
            kinds: ReportKind.allCases.map { Choice(value: $0.rawValue, label: req.t("kind.\($0.rawValue)")) },
            categories: categories, desa: desa,
            privacies: ReportPrivacy.allCases.map {
                Choice(
                    value: $0.rawValue, label: req.t("privacy.\($0.rawValue)"),
                    detail: req.t("privacy.\($0.rawValue).help"))
            },
            isGuest: req.currentUser == nil, assisting: req.currentUser?.role == .pendamping,
            similar: similar.nilIfEmpty, suggestions: suggestions.nilIfEmpty,
            bounds: reference.bounds)
        return req.page(page, status: status)
    }
}
