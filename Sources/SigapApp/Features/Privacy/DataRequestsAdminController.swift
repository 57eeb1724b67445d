import Fluent
import SigapCore
import Vapor

/// `/dasbor/admin/privasi`: personal-data requests. Open ones first, oldest first, with their age and whether
/// the 3 × 24 hours have passed; then the last answered ones with how long each took — what an administrator
/// shows an auditor. Admin only.
struct DataRequestsAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("dasbor", "admin", "privasi").requiring(.handleDataRequests)
        admin.get(use: list)
        admin.post(":id", "jawab", use: answer)
    }

    struct RequestRow {
        let id: String
        let kind: String
        let person: String
        let detail: String
        let receivedAt: String
        let ageHours: Int
        let late: Bool
        let answeredAt: String?
        let answer: String?
    }

    struct AdminPage {
        let page: PageContext
        let open: [RequestRow]
        let answered: [RequestRow]
        let form: FormState
    }

    struct AnswerInput: Content { var answer: String? }

    func list(req: Request) async throws -> Response {
        try await render(req, form: FormState())
    }

    func answer(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        let text = try req.content.decode(AnswerInput.self).answer
        var form = FormState(values: ["id": id.uuidString, "answer": text ?? ""])
        form.requireText(
            "answer", text, maxLength: DataRequests.detailLimit,
            message: req.t("mydata.request_detail_invalid", String(DataRequests.detailLimit)))
        guard form.isValid, let text = text?.trimmedOrNil else {
            return try await render(req, form: form, status: .unprocessableEntity)
        }
        switch try await DataRequests.answer(id, with: text, context: req.context) {
        case .notFound: throw Abort(.notFound)
        case .alreadyAnswered: req.setNotice("mydata.request_already_answered")
        case .answered: req.setNotice("mydata.request_answered")
        }
        return req.redirect(to: SiteURL.dataRequestsAdmin, redirectType: .normal)
    }

    private func render(_ req: Request, form: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let now = req.now
        let open = try await DataRequest.query(on: req.db).filter(\.$answeredAt == nil).sort(\.$receivedAt)
            .limit(200).all()
        let answered = try await DataRequest.query(on: req.db).filter(\.$answeredAt != nil)
            .sort(\.$answeredAt, .descending).limit(50).all()
        let people = try await User.query(on: req.db).filter(\.$id ~~ Set((open + answered).compactMap(\.userID)))
            .all().reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        func row(_ request: DataRequest) -> RequestRow {
            RequestRow(
                id: request.id!.uuidString, kind: req.t("mydata.kind.\(request.kind.rawValue)"),
                person: request.userID.flatMap { people[$0] } ?? "–", detail: request.detail,
                receivedAt: req.localDateTime(request.receivedAt),
                ageHours: PersonalDataRights.ageHours(
                    receivedAt: request.receivedAt, now: request.answeredAt ?? now),
                late: PersonalDataRights.isLate(
                    receivedAt: request.receivedAt, answeredAt: request.answeredAt, now: now),
                answeredAt: request.answeredAt.map(req.localDateTime), answer: request.answer)
        }
        let page = AdminPage(
            page: PageContext(req, title: req.t("mydata.admin_title")), open: open.map(row),
            answered: answered.map(row), form: form)
        return req.page(page, status: status)
    }
}

extension DataRequestsAdminController.AdminPage: PageView {
    func render(_ page: Page) -> HTML {
        let late: HTML = " <strong class=\"late\">\(page.t("mydata.late"))</strong>"
        return """
            <h1>\(page.t("mydata.admin_title"))</h1>
            <p>\(page.t("mydata.admin_intro"))</p>
            <h2>\(page.t("mydata.admin_open")) (\(open.count))</h2>
            \(when: open.isEmpty, "<p>\(page.t("mydata.requests_none"))</p>")
            \(each: open, { r in
                """
                <section class="card">
                  <p><strong>\(r.kind)</strong> · \(r.person) · \(r.receivedAt) · \(page.t("mydata.age_hours", String(r.ageHours)))\(when: r.late, late)</p>
                  <p>\(r.detail)</p>
                  <form method="post" action="\(SiteURL.dataRequestsAdmin)/\(r.id)/jawab" novalidate>
                    \(page.csrfField)
                    <label>\(page.t("mydata.answer"))<textarea name="answer" maxlength="\(DataRequests.detailLimit)" required>\(when: form.values["id"] == r.id, HTML("\(form.values["answer"] ?? "")"))</textarea></label>
                    \(when: form.values["id"] == r.id, page.fieldError(form, "answer"))
                    <button type="submit">\(page.t("mydata.answer_send"))</button>
                  </form>
                </section>
                """
            })
            <h2>\(page.t("mydata.admin_answered"))</h2>
            \(DataTable.render(columns: [
                page.t("mydata.column.kind"), page.t("mydata.person"), page.t("mydata.column.received_at"),
                page.t("mydata.column.answered_at"), page.t("mydata.took_hours"), page.t("mydata.column.answer"),
            ], rows: answered) { r in
                ["\(r.kind)", "\(r.person)", "\(r.receivedAt)", "\(r.answeredAt ?? "–")", "\(r.ageHours)\(when: r.late, late)", "\(r.answer ?? "–")"]
            })
            """
    }
}
