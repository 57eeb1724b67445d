import Fluent
import SigapCore
import Vapor

/// `/dasbor/wbs`: the inspectorate's cases. Only `inspektorat` accounts get anything here; every other visitor,
/// administrators included, gets 404 as if the pages did not exist. Every read, download, status change,
/// assignment and message is audited (who, when, which case).
struct WBSInspectorateController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let wbs = routes.grouped("dasbor", "wbs").requiring(.workWBSCases, hidden: true)
        wbs.get(use: list)
        wbs.get(":id", use: show)
        wbs.post(":id", "status", use: changeStatus)
        wbs.post(":id", "pesan", use: message)
        wbs.post(":id", "tugaskan", use: assign)
        wbs.get(":id", "berkas", ":file", use: download)
    }

    struct Row {
        let id: String
        let type: String
        let status: String
        let filedOn: String
        let updatedOn: String
        let assignee: String?
    }

    struct ListPage {
        let page: PageContext
        let cases: [Row]?
    }

    func list(req: Request) async throws -> Response {
        let cases = try await WBSCase.query(on: req.db).sort(\.$updatedOn, .descending).limit(200).all()
        let staff = try await inspectors(req)
        let rows = cases.map {
            Row(
                id: $0.id!.uuidString, type: req.t("wbs.type.\($0.type.rawValue)"),
                status: req.t("wbs.status.\($0.status.rawValue)"), filedOn: req.localDay($0.filedOn),
                updatedOn: req.localDay($0.updatedOn),
                assignee: $0.assignedTo.flatMap { id in staff.first { $0.id == id }?.name })
        }
        try await audit("wbs.listed", nil, req)
        return req.page(
            ListPage(page: PageContext(req, title: req.t("wbs.inspectorate_title")), cases: rows.nilIfEmpty))
    }

    struct CasePage {
        let page: PageContext
        let id: String
        let type: String
        let status: String
        let content: WBSContent
        let identity: String?
        let declineReason: String?
        let messages: [WBSReporterController.MessageRow]
        let files: [FileRow]?
        let statuses: [Choice]
        let inspectors: [Choice]
        let assignee: String
        let form: FormState
    }

    struct FileRow {
        let url: String
        let name: String
        let fromReporter: Bool
        let on: String
    }

    func show(req: Request) async throws -> Response {
        let wbsCase = try await find(req)
        try await audit("wbs.read", wbsCase, req)
        return try await render(req, wbsCase, FormState())
    }

    struct StatusInput: Content {
        var status: String?
        var reason: String?
    }

    func changeStatus(req: Request) async throws -> Response {
        let wbsCase = try await find(req)
        let input = try req.content.decode(StatusInput.self)
        var form = FormState(values: ["reason": input.reason ?? ""])
        guard let next = input.status.flatMap(WBSStatus.init(rawValue:)), wbsCase.status.canMove(to: next) else {
            form.errors["status"] = req.t("wbs.status_invalid")
            return try await render(req, wbsCase, form, status: .unprocessableEntity)
        }
        let reason = input.reason?.trimmedOrNil
        if next.needsReason, reason == nil {
            form.errors["reason"] = req.t("wbs.reason_required")
            return try await render(req, wbsCase, form, status: .unprocessableEntity)
        }
        let key = try req.sigap.wbs.unwrap(wbsCase.wrappedKey)
        wbsCase.status = next
        wbsCase.updatedOn = WBSStore.day(req.now, req.context)
        if next.isClosed { wbsCase.closedOn = wbsCase.updatedOn }
        if next.needsReason, let reason {
            wbsCase.declineReasonCipher = try req.sigap.wbs.sealText(String(reason.prefix(2000)), with: key)
        }
        try await saveAudited(wbsCase, "wbs.status_changed", detail: next.rawValue, req)
        return back(to: wbsCase, req)
    }

    struct MessageInput: Content { var text: String? }

    func message(req: Request) async throws -> Response {
        let wbsCase = try await find(req)
        let input = try req.content.decode(MessageInput.self)
        guard let text = input.text?.trimmedOrNil, text.count <= 8000 else {
            var form = FormState()
            form.errors["text"] = req.t("wbs.message_required")
            return try await render(req, wbsCase, form, status: .unprocessableEntity)
        }
        try await WBSStore.addMessage(text, to: wbsCase, fromReporter: false, author: req.currentUser, req.context)
        return back(to: wbsCase, req)
    }

    struct AssignInput: Content { var inspector: UUID? }

    func assign(req: Request) async throws -> Response {
        let wbsCase = try await find(req)
        let input = try req.content.decode(AssignInput.self)
        guard let id = input.inspector, try await inspectors(req).contains(where: { $0.id == id }) else {
            throw AppError.invalid(["inspector": "wbs.inspector_unknown"])
        }
        wbsCase.assignedTo = id
        try await saveAudited(wbsCase, "wbs.assigned", detail: id.uuidString, req)
        return back(to: wbsCase, req)
    }

    func download(req: Request) async throws -> Response {
        let wbsCase = try await find(req)
        guard let file = try await WBSFile.find(req.parameters.get("file"), on: req.db), file.caseID == wbsCase.id
        else { throw AppError.notFound() }
        let data = try WBSStore.read(file, of: wbsCase, req.context)
        try await audit("wbs.file_downloaded", wbsCase, req, detail: file.id!.uuidString)
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: file.contentType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"bukti\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'none'; sandbox")
        return response
    }

    // MARK: - helpers

    private func find(_ req: Request) async throws -> WBSCase {
        guard let found = try await WBSCase.find(req.parameters.get("id"), on: req.db) else {
            throw AppError.notFound()
        }
        return found
    }

    private func inspectors(_ req: Request) async throws -> [User] {
        try await User.query(on: req.db).filter(\.$role == .inspektorat).filter(\.$disabledAt == nil).sort(\.$name)
            .all()
    }

    /// Reading is audited too: who opened which case, when.
    private func audit(_ action: String, _ wbsCase: WBSCase?, _ req: Request, detail: String = "") async throws {
        try await AuditLog.record(
            action, actor: req.currentUser, subjectType: "wbs_case", subjectID: wbsCase?.id?.uuidString, detail: detail,
            on: req.writeDB, at: req.now)
    }

    /// Saves a change to the case with its audit entry, in one transaction.
    private func saveAudited(_ wbsCase: WBSCase, _ action: String, detail: String, _ req: Request) async throws {
        let (actor, now) = (req.currentUser, req.now)
        try await req.context.write { db in
            try await wbsCase.save(on: db)
            try await AuditLog.record(
                action, actor: actor, subjectType: "wbs_case", subjectID: wbsCase.id?.uuidString, detail: detail,
                on: db, at: now)
        }
    }

    private func back(to wbsCase: WBSCase, _ req: Request) -> Response {
        req.setNotice("admin.saved")
        return req.redirect(to: SiteURL.wbsCase(wbsCase.id!.uuidString), redirectType: .normal)
    }

    private func render(_ req: Request, _ wbsCase: WBSCase, _ form: FormState, status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        let opened = try await WBSStore.open(wbsCase, req.context)
        let staff = try await inspectors(req)
        return req.page(
            CasePage(
                page: PageContext(req, title: req.t("wbs.case_title")), id: wbsCase.id!.uuidString,
                type: req.t("wbs.type.\(wbsCase.type.rawValue)"),
                status: req.t("wbs.status.\(wbsCase.status.rawValue)"),
                content: opened.content, identity: opened.identity, declineReason: opened.declineReason,
                messages: opened.messages.map { .init(mine: !$0.fromReporter, on: req.localDay($0.on), text: $0.text) },
                files: opened.files.map {
                    FileRow(
                        url: SiteURL.wbsFile(wbsCase.id!.uuidString, $0.id.uuidString), name: $0.name,
                        fromReporter: $0.fromReporter, on: req.localDay($0.on))
                }.nilIfEmpty,
                statuses: WBSStatus.allCases.filter { wbsCase.status.canMove(to: $0) }.map {
                    Choice(value: $0.rawValue, label: req.t("wbs.status.\($0.rawValue)"))
                },
                inspectors: staff.map { Choice(value: $0.id!.uuidString, label: $0.name) },
                assignee: wbsCase.assignedTo?.uuidString ?? "", form: form),
            status: status)
    }
}
