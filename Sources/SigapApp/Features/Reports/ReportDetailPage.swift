import SigapCore

/// `/laporan/{nomor}`: a report as the public, its reporter or staff see it, with the forms the viewer may use.
extension ReportPagesController.DetailPage: PageView {
    func render(_ page: Page) -> HTML {
        let d = self
        let r = d.report
        let reporterQuery = d.followToken.map { "?kunci=" + $0 } ?? ""
        let body: HTML = """
            <p class="crumbs"><a href="\(SiteURL.reports)">\(page.t("report.list_title"))</a></p>
            \(some: d.filed, { filedNotice($0, page) })
            <h1>\(r.title)</h1>
            <p><span class="status status-\(r.status.rawValue)">\(d.statusLabel)</span> · \(r.number) · \(d.kindLabel)</p>
            \(some: d.form.error, { "<p class=\"error\" role=\"alert\">\($0)</p>" })
            <dl class="facts">
              <dt>\(page.t("report.category"))</dt><dd>\(r.category.name)</dd>
              <dt>\(page.t("report.agency"))</dt><dd>\(r.agency)</dd>
              \(some: d.dprdCommission, { "<dt>\(page.t("dprd.addressed_to"))</dt><dd>\($0)</dd>" })
              <dt>\(page.t("report.desa"))</dt><dd>\(r.desa.name), \(r.kecamatan)</dd>
              \(when: !r.address.isEmpty, "<dt>\(page.t("report.address"))</dt><dd>\(r.address)</dd>")
              <dt>\(page.t("report.supporters_label"))</dt><dd>\(r.supporters)</dd>
              \(some: r.mergedInto, { "<dt>\(page.t("report.merged_into"))</dt><dd><a href=\"\(SiteURL.report($0))\">\($0)</a></dd>" })
              \(some: d.reporter, { "<dt>\(page.t("report.reporter"))</dt><dd>\($0)</dd>" })
              \(AssistedFields.fact(page, assisted: d.assisted))
            </dl>
            <p class="text">\(r.description)</p>
            \(some: d.deadlines, { DeadlinesView.render($0, page) })
            \(some: d.photos, { photos in
                // A guest reporter's key goes along: their report may not be public yet.
                let key = d.followToken.map { "&kunci=" + $0 } ?? ""
                return "<div class=\"photos\">\(each: photos, { "<a href=\"\($0)?ukuran=sedang\(key)\"><img src=\"\($0)?ukuran=kecil\(key)\" alt=\"\(page.t("report.photo_alt"))\" loading=\"lazy\" width=\"160\"></a>" })</div>"
            })
            \(when: d.isStaff, "<p><a href=\"\(SiteURL.staffReport(r.number))\">\(page.t("report.staff_page"))</a></p>")
            <h2>\(page.t("report.timeline"))</h2>
            \(TimelineView.render(d.timeline))
            \(supportPart(page))
            \(ForumLinks.section(d.discussions, start: d.startDiscussion, page))
            \(when: d.canAddInformation, addInformation(page))
            \(when: d.canRate, """
                <section class="card"><h2>\(page.t("report.rate_title"))</h2>
                <form method="post" action="\(SiteURL.report(r.number))/nilai\(reporterQuery)">\(page.csrfField)
                  <fieldset class="rating"><legend>\(page.t("report.rating"))</legend>
                  \(each: 1...5, { "<label class=\"check\"><input type=\"radio\" name=\"rating\" value=\"\($0)\" required> \($0)</label>" })
                  \(page.fieldError(d.form.errors["rating"]))
                  </fieldset>
                  <label>\(page.t("report.comment"))<textarea name="text" maxlength="4000"></textarea></label>
                  <button type="submit">\(page.t("report.rate_button"))</button></form></section>
                """)
            \(when: d.inviteSurvey, "<p class=\"notice\"><a href=\"\(SiteURL.survey(report: r.number))\">\(page.t("survey.invite"))</a></p>")
            \(when: d.canReopen, """
                <section class="card"><h2>\(page.t("report.reopen_title"))</h2>
                <form method="post" action="\(SiteURL.report(r.number))/buka-kembali\(reporterQuery)">\(page.csrfField)
                  <label>\(page.t("report.reopen_reason"))<textarea name="text" maxlength="4000" required>\(d.form.values["text"])</textarea></label>
                  <button type="submit">\(page.t("report.reopen_button"))</button></form></section>
                """)
            """
        return body
    }

