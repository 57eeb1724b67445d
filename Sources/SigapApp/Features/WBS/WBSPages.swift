/// The whistleblowing pages: the anonymous form, the receipt, following a case with the receipt, and the
/// inspectorate's list and case. No page carries a session token: the reporter's pages never start a session.

extension WBSReporterController.FormPage: PageView {
    func render(_ page: Page) -> HTML {
        func field(_ name: String, _ label: String, maxLength: Int) -> HTML {
            """
            <label>\(page.t(label))<input name="\(name)" value="\(form.values[name])" maxlength="\(maxLength)"></label>
              \(page.fieldError(form, name))
            """
        }
        return """
            <h1>\(page.t("wbs.title"))</h1>
            <section class="card">
            <h2>\(page.t("wbs.protects_title"))</h2>
            <p>\(page.t("wbs.protects"))</p>
            <h2>\(page.t("wbs.limits_title"))</h2>
            <p>\(page.t("wbs.limits"))</p>
            </section>
            <p><a href="\(SiteURL.wbsFollow)">\(page.t("wbs.follow_link"))</a></p>
            <form method="post" action="\(SiteURL.wbs)" enctype="multipart/form-data" novalidate>
              <label>\(page.t("wbs.type"))<select name="type" required><option value="">—</option>
              \(FormPieces.options(types, selected: form.values["type"]))</select></label>
              \(page.fieldError(form, "type"))
              \(field("official", "wbs.official", maxLength: 200))
              \(field("when", "wbs.when", maxLength: 200))
              \(field("place", "wbs.place", maxLength: 300))
              <label>\(page.t("wbs.what"))<textarea name="what" maxlength="8000" required>\(form.values["what"])</textarea></label>
              \(page.fieldError(form, "what"))
              <label>\(page.t("wbs.evidence"))<input type="file" name="evidence[]" accept="image/jpeg,image/png,application/pdf" multiple></label>
              <p class="hint">\(page.t("wbs.evidence_hint"))</p>
              \(page.fieldError(form, "evidence"))
              <label>\(page.t("wbs.contact"))<input name="contact" value="\(form.values["contact"])" maxlength="200"></label>
              <p class="hint">\(page.t("wbs.contact_hint"))</p>
              <label>\(page.t("wbs.identity"))<input name="identity" value="\(form.values["identity"])" maxlength="500"></label>
              <p class="hint">\(page.t("wbs.identity_hint"))</p>
              <button type="submit">\(page.t("wbs.submit"))</button>
            </form>
            """
    }
}

extension WBSReporterController.ReceiptPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("wbs.receipt_title"))</h1>
        <section class="card receipt-card">
          <p class="warning" role="alert">\(page.t("wbs.receipt_warning"))</p>
          <p class="receipt"><output id="receipt">\(receipt)</output></p>
          <input type="hidden" id="receipt-text" value="\(receipt)">
          <p class="actions no-print">
            <button type="button" class="small" data-copy="receipt-text" data-copied="\(page.t("report.copied"))" hidden>\(page.t("wbs.receipt_copy"))</button>
            <button type="button" class="small secondary" data-print hidden>\(page.t("wbs.receipt_print"))</button>
          </p>
          <p class="hint">\(page.t("wbs.receipt_keep"))</p>
        </section>
        <p class="no-print"><a href="\(SiteURL.wbsFollow)">\(page.t("wbs.follow_link"))</a></p>
        """
    }
}

extension WBSReporterController.FollowPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("wbs.follow_title"))</h1>
        \(page.formError(error))
        <form method="post" action="\(SiteURL.wbsFollow)" enctype="multipart/form-data" autocomplete="off">
          <label>\(page.t("wbs.receipt"))<input name="receipt" required autocomplete="off" spellcheck="false"></label>
          <button type="submit">\(page.t("wbs.open"))</button>
        </form>
        """
    }
}

/// A case's messages, for the reporter ("you", "the inspectorate") or the inspectorate ("the reporter").
enum WBSMessagesView {
    static func render(_ messages: [WBSReporterController.MessageRow], mine: String, theirs: String) -> HTML {
        """
        <ol class="timeline">\(each: messages, { m in "<li><time>\(m.on)</time> <strong>\(m.mine ? mine : theirs)</strong> — \(m.text)</li>" })</ol>
        """
    }
}

