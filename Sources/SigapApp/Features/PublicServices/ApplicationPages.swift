import Foundation
import SigapCore

extension ApplicationsController.FormPage: PageView {
    func render(_ page: Page) -> HTML {
        let v = form.values
        func input(_ f: ServiceForm.Field) -> HTML {
            let required: HTML = f.required ? " required" : ""
            switch f.kind {
            case .text:
                return
                    "<textarea name=\"\(f.key)\" rows=\"2\" maxlength=\"2000\"\(required)>\(v[f.key] ?? "")</textarea>"
            case .number:
                return "<input name=\"\(f.key)\" inputmode=\"decimal\" value=\"\(v[f.key] ?? "")\"\(required)>"
            case .date:
                return "<input type=\"date\" name=\"\(f.key)\" value=\"\(v[f.key] ?? "")\"\(required)>"
            case .choice:
                return
                    "<select name=\"\(f.key)\"\(required)><option value=\"\">—</option>\(FormPieces.options(f.options.map { Choice(value: $0, label: $0) }, selected: v[f.key]))</select>"
            case .nik:
                return
                    "<input name=\"\(f.key)\" inputmode=\"numeric\" pattern=\"[0-9]{16}\" maxlength=\"16\" autocomplete=\"off\" value=\"\(v[f.key] ?? "")\"\(required)>"
            }
        }
        return """
            <p class="crumbs"><a href="\(SiteURL.service(service.code))">\(service.name)</a></p>
            <h1>\(page.frame.title)</h1>
            \(some: form.error, { "<p class=\"error\" role=\"alert\">\($0)</p>" })
            <form method="post" action="\(action)?_csrf=\(page.csrfToken)" enctype="multipart/form-data">\(page.csrfField)
            \(each: service.fields, { f in "<label>\(f.label)\(when: !f.required, " <span class=\"hint\">(\(page.t("service.optional")))</span>")\(input(f))</label>\(page.fieldError(form, f.key))" })
            \(each: service.requirements, { r in
                "<label>\(r.label) <span class=\"hint\">(\(r.accepted.map { $0.rawValue.uppercased() }.joined(separator: ", ")), ≤ 10 MB\(when: uploaded.contains(r.key), "; \(page.t("application.uploaded"))"))</span><input type=\"file\" name=\"dok_\(r.key)\" accept=\"\(r.accepted.map(\.contentType).joined(separator: ","))\"></label>\(page.fieldError(form, r.key))"
            })
            <p class="hint">\(page.t("application.draft_hint"))</p>
            \(when: assisting, AssistedFields.render(page, form))
            <button type="submit" name="kirim" value="ajukan">\(page.t("application.submit"))</button>
            <button type="submit" name="kirim" value="simpan" class="secondary">\(page.t("application.save_draft"))</button>
            </form>
            """
    }
}

extension ApplicationsController.ListPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(title)</h1>
        \(when: rows.isEmpty, "<p>\(empty) <a href=\"\(SiteURL.services)\">\(page.t("service.catalogue"))</a></p>")
        \(when: !rows.isEmpty, DataTable.render(
            columns: [page.t("application.number"), page.t("application.service"), page.t("report.status"), page.t("report.date")],
            rows: rows, class: "applications") { r in
                ["<a href=\"\(SiteURL.application(r.number))\">\(r.number)</a>", "\(r.service)",
                 "\(r.status)\(when: r.late, " <span class=\"late\">\(page.t("report.late"))</span>")", "\(r.date)"]
            })
        """
    }
}

extension ApplicationsController.ApplicationPage: PageView {
    func render(_ page: Page) -> HTML {
        let a = application
        let base = SiteURL.application(a.number)
        func actionForm(_ action: ApplicationAction, label: String, text: Bool, extra: HTML = "") -> HTML {
            guard possible.contains(action) else { return "" }
            return """
                <details><summary>\(label)</summary>
                <form method="post" action="\(base)/tindakan?_csrf=\(page.csrfToken)" enctype="multipart/form-data">\(page.csrfField)
                <input type="hidden" name="action" value="\(action.rawValue)">
                \(when: text, "<label>\(page.t("application.text_\(action.rawValue)"))<textarea name=\"text\" rows=\"3\" maxlength=\"4000\"\(when: action != .approve, " required")></textarea></label>")
                \(extra)
                <button type="submit">\(label)</button></form></details>
                """
        }
        let documents: HTML = """
            \(each: service.requirements, { r in "<label>\(r.label)<input type=\"file\" name=\"dok_\(r.key)\" accept=\"\(r.accepted.map(\.contentType).joined(separator: ","))\"></label>" })
            """
        return """
            <p class="crumbs">\(crumb(page))</p>
            <h1>\(a.number)</h1>
            <p><strong>\(service.name)</strong> · <span class="status">\(statusLabel)</span>\(when: a.late, " <span class=\"late\">\(page.t("report.late"))</span>")</p>
            \(some: due, { d in a.status.agencyHolds ? "<p class=\"hint\">\(page.t("application.due", d))</p>" : "" })
            \(when: a.status == .correction, "<p class=\"notice\">\(page.t("application.correction_hint"))</p>")
            \(when: a.status == .draft && isApplicant, "<p><a class=\"button\" href=\"\(base)/ubah\">\(page.t("application.continue"))</a></p>")
            \(when: a.status == .approved && isApplicant, "<p><a class=\"button\" href=\"\(base)/hasil\">\(page.t("application.download_result"))</a>\(when: !isAssistant, " · <a href=\"\(base)/hasil.json\" download>\(page.t("application.download_credential"))</a>") · <a href=\"\(SiteURL.verify)\">\(page.t("verify.title"))</a></p>")
            \(when: a.status.isFinished && isApplicant && !isAssistant, "<p class=\"notice\"><a href=\"\(SiteURL.survey(application: a.number))\">\(page.t("survey.invite"))</a></p>")
            \(when: handles, "<p class=\"hint\"><a href=\"\(SiteURL.kioskSurvey(service.code))/poster\">\(page.t("survey.poster_title"))</a></p>")
            <h2>\(page.t("service.form"))</h2>
            <dl class="facts">\(each: values, { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" })\(AssistedFields.fact(page, assisted: a.assistedByID != nil))</dl>
            <h2>\(page.t("service.requirements"))</h2>
            <ul>\(each: files, { f in "<li><a href=\"\(f.url)\">\(f.label)</a> <span class=\"hint\">\(f.date)</span></li>" })</ul>
            \(actionForm(.resubmit, label: page.t("application.resubmit"), text: false, extra: documents))
            \(actionForm(.review, label: page.t("application.review"), text: false))
            \(actionForm(.requestCorrection, label: page.t("application.request_correction"), text: true))
            \(actionForm(.approve, label: page.t("application.approve"), text: true, extra: "<label>\(page.t("application.result_pdf"))<input type=\"file\" name=\"hasil\" accept=\"application/pdf\" required></label>"))
            \(actionForm(.reject, label: page.t("application.reject"), text: true))
            \(actionForm(.note, label: page.t("application.note"), text: true))
            <h2>\(page.t("report.timeline"))</h2>
            \(TimelineView.render(timeline))
            """
    }

    private func crumb(_ page: Page) -> HTML {
        if isAssistant { return "<a href=\"\(SiteURL.assisted)\">\(page.t("assist.title"))</a>" }
        if isApplicant { return "<a href=\"\(SiteURL.myApplications)\">\(page.t("application.mine"))</a>" }
        return "<a href=\"\(SiteURL.applicationsQueue)\">\(page.t("application.queue"))</a>"
    }
}
