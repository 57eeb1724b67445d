import Fluent
import Foundation
import SigapCore
import Vapor

/// `/latihan`: joining a practice session with its code, the participant's practice entries and survey, and
/// leaving; `/latihan/kelola`: facilitators open sessions, watch what participants did, and close them.
struct PracticeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.open("anyone at a sosialisasi joins with the session's code")
        open.get("latihan", use: home)
        open.post("latihan", use: join)
        open.post("latihan", "keluar", use: leave)
        open.get("latihan", "hasil", ":id", use: entry)
        open.get("latihan", "survei", use: surveyForm)
        open.post("latihan", "survei", use: survey)
        let facilitators = routes.requiring(.runPracticeSessions)
        facilitators.get("latihan", "kelola", use: sessions)
        facilitators.post("latihan", "kelola", use: openSession)
        facilitators.get("latihan", "kelola", ":id", use: session)
        facilitators.post("latihan", "kelola", ":id", "tutup", use: close)
    }

    struct HomePage {
        let page: PageContext
        let participant: PracticeSessions.Participant?
        let entries: [PracticeEntry]
        let form: FormState
    }

    struct EntryPage {
        let page: PageContext
        let entry: PracticeEntry
    }

    struct SessionRow {
        let id: Int
        let title: String
        let place: String
        let when: String
        let code: String
        let closed: Bool
    }

    struct SessionsPage {
        let page: PageContext
        let sessions: [SessionRow]
        let form: FormState
    }

    struct SessionPage {
        let page: PageContext
        let session: SessionRow
        let entries: [PracticeEntry]
    }

    static func row(_ s: PracticeSession, _ req: Request) -> SessionRow {
        SessionRow(
            id: s.id!, title: s.title, place: s.place,
            when: req.localDateTime(s.startsAt) + " – " + req.localDateTime(s.endsAt), code: s.code,
            closed: s.closedAt != nil)
    }

    struct JoinInput: Content {
        var code: String?
        var name: String?
    }

    func home(req: Request) async throws -> Response {
        try await renderHome(req, FormState())
    }

    private func renderHome(_ req: Request, _ form: FormState, status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let participant = req.practiceParticipant
        var entries: [PracticeEntry] = []
        if let participant {
            entries = try await PracticeEntry.query(on: req.db).filter(\.$sessionID == participant.sessionID)
                .filter(\.$participantKey == participant.key).sort(\.$id).all()
        }
        return req.page(
            HomePage(
                page: PageContext(req, title: req.t("practice.title")), participant: participant, entries: entries,
                form: form), status: status)
    }

    func join(req: Request) async throws -> Response {
        let input = try req.content.decode(JoinInput.self)
        do {
            let session = try await PracticeSessions.join(
                code: input.code, name: input.name, address: req.clientAddress, context: req.context)
            req.session.data[PracticeKeys.session] = String(session.id!)
            req.session.data[PracticeKeys.secret] = SecretToken.urlSafe(bytes: 18)
            req.session.data[PracticeKeys.name] = ReportChecks.clean(input.name)
            req.session.data[PracticeKeys.title] = session.title
            req.setNotice("practice.joined")
            return req.redirect(to: SiteURL.practice, redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity {
            var form = FormState(values: ["code": input.code ?? "", "name": input.name ?? ""])
            form.errors = error.fields.mapValues { req.t($0) }
            return try await renderHome(req, form, status: .unprocessableEntity)
        }
    }

    func leave(req: Request) -> Response {
        for key in [PracticeKeys.session, PracticeKeys.secret, PracticeKeys.name, PracticeKeys.title] {
            req.session.data[key] = nil
        }
        req.setNotice("practice.left")
        return req.redirect(to: SiteURL.practice, redirectType: .normal)
    }

    /// A practice entry: its participant sees it, and the session's facilitator (and admins).
    func entry(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: Int.self), let entry = try await PracticeEntry.find(id, on: req.db)
        else { throw AppError.notFound() }
        let isParticipant = req.practiceParticipant.map { $0.key == entry.participantKey } ?? false
        if !isParticipant { _ = try await PracticeSessions.owned(entry.sessionID, context: req.context) }
        return req.page(EntryPage(page: PageContext(req, title: req.t("practice.entry_title")), entry: entry))
    }

    func surveyForm(req: Request) throws -> Response {
        guard req.practiceParticipant != nil else { return req.redirect(to: SiteURL.practice) }
        return req.page(
            SurveyController.FormPage(
                page: PageContext(req, title: req.t("survey.title")), title: req.t("practice.survey_subject"),
                action: SiteURL.practice + "/survei", answered: false, form: FormState()))
    }

    /// A practice survey: the nine SKM elements answered as in the real survey, kept in the session.
    func survey(req: Request) async throws -> Response {
        guard let participant = req.practiceParticipant else { return req.redirect(to: SiteURL.practice) }
        let input = try req.content.decode(SurveyController.Input.self)
        let scores = [input.u1, input.u2, input.u3, input.u4, input.u5, input.u6, input.u7, input.u8, input.u9]
        let given = Dictionary(
            zip(SatisfactionSurvey.Element.allCases, scores).compactMap { e, s in s.map { (e, $0) } },
            uniquingKeysWith: { first, _ in first })
        guard let answer = SatisfactionSurvey.Answer(given) else {
            var form = FormState()
            form.error = req.t("survey.scores_required")
            return req.page(
                SurveyController.FormPage(
                    page: PageContext(req, title: req.t("survey.title")), title: req.t("practice.survey_subject"),
                    action: SiteURL.practice + "/survei", answered: false, form: form), status: .unprocessableEntity)
        }
        let answers = SatisfactionSurvey.Element.allCases.map { ($0.wording.0, String(answer.scores[$0]!)) }
        let entry = try await PracticeSessions.record(
            .survei, title: req.t("practice.survey_subject"), summary: answers + [("Saran", input.comment ?? "")],
            by: participant, context: req.context)
        return req.redirect(to: SiteURL.practiceEntry(entry.id!), redirectType: .normal)
    }

    // MARK: facilitators

    struct SessionInput: Content {
        var title: String?
        var place: String?
        var start: String?
        var end: String?
    }

    func sessions(req: Request) async throws -> Response {
        try await renderSessions(req, FormState())
    }

    private func renderSessions(_ req: Request, _ form: FormState, status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let user = try req.requireUser()
        var query = PracticeSession.query(on: req.db).sort(\.$id, .descending).limit(50)
        if user.role != .admin { query = query.filter(\.$facilitatorID == user.id!) }
        return req.page(
            SessionsPage(
                page: PageContext(req, title: req.t("practice.admin_title")),
                sessions: try await query.all().map { Self.row($0, req) }, form: form), status: status)
    }

    func openSession(req: Request) async throws -> Response {
        let input = try req.content.decode(SessionInput.self)
        do {
            let session = try await PracticeSessions.open(
                .init(
                    title: input.title, place: input.place, start: PortalAdminController.moment(input.start, req),
                    end: PortalAdminController.moment(input.end, req)), context: req.context)
            return req.redirect(to: SiteURL.practiceSession(session.id!), redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity {
            var form = FormState(values: [
                "title": input.title ?? "", "place": input.place ?? "", "start": input.start ?? "",
                "end": input.end ?? "",
            ])
            form.errors = error.fields.mapValues { req.t($0) }
            return try await renderSessions(req, form, status: .unprocessableEntity)
        }
    }

    func session(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: Int.self) else { throw AppError.notFound() }
        let session = try await PracticeSessions.owned(id, context: req.context)
        return req.page(
            SessionPage(
                page: PageContext(req, title: session.title), session: Self.row(session, req),
                entries: try await PracticeSessions.entries(of: session, on: req.db)))
    }

    func close(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: Int.self) else { throw AppError.notFound() }
        _ = try await PracticeSessions.close(id, context: req.context)
        req.setNotice("practice.closed_notice")
        return req.redirect(to: SiteURL.practiceSession(id), redirectType: .normal)
    }
}
