extension AgenciesAdminController.AgenciesPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("admin.agencies.title"))</h1>
        <table><thead><tr><th>\(page.t("admin.code"))</th><th>\(page.t("admin.name"))</th><th>\(page.t("admin.short_name"))</th><th>\(page.t("common.active"))</th><th></th></tr></thead><tbody>
        \(each: agencies, { a in
            """
            <tr><td>\(a.code)</td>
            <td colspan="4"><form method="post" action="\(SiteURL.adminAgencies)/\(a.id.uuidString)" class="inline">\(page.csrfField)
              <input name="name" value="\(a.name)" aria-label="\(page.t("admin.name"))" required>
              <input name="short_name" value="\(a.shortName)" aria-label="\(page.t("admin.short_name"))" required>
              <label class="check"><input type="checkbox" name="active"\(when: a.active, " checked")> \(page.t("common.active"))</label>
              <button type="submit">\(page.t("common.save"))</button></form></td></tr>
            """
        })
        </tbody></table>
        <section class="card">
          <h2>\(page.t("admin.agencies.add"))</h2>
          <form method="post" action="\(SiteURL.adminAgencies)">\(page.csrfField)
            <label>\(page.t("admin.code"))<input name="code" value="\(form.values["code"])" required></label>
            \(page.fieldError(form.errors["code"]))
            <label>\(page.t("admin.name"))<input name="name" value="\(form.values["name"])" required></label>
            \(page.fieldError(form.errors["name"]))
            <label>\(page.t("admin.short_name"))<input name="short_name" value="\(form.values["short_name"])" required></label>
            \(page.fieldError(form.errors["short_name"]))
            <button type="submit">\(page.t("common.add"))</button></form>
        </section>
        """
    }
}
