/// `/lapor` and its answer: the filing form (with similar reports and category suggestions) and the receipt.

extension ReportFormController.FormPage: PageView {
    func render(_ page: Page) -> HTML {
        let confirming = form.values["confirm"] != nil
        return """
            <h1>\(page.t(form.values["tujuan"] == "dprd" ? "dprd.form_title" : "report.form_title"))</h1>
            \(when: form.values["tujuan"] == "dprd", "<p class=\"hint\">\(page.t("dprd.form_hint"))</p>")
            \(some: form.error, { "<p class=\"warning\" role=\"alert\">\($0)</p>" })
            \(some: similar, { similarReports($0, page) })
            <p id="draft-saved" class="notice" role="status" tabindex="-1" hidden>\(page.t("drafts.saved"))</p>
            \(DraftsPanel.render(page))
            <form method="post" action="\(SiteURL.fileReport)?_csrf=\(page.csrfToken)" enctype="multipart/form-data" novalidate data-once data-photos data-drafts data-preparing="\(page.t("upload.preparing"))" data-uploading-text="\(page.t("upload.progress"))">
              <input type="hidden" name="kirim" value="\(form.values["kirim"])">
              \(when: form.values["tujuan"] == "dprd", "<input type=\"hidden\" name=\"tujuan\" value=\"dprd\">")
              \(when: confirming, "<input type=\"hidden\" name=\"confirm\" value=\"on\">")
              <fieldset><legend>\(page.t("report.kind"))</legend>
              \(each: kinds, { radio("kind", $0, label: "\($0.label)") })
              \(page.fieldError(form, "kind"))
              </fieldset>
              <label>\(page.t("report.category"))<select name="category" required><option value="">—</option>
              \(each: categories, { c in "<option value=\"\(c.value)\"\(when: form.values["category"] == c.value, " selected")>\(c.group): \(c.label) (\(c.detail))</option>" })
              </select></label>
              \(page.fieldError(form, "category"))
              <label>\(page.t("report.title"))<input name="title" value="\(form.values["title"])" maxlength="120" required></label>
              <p class="hint">\(page.t("report.title_hint"))</p>
              \(page.fieldError(form, "title"))
              <label>\(page.t("report.description"))<textarea name="description" maxlength="4000" required>\(form.values["description"])</textarea></label>
              <p class="hint">\(page.t("report.description_hint"))</p>
              \(page.fieldError(form, "description"))
              <div id="category-suggestions" class="suggestions" aria-live="polite" data-title="\(page.t("suggest.title"))">
              \(some: suggestions, { suggestionButtons($0, page) })
              </div>
              <button type="submit" name="suggest" value="1" formnovalidate class="small" id="suggest-button">\(page.t("suggest.button"))</button>
              <label>\(page.t("report.desa"))<select name="desa" required><option value="">—</option>
              \(each: desa, { d in "<option value=\"\(d.value)\"\(when: form.values["desa"] == d.value, " selected")>\(d.group) · \(d.label)</option>" })
              </select></label>
              \(page.fieldError(form, "desa"))
              <label>\(page.t("report.address"))<input name="address" value="\(form.values["address"])" maxlength="200"></label>
              \(page.fieldError(form, "address"))
              <div class="pair">
                <label>\(page.t("report.latitude"))<input name="lat" value="\(form.values["lat"])" inputmode="decimal" placeholder="3.6012"></label>
                <label>\(page.t("report.longitude"))<input name="lon" value="\(form.values["lon"])" inputmode="decimal" placeholder="98.4803"></label>
              </div>
              <button type="button" id="use-location" class="small" hidden>\(page.t("report.use_location"))</button>
              \(SVGMap.picker(bounds, page))
              <p class="hint">\(page.t("report.location_hint"))</p>
              \(page.fieldError(form, "location"))
              <label>\(page.t("report.photos"))<input type="file" name="photo[]" accept="image/jpeg,image/png" multiple></label>
              <p class="hint">\(page.t("report.photos_hint"))</p>
              \(page.fieldError(form, "photo"))
              <fieldset><legend>\(page.t("report.privacy"))</legend>
              \(each: privacies, { radio("privacy", $0, label: "<strong>\($0.label)</strong> — \($0.detail)") })
              \(page.fieldError(form, "privacy"))
              </fieldset>
              \(when: isGuest, """
                  <label>\(page.t("report.contact"))<input name="contact" value="\(form.values["contact"])" autocomplete="tel"></label>
                  <p class="hint">\(page.t("report.contact_hint"))</p>
                  \(page.fieldError(form, "contact"))
                  """)
              \(when: assisting, AssistedFields.render(page, form))
              <p class="hint">\(page.t("report.consent")) <a href="\(SiteURL.privacy)">\(page.t("privacy.title"))</a></p>
              <button type="submit" data-sending="\(page.t("report.sending"))">\(page.t(confirming ? "report.submit_anyway" : "report.submit"))</button>
            </form>
            <script src="\(SiteURL.filingScript)" defer></script>
            """
    }

    private func radio(_ name: String, _ choice: Choice, label: HTML) -> HTML {
        "<label class=\"check\"><input type=\"radio\" name=\"\(name)\" value=\"\(choice.value)\"\(when: form.values[name] == choice.value, " checked")> \(label)</label>"
    }

    private func similarReports(_ reports: [ReportRow], _ page: Page) -> HTML {
        """
        <section class="card">
          <h2>\(page.t("report.similar_title"))</h2>
          <ul class="reports">\(each: reports, { r in
              "<li><a href=\"\(r.url)\">\(r.number)</a> \(r.title) <span class=\"status status-\(r.status)\">\(r.statusLabel)</span> · \(page.t("report.supporters", String(r.supporters)))</li>"
          })</ul>
          <p class="hint">\(page.t("report.similar_hint"))</p>
        </section>
        """
    }

    private func suggestionButtons(_ suggestions: [CategorySuggestion], _ page: Page) -> HTML {
        """
        <p>\(page.t("suggest.title"))</p>
          \(each: suggestions, { s in
              "<button type=\"submit\" name=\"pick_category\" value=\"\(s.code)\" formnovalidate class=\"small\(when: form.values["category"] == s.code, " chosen")\">\(s.name) (\(s.agency))</button> "
          })
          <p class="hint">\(page.t("suggest.hint"))</p>
        """
    }
}
