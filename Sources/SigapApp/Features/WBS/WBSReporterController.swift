import Fluent
import SigapCore
import Vapor

/// `/wbs`: the whistleblowing channel for reporters. No account, no cookie (CSRF protection is for forms that
/// ride on a cookie; these forms carry their only credential, the receipt, in the body), no address or user
/// agent stored or logged. The receipt is never in a URL: following a case is a POST.
struct WBSReporterController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let wbs = routes.grouped("wbs").open("the anonymous channel: a case opens only with its receipt")
        wbs.get(use: form)
        wbs.upload(use: submit)
        wbs.get("lanjut", use: followForm)
        wbs.upload("lanjut", use: follow)
    }

    struct FormPage {
        let page: PageContext
        let types: [Choice]
        let form: FormState
    }

    struct ReceiptPage {
        let page: PageContext
        let receipt: String
    }

    struct CasePage {
        let page: PageContext
        let receipt: String
        let status: String
        let declineReason: String?
        let messages: [MessageRow]
        let identityRevealed: Bool
        let form: FormState
        /// What the reporter sent, decrypted for the holder of the receipt only.
        let reported: Reported
    }

    struct Reported {
        let type: String
        let filedOn: String
        let content: WBSContent
    }

    struct MessageRow {
        let mine: Bool
        let on: String
        let text: String
    }

    struct SubmitInput: Content {
        var type: String?
        var official: String?
        var when: String?
        var place: String?
        var what: String?
        var contact: String?
        var identity: String?
    }

    func form(req: Request) async throws -> Response {
        try await render(req, FormState())
    }

    /// The upload of a form: evidence files go to disk as they arrive (`StreamedForm`).
    static func upload(_ req: Request) async throws -> StreamedForm {
        try await StreamedForm.read(
            req, store: req.context.files, maxFileBytes: FilePurpose.wbsEvidence.policy.maxBytes,
            maxFiles: FilePurpose.wbsEvidence.policy.maxFiles, tooLarge: "wbs.file_too_large")
    }

    func submit(req: Request) async throws -> Response {
        let upload = try await Self.upload(req)
        defer { upload.removeIncoming() }
        let input = try upload.decode(SubmitInput.self)
        var form = FormState(values: [
            "type": input.type ?? "", "official": input.official ?? "", "when": input.when ?? "",
            "place": input.place ?? "", "what": input.what ?? "", "contact": input.contact ?? "",
            "identity": input.identity ?? "",
        ])
        let type = input.type.flatMap(WBSType.init(rawValue:))
        if type == nil { form.errors["type"] = req.t("wbs.type_required") }
        form.requireText("what", input.what, maxLength: 8000, message: req.t("wbs.what_required"))
        for (field, limit) in [("official", 200), ("when", 200), ("place", 300), ("contact", 200), ("identity", 500)]
        where (form.values[field] ?? "").count > limit {
            form.errors[field] = req.t("wbs.too_long", String(limit))
        }
        if upload.files(named: "evidence").count > WBSStore.maxFiles {
            form.errors["evidence"] = req.t("wbs.too_many_files")
        }
        let evidence = try Self.evidence(upload, form: &form, req)
        guard form.isValid, let type else { return try await render(req, form, status: .unprocessableEntity) }
        let content = WBSContent(
            official: input.official?.trimmedOrNil ?? "", when: input.when?.trimmedOrNil ?? "",
            place: input.place?.trimmedOrNil ?? "", what: input.what!.trimmedOrNil!,
            contact: input.contact?.trimmedOrNil ?? "")
        let receipt = try await WBSStore.file(
            type: type, content: content, identity: input.identity?.trimmedOrNil, evidence: evidence,
            req.context.acting(as: nil))
        return req.page(
            ReceiptPage(
                page: PageContext(anonymous: req, title: req.t("wbs.receipt_title")),
                receipt: WBSReceipt.grouped(receipt)),
            status: .created)
    }

    func followForm(req: Request) async throws -> Response {
        req.page(FollowPage(page: PageContext(anonymous: req, title: req.t("wbs.follow_title")), error: nil))
    }

    struct FollowPage {
        let page: PageContext
        let error: String?
    }

    struct FollowInput: Content {
        var receipt: String?
        var message: String?
        var identity: String?
    }

    /// Opens the case for the receipt in the body; with a message, identity or files, adds them first.
    func follow(req: Request) async throws -> Response {
        let upload = try await Self.upload(req)
        defer { upload.removeIncoming() }
        let input = try upload.decode(FollowInput.self)
        let context = req.context.acting(as: nil)
        let throttle = req.sigap.wbsThrottle
        let address = req.clientAddress
        if let wait = throttle.retryAfter(address: address, now: req.now) {
            throw AppError.tooManyAttempts(retryAfter: wait)
        }
        let typed = input.receipt ?? ""
        guard let wbsCase = try await throttle.checking({ try await WBSStore.find(receipt: typed, context) }) else {
            throttle.recordFailure(address: address, now: req.now)
            return req.page(
                FollowPage(
                    page: PageContext(anonymous: req, title: req.t("wbs.follow_title")),
                    error: req.t("wbs.receipt_unknown")),
                status: .notFound)
        }
        var form = FormState()
        if let text = input.message?.trimmedOrNil {
            if text.count > 8000 {
                form.errors["message"] = req.t("wbs.too_long", "8000")
            } else if !wbsCase.status.isClosed {
                try await WBSStore.addMessage(text, to: wbsCase, fromReporter: true, author: nil, context)
            }
        }
        if let identity = input.identity?.trimmedOrNil, wbsCase.identityCipher == nil, identity.count <= 500 {
            // Revealing is a one-way door: once given, the identity stays with the case.
            let key = try req.sigap.wbs.unwrap(wbsCase.wrappedKey)
            wbsCase.identityCipher = try req.sigap.wbs.sealText(identity, with: key)
            try await wbsCase.save(on: context.writer)
        }
        let evidence = try Self.evidence(upload, form: &form, req)
        if !evidence.isEmpty, !wbsCase.status.isClosed {
            try await WBSStore.store(
                evidence, for: wbsCase, key: try req.sigap.wbs.unwrap(wbsCase.wrappedKey), fromReporter: true, context)
        }
        let opened = try await WBSStore.open(wbsCase, context)
        return req.page(
            CasePage(
                page: PageContext(anonymous: req, title: req.t("wbs.case_title")), receipt: input.receipt ?? "",
                status: req.t("wbs.status.\(wbsCase.status.rawValue)"), declineReason: opened.declineReason,
                messages: opened.messages.map {
                    MessageRow(mine: $0.fromReporter, on: req.localDay($0.on), text: $0.text)
                },
                identityRevealed: opened.identity != nil, form: form,
                reported: Reported(
                    type: req.t("wbs.type.\(wbsCase.type.rawValue)"), filedOn: req.localDay(wbsCase.filedOn),
                    content: opened.content)))
    }

    /// The first `WBSStore.maxFiles` uploads as evidence (images scrubbed), with a message on the form for a file
    /// of the wrong type; 413 above 10 MB.
    static func evidence(_ upload: StreamedForm, form: inout FormState, _ req: Request) throws -> [WBSStore.Evidence] {
        var evidence: [WBSStore.Evidence] = []
        let store = req.context.files
        for file in upload.files(named: "evidence").prefix(WBSStore.maxFiles) {
            do {
                guard file.byteCount <= FilePurpose.wbsEvidence.policy.maxBytes,
                    let data = FileManager.default.contents(atPath: file.path)
                else { throw FileProblem.tooLarge }
                evidence.append(try WBSStore.prepare(file.filename, data, store: store))
            } catch let problem as FileProblem where problem == .tooLarge {
                throw AppError(status: .payloadTooLarge, code: "payload_too_large", messageKey: "wbs.file_too_large")
            } catch {
                form.errors["evidence"] = req.t("wbs.file_type")
            }
        }
        return evidence
    }

    private func render(_ req: Request, _ form: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        req.page(
            FormPage(
                page: PageContext(anonymous: req, title: req.t("wbs.title")),
                types: WBSType.allCases.map { Choice(value: $0.rawValue, label: req.t("wbs.type.\($0.rawValue)")) },
                form: form),
            status: status)
    }
}