    /// Right after filing: the number, and for a guest the private link with ways to keep it (copy, send to the
    /// contact they gave, bookmark this very page).
    private func filedNotice(_ filed: ReportPagesController.FiledNotice, _ page: Page) -> HTML {
        """
        <section class="card filed" role="status">
          <h2>\(page.t("report.filed_title"))</h2>
          <p>\(page.t("report.filed_number")) <strong class="number">\(filed.number)</strong></p>
          \(some: filed.followURL, { link in
              """
              <p class="warning">\(page.t("report.follow_link_intro"))</p>
              <label>\(page.t("report.follow_link"))<input id="follow-link" class="copy-source" value="\(link)" readonly></label>
              <button type="button" class="small" data-copy="follow-link" data-copied="\(page.t("report.copied"))" hidden>\(page.t("report.copy_link"))</button>
              \(when: filed.canSendLink, """
                  <form method="post" action="\(SiteURL.report(filed.number))/kirim-tautan?kunci=\(followToken)" class="inline">\(page.csrfField)<button type="submit" class="small">\(page.t("report.send_link"))</button></form>
                  """)
              <p class="hint">\(page.t("report.follow_link_bookmark"))</p>
              """
          })
        </section>
        """
    }

    private func supportPart(_ page: Page) -> HTML {
        let number = report.number
        switch support {
        case .none: return ""
        case .signInFirst:
            let next = SiteURL.report(number)
            return "<p><a href=\"\(SiteURL.login)?next=\(next)\">\(page.t("report.support_sign_in"))</a></p>"
        case .canSupport:
            return """
                <form method="post" action="\(SiteURL.report(number))/dukung">\(page.csrfField)<button type="submit">\(page.t("report.support_button"))</button></form>
                """
        case .supporting:
            return """
                <p class="supporting">✓ \(page.t("report.supporting"))</p>
                <form method="post" action="\(SiteURL.report(number))/batal-dukung" class="inline">\(page.csrfField)<button type="submit" class="small secondary">\(page.t("report.support_withdraw"))</button></form>
                """
        }
    }

    /// Photos and text from the reporter; multipart, so the CSRF token travels in the address.
    private func addInformation(_ page: Page) -> HTML {
        let d = self
        let follow = d.followToken.map { "&kunci=" + $0 } ?? ""
        return """
            <section class="card"><h2>\(page.t("report.add_information"))</h2>
            <form method="post" action="\(SiteURL.report(d.report.number))/informasi?_csrf=\(page.csrfToken)\(follow)" enctype="multipart/form-data" data-photos data-preparing="\(page.t("upload.preparing"))" data-uploading-text="\(page.t("upload.progress"))">
              <label>\(page.t("report.information"))<textarea name="text" maxlength="4000">\(d.form.values["text"])</textarea></label>
              \(some: d.form.errors["text"], { "<p class=\"error\">\($0)</p>" })
              <label>\(page.t("report.photos"))<input type="file" name="photo[]" accept="image/jpeg,image/png" multiple></label>
              <button type="submit">\(page.t("common.save"))</button></form></section>
            """
    }
}

/// The deadlines block of a report page (public and staff).
enum DeadlinesView {
    static func render(_ d: DeadlineView, _ page: Page) -> HTML {
        """
        <section class="card deadlines\(when: d.late, " late")" aria-labelledby="deadlines-title">
          <h2 id="deadlines-title">\(page.t("deadline.title"))</h2>
          <dl class="facts">
            <dt>\(page.t("deadline.response_due"))</dt><dd>\(d.responseDue) — \(d.response)</dd>
            <dt>\(page.t("deadline.resolution_due"))</dt><dd>\(d.resolutionDue)\(some: d.resolution, { " — \($0)" })</dd>
          </dl>
          <p class="hint">\(page.t("deadline.explain"))</p>
        </section>
        """
    }
}
