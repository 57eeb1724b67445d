import Fluent
import Foundation
import SigapCore

extension SurveyController.FormPage: PageView {
    func render(_ page: Page) -> HTML {
        if answered {
            return "<h1>\(page.t("survey.title"))</h1><p>\(title)</p><p>\(page.t("survey.already"))</p>"
        }
        return """
            <h1>\(page.t("survey.title"))</h1>
            <p><strong>\(title)</strong></p>
            <p class="hint">\(page.t("survey.intro"))</p>
            \(some: form.error, { "<p class=\"error\" role=\"alert\">\($0)</p>" })
            <form method="post" action="\(action)">\(page.csrfField)
            \(each: SatisfactionSurvey.Element.allCases, { e in
                let (name, question, answers) = e.wording
                return """
                    <fieldset class="survey"><legend>\(e.code). \(name)</legend><p>\(question)</p>
                    \(each: Array(answers.enumerated()), { a in "<label class=\"check\"><input type=\"radio\" name=\"u\(String(e.rawValue))\" value=\"\(String(a.offset + 1))\" required> \(a.element)</label>" })
                    </fieldset>
                    """
            })
            <details><summary>\(page.t("survey.profile"))</summary>
              <label>\(page.t("survey.age"))<input name="age" inputmode="numeric" maxlength="3"></label>
              <label>\(page.t("survey.sex"))<select name="sex"><option value="">—</option><option value="L">\(page.t("survey.sex_l"))</option><option value="P">\(page.t("survey.sex_p"))</option></select></label>
              <label>\(page.t("survey.education"))<select name="education"><option value="">—</option>\(each: ["SD", "SMP", "SMA", "D1–D3", "S1", "S2", "S3"], { "<option>\($0)</option>" })</select></label>
              <label>\(page.t("survey.occupation"))<input name="occupation" maxlength="60"></label>
            </details>
            <label>\(page.t("survey.comment"))<textarea name="comment" rows="3" maxlength="2000"></textarea></label>
            <button type="submit">\(page.t("survey.send"))</button>
            </form>
            """
    }
}

extension SurveyController.PosterPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <article class="certificate poster">
          <p class="issuer">\(page.frame.region.name)</p>
          <h1>\(page.t("survey.poster_heading"))</h1>
          <p class="recipient">\(service)</p>
          \(some: qr, { QRView.render($0, label: page.t("survey.poster_qr")) })
          <p>\(page.t("survey.poster_scan"))<br><strong>\(url)</strong></p>
        </article>
        <p class="hint no-print">\(page.t("award.print_hint"))</p>
        """
    }
}

extension SurveyController.IndexPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("survey.index_title"))</h1>
        <form method="get" action="\(SiteURL.satisfactionIndex)" class="filters"><label>\(page.t("search.year"))<input type="number" name="tahun" min="2000" max="2100" value="\(String(year))"></label><button type="submit" class="secondary">\(page.t("report.filter"))</button></form>
        <p class="hint">\(page.t("survey.method"))</p>
        <h2>\(page.t("survey.per_agency"))</h2>
        \(Surveys.render(agencies, page))
        <h2>\(page.t("survey.per_service"))</h2>
        \(Surveys.render(services, page))
        """
    }
}

extension Surveys {
    /// The index table: per unit its IKM, grade, respondents against the recommended sample, weakest elements.
    static func render(_ rows: [Row], _ page: Page) -> HTML {
        guard !rows.isEmpty else { return "<p>\(page.t("survey.no_answers"))</p>" }
        return DataTable.render(
            columns: [
                page.t("survey.unit"), "IKM", page.t("survey.grade"), page.t("survey.respondents"),
                page.t("survey.weakest"),
            ], rows: rows, class: "ikm"
        ) { r in
            guard let index = r.index else {
                return ["\(r.label)", "—", "—", "0 / \(String(r.recommended))", "—"]
            }
            return [
                "\(r.label)", "\(String(format: "%.2f", index.rounded))",
                "\(index.grade.rawValue) (\(index.grade.meaning))",
                "\(String(r.respondents)) / \(String(r.recommended))",
                "\(index.weakest.prefix(3).map { "\($0.code) \($0.wording.name) \(String(format: "%.2f", index.averages[$0]!))" }.joined(separator: "; "))",
            ]
        }
    }

    /// This year's index per agency, for `/transparansi` and the leadership dashboard.
    static func yearByAgency(now: Date, on db: any Database, reference: ReferenceCache.Snapshot) async throws -> [Row] {
        let (from, to) = reference.calendar.span(ofYear: CivilDay(of: now, in: reference.calendar.timeZone).year)
        return try await table(from: from, to: to, on: db, reference: reference).agencies
    }
}
