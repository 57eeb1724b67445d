import Fluent
import Foundation
import SigapCore
import Vapor

/// `/dasbor/penghargaan`: the awards given so far, and the form that gives one — a period (the suggestions are
/// the citizens with the most points in it), a title, a citation, recipients chosen from the suggestions or
/// named by phone or e-mail.
struct AwardsAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("dasbor", "penghargaan").requiring(.manageAwards)
        admin.get(use: list)
        admin.post(use: give)
    }

    struct AdminPage {
        let page: PageContext
        let awards:
            [(
                title: String, period: String, url: String,
                certificates: [(number: String, name: String, revoked: Bool)]
            )]
        let periodFrom: String
        let periodTo: String
        let suggestions: [Awards.Suggestion]
        let form: FormState
        let chosen: Set<String>
    }

    func list(req: Request) async throws -> Response {
        try await render(req, FormState(), chosen: [])
    }

    /// The period asked for (`dari`, `sampai`), or this month so far.
    static func period(_ req: Request, form: FormState) -> (String, String) {
        let today = CivilDay(of: req.now, in: req.sigap.config.timeZone)
        let first = CivilDay(year: today.year, month: today.month, day: 1)
        let from = form.values["period_from"] ?? req.query[String.self, at: "dari"] ?? first.description
        let to = form.values["period_to"] ?? req.query[String.self, at: "sampai"] ?? today.description
        return (from, to)
    }

    func render(_ req: Request, _ form: FormState, chosen: Set<String>, status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        let (from, to) = Self.period(req, form: form)
        let reference = try await req.reference()
        var suggestions: [Awards.Suggestion] = []
        if let start = CivilDay(from), let end = CivilDay(to), start <= end {
            suggestions = try await Awards.suggestions(
                from: reference.calendar.startOfDay(start), to: reference.calendar.startOfDay(end.next), on: req.db)
        }
        let awards = try await Award.query(on: req.db).sort(\.$id, .descending).limit(50).all()
        let certificates = try await Certificate.query(on: req.db).filter(\.$awardID ~~ awards.compactMap(\.id)).all()
        return req.page(
            AdminPage(
                page: PageContext(req, title: req.t("award.admin_title")),
                awards: awards.map { a in
                    (
                        a.title, "\(a.periodFrom) – \(a.periodTo)", SiteURL.award(a.id!),
                        certificates.filter { $0.awardID == a.id }.map {
                            ($0.number, $0.recipientName, $0.revokedAt != nil)
                        }
                    )
                }, periodFrom: from, periodTo: to, suggestions: suggestions, form: form, chosen: chosen),
            status: status)
    }

    struct GiveInput: Content {
        var title: String?
        var citation: String?
        var periodFrom: String?
        var periodTo: String?
        var recipients: [UUID]?
        var others: String?

        enum CodingKeys: String, CodingKey {
            case title, citation, others
            case periodFrom = "period_from", periodTo = "period_to", recipients
        }
    }

    func give(req: Request) async throws -> Response {
        let input = try req.content.decode(GiveInput.self)
        do {
            let (award, _) = try await Awards.give(
                .init(
                    title: input.title, citation: input.citation, periodFrom: input.periodFrom,
                    periodTo: input.periodTo,
                    recipientIDs: input.recipients ?? [], others: input.others),
                context: req.context)
            req.setNotice("award.given")
            return req.redirect(to: SiteURL.award(award.id!), redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity {
            var form = FormState(values: [
                "title": input.title ?? "", "citation": input.citation ?? "", "period_from": input.periodFrom ?? "",
                "period_to": input.periodTo ?? "", "others": input.others ?? "",
            ])
            form.errors = error.fields.mapValues { req.t($0) }
            form.error = req.t("error.422")
            return try await render(
                req, form, chosen: Set((input.recipients ?? []).map(\.uuidString)), status: error.status)
        }
    }
}

extension AwardsAdminController.AdminPage: PageView {
    func render(_ page: Page) -> HTML {
        let v = form.values
        return """
            <h1>\(page.t("award.admin_title"))</h1>
            \(some: form.error, { "<p class=\"error\" role=\"alert\">\($0)</p>" })
            <section class="card">
            <h2>\(page.t("award.give"))</h2>
            <form method="get" action="\(SiteURL.awardsAdmin)" class="filters">
              <label>\(page.t("award.period_from"))<input type="date" name="dari" value="\(periodFrom)"></label>
              <label>\(page.t("award.period_to"))<input type="date" name="sampai" value="\(periodTo)"></label>
              <button type="submit" class="secondary">\(page.t("award.suggest"))</button>
            </form>
            <form method="post" action="\(SiteURL.awardsAdmin)">\(page.csrfField)
              <input type="hidden" name="period_from" value="\(periodFrom)"><input type="hidden" name="period_to" value="\(periodTo)">
              \(page.fieldError(form.errors["period_from"] ?? form.errors["period_to"]))
              <fieldset><legend>\(page.t("award.suggestions"))</legend>
              \(when: suggestions.isEmpty, "<p class=\"hint\">\(page.t("award.no_suggestions"))</p>")
              \(each: suggestions, { s in "<label class=\"check\"><input type=\"checkbox\" name=\"recipients[]\" value=\"\(s.userID.uuidString)\"\(when: chosen.contains(s.userID.uuidString), " checked")> \(s.name) · \(page.t("points.total", String(s.points)))</label>" })
              </fieldset>
              \(page.fieldError(form, "recipients"))
              <label>\(page.t("award.others"))<textarea name="others" rows="2" maxlength="2000">\(v["others"] ?? "")</textarea></label>\(page.fieldError(form, "others"))
              <label>\(page.t("award.title_label"))<input name="title" maxlength="150" required value="\(v["title"] ?? page.t("award.default_title"))"></label>\(page.fieldError(form, "title"))
              <label>\(page.t("award.citation"))<textarea name="citation" rows="3" maxlength="1000" required>\(v["citation"] ?? "")</textarea></label>\(page.fieldError(form, "citation"))
              <button type="submit">\(page.t("award.give_button"))</button>
            </form>
            </section>
            <h2>\(page.t("award.given_list"))</h2>
            \(when: awards.isEmpty, "<p>\(page.t("award.none"))</p>")
            <ul>\(each: awards, { a in
                "<li><a href=\"\(a.url)\">\(a.title)</a> <span class=\"hint\">\(a.period)</span><br>\(each: a.certificates, { c in "<a href=\"\(SiteURL.certificate(c.number))\">\(c.number)</a> \(c.name)\(when: c.revoked, " <span class=\"late\">\(page.t("award.revoked"))</span>") · " })</li>"
            })</ul>
            """
    }
}
