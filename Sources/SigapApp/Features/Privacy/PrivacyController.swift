import Fluent
import SigapCore
import Vapor

/// `/akun/data`: a person's rights over their personal data (UU PDP) — see all of it (a readable page and a
/// JSON download), correct their name, object or ask for what the page cannot do, and delete the account.
/// Every use is recorded as a request with its dates (`DataRequest`).
struct PrivacyController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let own = routes.requiring(.useOwnAccount)
        own.get("akun", "data", use: show)
        own.get("akun", "data.json", use: download)
        own.post("akun", "data", "nama", use: correctName)
        own.post("akun", "data", "permintaan", use: openRequest)
        let erasure = routes.requiring(.eraseOwnAccount)
        erasure.get("akun", "hapus", use: erasureForm)
        erasure.post("akun", "hapus", use: erase)
    }

    struct DataPage {
        let page: PageContext
        let export: PersonalDataExport
        let canErase: Bool
        let form: FormState
    }

    struct ErasurePage {
        let page: PageContext
        let form: FormState
    }

    struct NameInput: Content { var name: String? }

    struct RequestInput: Content {
        var kind: String?
        var detail: String?
    }

    struct ErasureInput: Content {
        var password: String?
        var confirm: String?
    }

    func show(req: Request) async throws -> Response {
        try await render(req, form: FormState())
    }

    /// The same data as the page, as JSON to keep or take elsewhere (the right to data portability).
    func download(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await recordAccess(of: user, req)
        let export = try await PersonalDataExport.make(for: user, context: req.context)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let response = Response(status: .ok, body: .init(data: try encoder.encode(export)))
        response.headers.replaceOrAdd(name: .contentType, value: "application/json; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"sigap-data-saya.json\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    func correctName(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = try req.content.decode(NameInput.self)
        var form = FormState(values: ["name": input.name ?? ""])
        form.requireText("name", input.name, maxLength: 100, message: req.t("admin.name_invalid", "100"))
        guard form.isValid, let name = input.name?.trimmedOrNil else {
            return try await render(req, form: form, status: .unprocessableEntity)
        }
        let now = req.now
        try await req.audited("privacy.name_corrected", subjectType: "user") { db in
            user.name = name
            try await user.update(on: db)
            try await DataRequests.recordServed(.correction, for: user, on: db, at: now)
            return user.id
        }
        req.setNotice("mydata.name_corrected")
        return req.redirect(to: SiteURL.myData, redirectType: .normal)
    }

    /// An objection, or a correction or access the page cannot serve: an administrator answers within 3 × 24 h.
    func openRequest(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = try req.content.decode(RequestInput.self)
        var form = FormState(values: ["kind": input.kind ?? "", "detail": input.detail ?? ""])
        let kind = input.kind.flatMap(DataRequestKind.init(rawValue:)).flatMap {
            DataRequestKind.askable.contains($0) ? $0 : nil
        }
        if kind == nil { form.errors["kind"] = req.t("mydata.request_kind_invalid") }
        form.requireText(
            "detail", input.detail, maxLength: DataRequests.detailLimit,
            message: req.t("mydata.request_detail_invalid", String(DataRequests.detailLimit)))
        guard form.isValid, let kind, let detail = input.detail?.trimmedOrNil else {
            return try await render(req, form: form, status: .unprocessableEntity)
        }
        try await LoginThrottle(request: req).admitRegistration()
        try await DataRequests.open(kind, detail: detail, for: user, context: req.context)
        req.setNotice("mydata.request_opened")
        return req.redirect(to: SiteURL.myData, redirectType: .normal)
    }

    func erasureForm(req: Request) async throws -> Response {
        req.page(ErasurePage(page: PageContext(req, title: req.t("erase.title")), form: FormState()))
    }

    func erase(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = try req.content.decode(ErasureInput.self)
        var form = FormState()
        if !(try await LoginThrottle(request: req).confirmPassword(input.password, of: user, step: "erase")) {
            form.errors["password"] = req.t("password.current_wrong")
        }
        if !PersonalDataRights.confirmsErasure(input.confirm) {
            form.errors["confirm"] = req.t("erase.confirm_wrong", PersonalDataRights.erasureWord)
        }
        guard form.isValid else {
            return req.page(
                ErasurePage(page: PageContext(req, title: req.t("erase.title")), form: form),
                status: .unprocessableEntity)
        }
        try await AccountErasure.erase(user, context: req.context)
        req.session.destroy()
        req.setNotice("erase.done")
        return req.redirect(to: SiteURL.home, redirectType: .normal)
    }

    /// Records that the person saw their data (`PersonalDataRights.accessRecordedEvery`).
    private func recordAccess(of user: User, _ req: Request) async throws {
        let recent = try await DataRequest.query(on: req.db).filter(\.$userID == user.id!)
            .filter(\.$kind == .access).filter(
                \.$receivedAt > req.now.addingTimeInterval(-PersonalDataRights.accessRecordedEvery)
            ).count()
        guard recent == 0 else { return }
        let now = req.now
        try await req.context.write { db in
            try await DataRequests.recordServed(.access, for: user, on: db, at: now)
        }
    }

    private func render(_ req: Request, form: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let user = try req.requireUser()
        try await recordAccess(of: user, req)
        var export = try await PersonalDataExport.make(for: user, context: req.context).readable(req.localDateTime)
        // The page speaks the reader's language where the download keeps codes.
        export.account["role"] = req.t("role.\(user.role.rawValue)")
        for flag in ["two_factor", "leaderboard_opt_in"] {
            export.account[flag] = req.t(export.account[flag] == "true" ? "common.yes" : "common.no")
        }
        if let index = export.sections.firstIndex(where: { $0.key == "data_requests" }) {
            export.sections[index].rows = export.sections[index].rows.map { row in
                var row = row
                row["kind"] = row["kind"].map { req.t("mydata.kind.\($0)") }
                return row
            }
        }
        let page = DataPage(
            page: PageContext(req, title: req.t("mydata.title")), export: export,
            canErase: Policy.allows(user.actor, .eraseOwnAccount), form: form)
        let response = req.page(page, status: status)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
