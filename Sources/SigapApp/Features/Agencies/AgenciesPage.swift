extension AgenciesAdminController.AgenciesPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("admin.agencies.title"))</h1>
        \(DataTable.render(columns: columns(page), rows: agencies) { a in row(a, page) })
        <section class="card">
          <h2>\(page.t("admin.agencies.add"))</h2>
          <form method="post" action="\(SiteURL.adminAgencies)">\(page.csrfField)
            <label>\(page.t("admin.code"))<input name="code" value="\(form.values["code"])" required></label>
            \(page.fieldError(form, "code"))
            <label>\(page.t("admin.name"))<input name="name" value="\(form.values["name"])" required></label>
            \(page.fieldError(form, "name"))
            <label>\(page.t("admin.short_name"))<input name="short_name" value="\(form.values["short_name"])" required></label>
            \(page.fieldError(form, "short_name"))
            <button type="submit">\(page.t("common.add"))</button></form>
        </section>
        """
    }

    private func columns(_ page: Page) -> [String] {
        [page.t("admin.code"), page.t("admin.name"), page.t("admin.short_name"), page.t("common.active"), ""]
    }

    /// One form per agency across the row's cells (the inputs name their form), so the row can also stack.
    private func row(_ a: AgenciesAdminController.AgencyRow, _ page: Page) -> [HTML] {
        let form = "agency-" + a.id.uuidString
        return [
            "\(a.code)<form id=\"\(form)\" method=\"post\" action=\"\(SiteURL.adminAgencies)/\(a.id.uuidString)\">\(page.csrfField)</form>",
            "<input form=\"\(form)\" name=\"name\" value=\"\(a.name)\" aria-label=\"\(page.t("admin.name"))\" required>",
            "<input form=\"\(form)\" name=\"short_name\" value=\"\(a.shortName)\" aria-label=\"\(page.t("admin.short_name"))\" required>",
            "<input form=\"\(form)\" type=\"checkbox\" name=\"active\"\(when: a.active, " checked") aria-label=\"\(page.t("common.active"))\">",
            "<button form=\"\(form)\" type=\"submit\" class=\"small\">\(page.t("common.save"))</button>",
        ]
    }
}
