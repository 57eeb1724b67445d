/// The fields a staff account is made and edited with: role and scope.
enum StaffFields {
    static func render(_ form: FormState, _ options: StaffAdminController.Options, _ page: Page) -> HTML {
        let blank: HTML = "<option value=\"\">—</option>"
        return """
            <label>\(page.t("admin.name"))<input name="name" value="\(form.values["name"])" required></label>
            \(page.fieldError(form, "name"))
            <label>\(page.t("account.role"))<select name="role">\(FormPieces.options(options.roles, selected: form.values["role"]))</select></label>
            \(page.fieldError(form, "role"))
            <label>\(page.t("admin.agency"))<select name="agency_id">\(blank)\(FormPieces.options(options.agencies, selected: form.values["agency_id"]))</select></label>
            \(page.fieldError(form, "agency_id"))
            \(when: options.showRegions, """
                <label>Kecamatan<select name="kecamatan_id">\(blank)\(FormPieces.options(options.kecamatan, selected: form.values["kecamatan_id"]))</select></label>
                \(page.fieldError(form, "kecamatan_id"))
                <label>Desa/Kelurahan<select name="desa_id">\(blank)\(FormPieces.options(options.desa, selected: form.values["desa_id"]))</select></label>
                \(page.fieldError(form, "desa_id"))
                <label>\(page.t("staff.electoral_district"))<select name="electoral_district_id">\(blank)\(FormPieces.options(options.electoralDistricts, selected: form.values["electoral_district_id"]))</select></label>
                \(page.fieldError(form, "electoral_district_id"))
                """)
            <p class="hint">\(page.t("admin.staff.scope_hint"))</p>
            """
    }

    static func issued(_ password: String?, _ page: Page) -> HTML {
        "\(some: password, { "<p class=\"warning\" role=\"status\">\(page.t("admin.staff.issued_password")) <code class=\"secret\">\($0)</code></p>" })"
    }
}

extension StaffAdminController.StaffPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("admin.staff.title"))</h1>
        \(StaffFields.issued(issuedPassword, page))
        \(DataTable.render(columns: [page.t("admin.name"), page.t("account.email"), page.t("account.role"), "2FA", page.t("common.active")], rows: staff) { s in
            [
                "<a href=\"\(SiteURL.adminStaff)/\(s.id.uuidString)\">\(s.name)</a>", "\(s.email)", "\(s.role)",
                "\(s.twoFactor ? "✓" : "—")", "\(s.disabled ? "—" : "✓")",
            ]
        })
        <section class="card">
          <h2>\(page.t("admin.staff.add"))</h2>
          <form method="post" action="\(SiteURL.adminStaff)">\(page.csrfField)
            <label>\(page.t("account.email"))<input type="email" name="email" value="\(form.values["email"])" required></label>
            \(page.fieldError(form, "email"))
            \(StaffFields.render(form, options, page))
            <button type="submit">\(page.t("common.add"))</button></form>
        </section>
        """
    }
}

extension StaffAdminController.EditPage: PageView {
    func render(_ page: Page) -> HTML {
        let base = SiteURL.adminStaff + "/" + member.id.uuidString
        let reason: HTML =
            "<input name=\"reason\" required minlength=\"3\" maxlength=\"200\" placeholder=\"\(page.t("admin.staff.reason"))\" aria-label=\"\(page.t("admin.staff.reason"))\"> "
        return """
            <h1>\(member.name) <small>\(member.email)</small></h1>
            \(StaffFields.issued(issuedPassword, page))
            <dl class="facts"><dt>\(page.t("account.role"))</dt><dd>\(member.role)</dd><dt>2FA</dt><dd>\(page.t(member.twoFactor ? "common.active" : "common.inactive"))</dd><dt>\(page.t("admin.staff.status"))</dt><dd>\(page.t(member.disabled ? "admin.staff.disabled" : "common.active"))</dd></dl>
            <form method="post" action="\(base)">\(page.csrfField)
              \(StaffFields.render(form, options, page))
              <button type="submit">\(page.t("common.save"))</button></form>
            <div class="actions">
              <p>\(page.t("admin.staff.reason_help"))</p>
              <form method="post" action="\(base)/status" class="inline">\(page.csrfField)\(when: !member.disabled, reason)<button type="submit">\(page.t(member.disabled ? "admin.staff.enable" : "admin.staff.disable"))</button></form>
              <form method="post" action="\(base)/reset-2fa" class="inline">\(page.csrfField)\(reason)<button type="submit">\(page.t("admin.staff.reset_2fa"))</button></form>
              <form method="post" action="\(base)/reset-password" class="inline">\(page.csrfField)\(reason)<button type="submit">\(page.t("admin.staff.reset_password"))</button></form>
            </div>
            <p><a href="\(SiteURL.adminStaff)">\(page.t("common.back"))</a></p>
            """
    }
}
