extension RegionsAdminController.RegionsPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("admin.regions.title"))</h1>
        \(each: ["name", "code", "kecamatan_id", "kind"], { page.fieldError(form, $0) })
        \(each: kecamatan, { k in
            """
            <section class="card">
              <h2>\(k.name) <small>\(k.code)</small></h2>
              <form method="post" action="\(SiteURL.adminRegions)/kecamatan/\(k.id.uuidString)" class="inline">\(page.csrfField)
                <input name="name" value="\(k.name)" aria-label="\(page.t("admin.name"))" required><button type="submit">\(page.t("admin.rename"))</button></form>
              \(desaTable(k.desa, page))
            </section>
            """
        })
        <section class="card">
          <h2>\(page.t("admin.regions.add_kecamatan"))</h2>
          <form method="post" action="\(SiteURL.adminRegions)/kecamatan">\(page.csrfField)
            <label>\(page.t("admin.code"))<input name="code" required></label>
            <label>\(page.t("admin.name"))<input name="name" required></label>
            <button type="submit">\(page.t("common.add"))</button></form>
        </section>
        <section class="card">
          <h2>\(page.t("admin.regions.add_desa"))</h2>
          <form method="post" action="\(SiteURL.adminRegions)/desa">\(page.csrfField)
            <label>Kecamatan<select name="kecamatan_id">\(each: kecamatan, { "<option value=\"\($0.id.uuidString)\">\($0.name)</option>" })</select></label>
            <label>\(page.t("admin.kind"))<select name="kind"><option value="desa">Desa</option><option value="kelurahan">Kelurahan</option></select></label>
            <label>\(page.t("admin.code"))<input name="code" required></label>
            <label>\(page.t("admin.name"))<input name="name" required></label>
            <button type="submit">\(page.t("common.add"))</button></form>
        </section>
        """
    }

    private func desaTable(_ desa: [RegionsAdminController.DesaRow], _ page: Page) -> HTML {
        DataTable.render(columns: [page.t("admin.code"), page.t("admin.name"), page.t("admin.kind")], rows: desa) { d in
            [
                "\(d.code)",
                "<form method=\"post\" action=\"\(SiteURL.adminRegions)/desa/\(d.id.uuidString)\" class=\"inline\">\(page.csrfField)<input name=\"name\" value=\"\(d.name)\" aria-label=\"\(page.t("admin.name"))\" required><button type=\"submit\" class=\"small\">\(page.t("admin.rename"))</button></form>",
                "\(d.kind)",
            ]
        }
    }
}
