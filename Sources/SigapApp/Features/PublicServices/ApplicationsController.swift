import Fluent
import Foundation
import SigapCore
import Vapor

/// A citizen's side of applications — `/layanan/{code}/ajukan` (the form: save a draft or submit),
/// `/permohonan` (their applications) — and the application's page `/permohonan/{nomor}`, shared with the
/// agency staff who handle it: values, documents, history, the steps the viewer may take, and the result
/// (its PDF and signed credential for the applicant only). Anyone else gets 404.
struct ApplicationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let citizen = routes.requiring(.useOwnAccount)
        citizen.get("layanan", ":code", "ajukan", use: form)
        citizen.upload("layanan", ":code", "ajukan", use: save)
        citizen.get("permohonan", use: mine)
        let record = citizen.recordGuarded("the applicant, or Policy.handleApplications on its agency")
        record.get("permohonan", ":number", use: show)
        record.get("permohonan", ":number", "ubah", use: form)
        record.upload("permohonan", ":number", "ubah", use: save)
        record.upload("permohonan", ":number", "tindakan", use: act)
        record.get("permohonan", "berkas", ":id", use: file)
        record.get("permohonan", ":number", "hasil", use: result)
        record.get("permohonan", ":number", "hasil.json", use: resultCredential)
        routes.requiring(.handleApplications(agencyID: nil, desaID: nil)).get("dasbor", "permohonan", use: queue)
    }

    // MARK: the form

    struct FormPage {
        let page: PageContext
        let service: PublicService
        let form: FormState
        let action: String
        let uploaded: Set<String>
        /// A pendamping applying for a citizen: the form asks for the citizen.
        let assisting: Bool
    }

    func form(req: Request) async throws -> Response {
        let user = try req.requireUser()
        if let number = req.parameters.get("number") {
            let (application, service) = try await Self.load(number, req)
            guard application.actsAsApplicant(user.id), application.status == .draft else { throw AppError.notFound() }
            return try await render(
                req, service, FormState(values: Applications.values(of: application, cipher: req.sigap.cipher)),
                number: number)
        }
        guard user.role == .warga || user.role == .pendamping else { throw AppError.forbidden() }
        return try await render(req, try await Self.service(req), FormState(), number: nil)
    }

    func render(
        _ req: Request, _ service: PublicService, _ form: FormState, number: String?, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        var uploaded: Set<String> = []
        if let number,
            let application = try await ServiceApplication.query(on: req.db).filter(\.$number == number).first()
        {
            uploaded = Set(
                try await ApplicationFile.query(on: req.db).filter(\.$applicationID == application.id!).all().map(
                    \.requirementKey))
        }
        return req.page(
            FormPage(
                page: PageContext(req, title: req.t("service.apply") + ": " + service.name), service: service,
                form: form,
                action: number.map { SiteURL.application($0) + "/ubah" } ?? SiteURL.service(service.code) + "/ajukan",
                uploaded: uploaded, assisting: number == nil && req.currentUser?.role == .pendamping),
            status: status)
    }

    func save(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let number = req.parameters.get("number")
        let service: PublicService
        if let number { service = try await Self.load(number, req).1 } else { service = try await Self.service(req) }
        let upload = try await StreamedForm.read(
            req, store: req.context.files, maxFileBytes: FilePurpose.applicationFile.policy.maxBytes,
            maxFiles: max(1, service.requirements.count), tooLarge: "service.file_too_large")
        defer { upload.removeIncoming() }
        let values = try upload.decode([String: String].self)
        let files = try await Self.documents(upload, for: service, req)
        do {
            var assistance: Assistance?
            if user.role == .pendamping, number == nil {
                let problems = AssistedFields.problems(values)
                guard problems.isEmpty else { return try await refused(req, service, values, problems, number: nil) }
                assistance = try await AssistedFiling.assistance(
                    name: values["warga_nama"], phone: values["warga_hp"],
                    desaCode: try await AssistedFiling.desaCode(
                        applyingFor: service, helper: user, context: req.context),
                    context: req.context)
            }
            let application = try await Applications.save(
                number, for: service,
                .init(values: values, files: files, submit: values["kirim"] == "ajukan", assistance: assistance),
                context: req.context)
            req.setNotice(application.status == .draft ? "application.draft_saved" : "application.submitted")
            return req.redirect(to: SiteURL.application(application.number), redirectType: .normal)
        } catch let incomplete as Applications.Incomplete {
            // Kept as a draft: the form now saves to it, and says what is missing.
            return try await refused(req, service, values, incomplete.problems, number: incomplete.number)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await refused(req, service, values, error.fields, number: number)
        }
    }

    private func refused(
        _ req: Request, _ service: PublicService, _ values: [String: String], _ problems: [String: String],
        number: String?
    ) async throws -> Response {
        var form = FormState(values: values)
        form.errors = problems.mapValues { req.t($0) }
        form.error = req.t("error.422")
        return try await render(req, service, form, number: number, status: .unprocessableEntity)
    }

    /// The documents a form sent, one per requirement (`dok_<key>`), checked.
    static func documents(_ upload: StreamedForm, for service: PublicService, _ req: Request) async throws
        -> [(key: String, file: FileStore.CheckedFile)]
    {
        var files: [(key: String, file: FileStore.CheckedFile)] = []
        for requirement in service.requirements {
            if let file = try await upload.checkedPhotos(
                named: "dok_" + requirement.key, for: .applicationFile, context: req.context
            ).first {
                files.append((requirement.key, file))
            }
        }
        return files
    }

    // MARK: lists

    struct ListPage {
        let page: PageContext
        let title: String
        let rows: [(number: String, service: String, status: String, date: String, late: Bool)]
        let empty: String
    }

    func mine(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let applications = try await ServiceApplication.query(on: req.db).filter(\.$applicantID == user.id!)
            .sort(\.$createdAt, .descending).limit(200).all()
        return try await list(
            req, applications, title: req.t("application.mine"), empty: req.t("application.none_mine"))
    }

    func queue(req: Request) async throws -> Response {
        let user = try req.requireUser()
        var query = ServiceApplication.query(on: req.db).filter(\.$status ~~ [.submitted, .inReview, .correction])
        switch user.role {
        case .admin: break
        case .petugasDesa: query = query.filter(\.$desaID == user.$desa.id!)
        default: query = query.filter(\.$agencyID == user.$agency.id!)
        }
        let applications = try await query.sort(\.$dueAt).limit(200).all()
        return try await list(
            req, applications, title: req.t("application.queue"), empty: req.t("application.none_queue"))
    }

    private func list(_ req: Request, _ applications: [ServiceApplication], title: String, empty: String)
        async throws -> Response
    {
        let services = try await PublicService.query(on: req.db).filter(\.$id ~~ Set(applications.map(\.serviceID)))
            .all()
        let names = Dictionary(uniqueKeysWithValues: services.map { ($0.id!, $0.name) })
        return req.page(
            ListPage(
                page: PageContext(req, title: title), title: title,
                rows: applications.map { a in
                    (
                        a.number, names[a.serviceID] ?? "", req.t("application.status.\(a.status.rawValue)"),
                        req.localDate(a.submittedAt ?? a.createdAt),
                        a.late || (a.status.agencyHolds && (a.dueAt.map { $0 < req.now } ?? false))
                    )
                }, empty: empty))
    }

    // MARK: one application

    static func service(_ req: Request) async throws -> PublicService {
        guard let code = req.parameters.get("code"),
            let service = try await PublicService.query(on: req.db).filter(\.$code == code).first(), service.active
        else { throw AppError.notFound() }
        return service
    }

    /// The application and its service, if the viewer is its applicant or handles it; 404 otherwise.
    static func load(_ number: String, _ req: Request) async throws -> (ServiceApplication, PublicService) {
        let user = try req.requireUser()
        guard let application = try await ServiceApplication.query(on: req.db).filter(\.$number == number).first(),
            application.actsAsApplicant(user.id) || Policy.allows(user.actor, application.handling),
            let service = try await PublicService.find(application.serviceID, on: req.db)
        else { throw AppError.notFound() }
        return (application, service)
    }

    struct ApplicationPage {
        let page: PageContext
        let application: ServiceApplication
        let service: PublicService
        let statusLabel: String
        let values: [(String, String)]
        let files: [(label: String, url: String, date: String)]
        let timeline: [TimelineRow]
        let due: String?
        let isApplicant: Bool
        /// The viewer is the pendamping who applied for the citizen (acts as applicant; the credential and the
        /// survey stay the citizen's).
        let isAssistant: Bool
        let handles: Bool
        let possible: Set<ApplicationAction>
    }

    func show(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let number = req.parameters.get("number") else { throw AppError.notFound() }
        let (application, service) = try await Self.load(number, req)
        let isApplicant = application.actsAsApplicant(user.id)
        let handles = Policy.allows(user.actor, application.handling)
        let actor = ApplicationActor(isApplicant: isApplicant, handles: handles)
        let possible = Set(
            ApplicationAction.allCases.filter { action in
                if case .success = ApplicationWorkflow.apply(
                    action, from: application.status, by: actor, hasText: true, hasResult: true)
                {
                    return action != .submit  // a draft is submitted from its form
                }
                return false
            })
        let values = Applications.values(of: application, cipher: req.sigap.cipher)
        let files = try await ApplicationFile.query(on: req.db).filter(\.$applicationID == application.id!)
            .sort(\.$createdAt).all()
        let history = try await HistoryEvent.of(application.subject, on: req.db).all()
            .filter { $0.visibility != .staff || handles }
        return req.page(
            ApplicationPage(
                page: PageContext(req, title: number), application: application, service: service,
                statusLabel: req.t("application.status.\(application.status.rawValue)"),
                values: service.fields.map { ($0.label, values[$0.key] ?? "") },
                files: files.map { f in
                    (
                        service.requirements.first { $0.key == f.requirementKey }?.label ?? f.requirementKey,
                        SiteURL.myApplications + "/berkas/\(f.id!)", req.localDateTime(f.createdAt)
                    )
                },
                timeline: history.map { e in
                    TimelineRow(
                        at: req.localDateTime(e.occurredAt), label: req.t("event.\(e.kind.rawValue)"), text: e.body,
                        restricted: e.visibility == .staff)
                },
                due: application.dueAt.map(req.localDateTime), isApplicant: isApplicant,
                isAssistant: application.assistedByID != nil && application.assistedByID == user.id, handles: handles,
                possible: possible))
    }

    struct ActInput: Content {
        var action: String?
        var text: String?
    }

    func act(req: Request) async throws -> Response {
        guard let number = req.parameters.get("number") else { throw AppError.notFound() }
        let (_, service) = try await Self.load(number, req)
        let upload = try await StreamedForm.read(
            req, store: req.context.files, maxFileBytes: FilePurpose.applicationFile.policy.maxBytes,
            maxFiles: max(1, service.requirements.count) + 1, tooLarge: "service.file_too_large")
        defer { upload.removeIncoming() }
        let input = try upload.decode(ActInput.self)
        guard let action = input.action.flatMap(ApplicationAction.init(rawValue:)) else {
            throw AppError.invalid(["action": "application.action_unknown"])
        }
        let result = try await upload.checkedPhotos(named: "hasil", for: .applicationResult, context: req.context).first
        let files = try await Self.documents(upload, for: service, req)
        do {
            _ = try await Applications.act(
                action, on: number, text: input.text, result: result, files: files, context: req.context)
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            req.setNotice(error.fields.values.first ?? error.messageKey)
            return req.redirect(to: SiteURL.application(number), redirectType: .normal)
        }
        req.setNotice("application.done.\(action.rawValue)")
        return req.redirect(to: SiteURL.application(number), redirectType: .normal)
    }

    func file(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let row = try await ApplicationFile.find(req.parameters.get("id"), on: req.db),
            let application = try await ServiceApplication.find(row.applicationID, on: req.db),
            application.actsAsApplicant(user.id) || Policy.allows(user.actor, application.handling)
        else { throw AppError.notFound() }
        return try await req.streamUpload(
            row.storedName, .applicationFile, contentType: row.contentType, cache: "private")
    }

    /// The result PDF: its applicant only, or the pendamping who applied for them and prints it for them (the staff
    /// who approved it have it already).
    func result(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let number = req.parameters.get("number") else { throw AppError.notFound() }
        let (application, _) = try await Self.load(number, req)
        guard application.actsAsApplicant(user.id), let name = application.resultStoredName else {
            throw AppError.notFound()
        }
        return try await req.streamUpload(name, .applicationResult, contentType: "application/pdf", cache: "private")
    }

    func resultCredential(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let number = req.parameters.get("number") else { throw AppError.notFound() }
        let (application, service) = try await Self.load(number, req)
        guard application.applicantID == user.id,
            let signed = try ServiceResults.signed(
                application, service: service, applicantName: user.name, site: req.sigap.config.baseURL,
                issuerName: req.sigap.config.region.name)
        else { throw AppError.notFound() }
        let response = Response(status: .ok, body: .init(string: JCS.canonical(signed)))
        response.headers.replaceOrAdd(name: .contentType, value: "application/vc")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(number).json\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return response
    }
}
