/// The fields a category is made and edited with.
enum CategoryFields {
    static func render(_ form: FormState, agencies: [SelectOption], kinds: [String], _ page: Page) -> HTML {
        """
        <label>\(page.t("admin.name"))<input name="name" value="\(form.values["name"])" required></label>
        \(page.fieldError(form, "name"))
        <label>\(page.t("admin.description"))<textarea name="description" maxlength="1000">\(form.values["description"])</textarea></label>
        \(page.fieldError(form, "description"))
        <label>\(page.t("admin.name_en"))<input name="name_en" value="\(form.values["name_en"])" maxlength="100"></label>
        \(page.fieldError(form, "name_en"))
        <label>\(page.t("admin.description_en"))<textarea name="description_en" maxlength="1000">\(form.values["description_en"])</textarea></label>
        \(page.fieldError(form, "description_en"))
        <label>\(page.t("admin.keywords"))<input name="keywords" value="\(form.values["keywords"])"></label>
        \(page.fieldError(form, "keywords"))
        <label>\(page.t("admin.kind"))<select name="kind">\(FormPieces.options(kinds.map { SelectOption(id: $0, name: $0) }, selected: form.values["kind"]))</select></label>
        \(page.fieldError(form, "kind"))
        <label>\(page.t("admin.agency"))<select name="agency_id">\(FormPieces.options(agencies, selected: form.values["agency_id"]))</select></label>
        \(page.fieldError(form, "agency_id"))
        <label>\(page.t("admin.response_days"))<input type="number" name="response_working_days" min="1" max="60" value="\(form.values["response_working_days"])" required></label>
        \(page.fieldError(form, "response_working_days"))
        <label>\(page.t("admin.resolution_days"))<input type="number" name="resolution_working_days" min="1" max="365" value="\(form.values["resolution_working_days"])" required></label>
        \(page.fieldError(form, "resolution_working_days"))
        <label class="check"><input type="checkbox" name="active"\(when: form.values["active"] == "on", " checked")> \(page.t("common.active"))</label>
        """
    }
}

extension CategoriesAdminController.CategoriesPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("admin.categories.title"))</h1>
        \(DataTable.render(columns: columns(page), rows: categories) { c in
            [
                "<a href=\"\(SiteURL.adminCategories)/\(c.id.uuidString)\">\(c.code)</a>", "\(c.name)", "\(c.kind)", "\(c.agency)",
                "\(c.responseWorkingDays)", "\(c.resolutionWorkingDays)", "\(c.active ? "✓" : "—")",
            ]
        })
        <section class="card">
          <h2>\(page.t("admin.categories.add"))</h2>
          <form method="post" action="\(SiteURL.adminCategories)">\(page.csrfField)
            <label>\(page.t("admin.code"))<input name="code" value="\(form.values["code"])" required></label>
            \(page.fieldError(form, "code"))
            \(CategoryFields.render(form, agencies: agencies, kinds: kinds, page))
            <button type="submit">\(page.t("common.add"))</button></form>
        </section>
        """
    }

    private func columns(_ page: Page) -> [String] {
        [
            page.t("admin.code"), page.t("admin.name"), page.t("admin.kind"), page.t("admin.agency"),
            page.t("admin.response_days"), page.t("admin.resolution_days"), page.t("common.active"),
        ]
    }
}

extension CategoriesAdminController.EditPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("admin.categories.edit")) <small>\(code)</small></h1>
        <form method="post" action="\(SiteURL.adminCategories)/\(id.uuidString)">\(page.csrfField)
          \(CategoryFields.render(form, agencies: agencies, kinds: kinds, page))
          <button type="submit">\(page.t("common.save"))</button></form>
        <p><a href="\(SiteURL.adminCategories)">\(page.t("common.back"))</a></p>
        """
    }
}