extension WBSReporterController.CasePage: PageView {
    func render(_ page: Page) -> HTML {
        let identityField: HTML =
            identityRevealed
            ? "<p>\(page.t("wbs.identity_given"))</p>"
            : "<label>\(page.t("wbs.identity"))<input name=\"identity\" maxlength=\"500\"></label><p class=\"hint\">\(page.t("wbs.identity_hint"))</p>"
        let c = reported.content
        return """
            <h1>\(page.t("wbs.case_title"))</h1>
            <p>\(page.t("wbs.status")) — <strong>\(status)</strong></p>
            <section class="card">
              <h2>\(page.t("wbs.what_you_reported"))</h2>
              <dl class="facts">
                <dt>\(page.t("wbs.type"))</dt><dd>\(reported.type)</dd>
                <dt>\(page.t("wbs.filed_on"))</dt><dd>\(reported.filedOn)</dd>
                \(when: !c.official.isEmpty, "<dt>\(page.t("wbs.official"))</dt><dd>\(c.official)</dd>")
                \(when: !c.when.isEmpty, "<dt>\(page.t("wbs.when"))</dt><dd>\(c.when)</dd>")
                \(when: !c.place.isEmpty, "<dt>\(page.t("wbs.place"))</dt><dd>\(c.place)</dd>")
              </dl>
              <p class="text">\(c.what)</p>
            </section>
            \(some: declineReason, { "<p>\(page.t("wbs.decline_reason")) — \($0)</p>" })
            <h2>\(page.t("wbs.messages"))</h2>
            \(WBSMessagesView.render(messages, mine: page.t("wbs.you"), theirs: page.t("wbs.inspectorate")))
            <form method="post" action="\(SiteURL.wbsFollow)" enctype="multipart/form-data" autocomplete="off">
              <input type="hidden" name="receipt" value="\(receipt)">
              <label>\(page.t("wbs.reply"))<textarea name="message" maxlength="8000"></textarea></label>
              \(page.fieldError(form, "message"))
              <label>\(page.t("wbs.evidence"))<input type="file" name="evidence[]" accept="image/jpeg,image/png,application/pdf" multiple></label>
              \(page.fieldError(form, "evidence"))
              \(identityField)
              <button type="submit">\(page.t("wbs.send"))</button>
            </form>
            """
    }
}

extension WBSInspectorateController.ListPage: PageView {
    func render(_ page: Page) -> HTML {
        guard let cases else { return "<h1>\(page.t("wbs.inspectorate_title"))</h1><p>\(page.t("wbs.no_cases"))</p>" }
        let columns = [
            page.t("wbs.type"), page.t("wbs.status"), page.t("wbs.filed_on"), page.t("wbs.updated_on"),
            page.t("wbs.assignee"),
        ]
        return """
            <h1>\(page.t("wbs.inspectorate_title"))</h1>
            \(DataTable.render(columns: columns, rows: cases) { c in
                ["<a href=\"\(SiteURL.wbsCase(c.id))\">\(c.type)</a>", "\(c.status)", "\(c.filedOn)", "\(c.updatedOn)", "\(c.assignee)"]
            })
            """
    }
}

extension WBSInspectorateController.CasePage: PageView {
    func render(_ page: Page) -> HTML {
        func fact(_ label: String, _ value: String?) -> HTML {
            "\(some: value.flatMap { $0.isEmpty ? nil : $0 }, { "<dt>\(page.t(label))</dt><dd>\($0)</dd>" })"
        }
        let base = SiteURL.wbsCase(id)
        return """
            <p class="crumbs"><a href="\(SiteURL.wbsCases)">\(page.t("wbs.inspectorate_title"))</a></p>
            <h1>\(type)</h1>
            <p>\(page.t("wbs.status")) — <strong>\(status)</strong></p>
            <dl class="facts">
              \(fact("wbs.official", content.official))
              \(fact("wbs.when", content.when))
              \(fact("wbs.place", content.place))
              \(fact("wbs.contact", content.contact))
              \(fact("wbs.identity", identity))
              \(fact("wbs.decline_reason", declineReason))
            </dl>
            <p class="text">\(content.what)</p>
            \(some: files, { files in
                "<h2>\(page.t("wbs.evidence_files"))</h2><ul>\(each: files, { "<li><a href=\"\($0.url)\">\($0.name)</a> (\($0.on))</li>" })</ul>"
            })
            <h2>\(page.t("wbs.messages"))</h2>
            \(WBSMessagesView.render(messages, mine: page.t("wbs.inspectorate"), theirs: page.t("wbs.reporter")))
            <form method="post" action="\(base)/pesan" class="card">\(page.csrfField)
              <label>\(page.t("wbs.message_to_reporter"))<textarea name="text" maxlength="8000" required></textarea></label>
              \(page.fieldError(form, "text"))
              <button type="submit">\(page.t("wbs.send"))</button></form>
            \(when: !statuses.isEmpty, """
                <form method="post" action="\(base)/status" class="card">\(page.csrfField)
                  <label>\(page.t("wbs.status"))<select name="status">\(FormPieces.options(statuses, selected: nil))</select></label>
                  \(page.fieldError(form, "status"))
                  <label>\(page.t("wbs.decline_reason"))<textarea name="reason" maxlength="2000">\(form.values["reason"])</textarea></label>
                  \(page.fieldError(form, "reason"))
                  <button type="submit">\(page.t("common.save"))</button></form>
                """)
            <form method="post" action="\(base)/tugaskan" class="card">\(page.csrfField)
              <label>\(page.t("wbs.assignee"))<select name="inspector">\(FormPieces.options(inspectors, selected: assignee))</select></label>
              <button type="submit">\(page.t("common.save"))</button></form>
            """
    }
}
