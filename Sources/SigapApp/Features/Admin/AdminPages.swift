/// The administration pages: agencies, categories, regions, staff, the calendar, the audit log, messages, the
/// staff dashboard.

extension DashboardController.DashboardPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("dashboard.title"))</h1>
        <p>\(page.t("dashboard.welcome", page.frame.viewer?.name ?? ""))</p>
        <ul class="actions">\(each: links, { "<li><a href=\"\($0.href)\">\($0.label)</a></li>" })</ul>
        """
    }
}

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

extension AuditAdminController.AuditPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("admin.audit.title"))</h1>
        <table><thead><tr><th>\(page.t("admin.audit.time"))</th><th>\(page.t("admin.audit.actor"))</th><th>\(page.t("admin.audit.action"))</th><th>\(page.t("admin.audit.subject"))</th><th>\(page.t("admin.audit.detail"))</th></tr></thead><tbody>
        \(each: events, { e in
            "<tr><td>\(e.occurredAt)</td><td>\(e.actor) <small>\(e.actorRole)</small></td><td>\(e.action)</td><td>\(e.subject)</td><td>\(e.detail)</td></tr>"
        })
        </tbody></table>
        \(Pager.render(previous: previousPage.map { "?halaman=\($0)" }, next: nextPage.map { "?halaman=\($0)" }, page))
        """
    }
}

extension CalendarAdminController.CalendarPage: PageView {
    func render(_ page: Page) -> HTML {
        func inlineError(_ field: String) -> HTML {
            "\(some: form.errors[field], { "<span class=\"error\">\($0)</span>" })"
        }
        return """
            <h1>\(page.t("admin.calendar.title"))</h1>
            <p>\(page.t("admin.calendar.intro"))</p>
            \(some: warnings, { "<div class=\"alert\">\(each: $0, { "<p>\($0)</p>" })</div>" })
            <section class="card">
              <h2>\(page.t("admin.calendar.local"))</h2>
              \(localDays(page))
              <h3>\(page.t("admin.calendar.add"))</h3>
              <form method="post" action="\(SiteURL.adminCalendar)">\(page.csrfField)
                <label>\(page.t("admin.calendar.date")) <small>(YYYY-MM-DD)</small><input name="date" type="date" value="\(form.values["date"])" required>\(inlineError("date"))</label>
                <label>\(page.t("admin.name"))<input name="name" value="\(form.values["name"])" maxlength="100" required>\(inlineError("name"))</label>
                <label>\(page.t("admin.kind"))<select name="kind">
                  <option value="libur"\(when: form.values["kind"] == "libur", " selected")>\(page.t("calendar.kind.libur"))</option>
                  <option value="masuk"\(when: form.values["kind"] == "masuk", " selected")>\(page.t("calendar.kind.masuk"))</option></select>\(inlineError("kind"))</label>
                <button type="submit">\(page.t("common.add"))</button></form>
            </section>
            \(each: national, { y in
                """
                <section class="card">
                  <h2>\(page.t("admin.calendar.national", y.year)) <small>\(y.status)</small></h2>
                  <table><tbody>\(each: y.days, { "<tr><td>\($0.date)</td><td>\($0.name)</td><td>\($0.kind)</td></tr>" })</tbody></table>
                </section>
                """
            })
            """
    }

    private func localDays(_ page: Page) -> HTML {
        guard let local else { return "<p>\(page.t("admin.calendar.no_local"))</p>" }
        return """
            <table><thead><tr><th>\(page.t("admin.calendar.date"))</th><th>\(page.t("admin.name"))</th><th>\(page.t("admin.kind"))</th><th></th></tr></thead><tbody>
            \(each: local, { d in
                """
                <tr><td>\(d.date)</td><td>\(d.name)</td><td>\(d.kind)</td><td>
                  <form method="post" action="\(SiteURL.adminCalendar)/\(d.id)/hapus" class="inline">\(page.csrfField)<button type="submit">\(page.t("admin.calendar.remove"))</button></form></td></tr>
                """
            })
            </tbody></table>
            """
    }
}

/// The fields a category is made and edited with.
enum CategoryFields {
    static func render(_ form: FormState, agencies: [SelectOption], kinds: [String], _ page: Page) -> HTML {
        """
        <label>\(page.t("admin.name"))<input name="name" value="\(form.values["name"])" required></label>
        \(page.fieldError(form.errors["name"]))
        <label>\(page.t("admin.description"))<textarea name="description" maxlength="1000">\(form.values["description"])</textarea></label>
        \(page.fieldError(form.errors["description"]))
        <label>\(page.t("admin.keywords"))<input name="keywords" value="\(form.values["keywords"])"></label>
        \(page.fieldError(form.errors["keywords"]))
        <label>\(page.t("admin.kind"))<select name="kind">\(FormPieces.options(kinds.map { SelectOption(id: $0, name: $0) }, selected: form.values["kind"]))</select></label>
        \(page.fieldError(form.errors["kind"]))
        <label>\(page.t("admin.agency"))<select name="agency_id">\(FormPieces.options(agencies, selected: form.values["agency_id"]))</select></label>
        \(page.fieldError(form.errors["agency_id"]))
        <label>\(page.t("admin.response_days"))<input type="number" name="response_working_days" min="1" max="60" value="\(form.values["response_working_days"])" required></label>
        \(page.fieldError(form.errors["response_working_days"]))
        <label>\(page.t("admin.resolution_days"))<input type="number" name="resolution_working_days" min="1" max="365" value="\(form.values["resolution_working_days"])" required></label>
        \(page.fieldError(form.errors["resolution_working_days"]))
        <label class="check"><input type="checkbox" name="active"\(when: form.values["active"] == "on", " checked")> \(page.t("common.active"))</label>
        """
    }
}

extension CategoriesAdminController.CategoriesPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("admin.categories.title"))</h1>
        <table><thead><tr><th>\(page.t("admin.code"))</th><th>\(page.t("admin.name"))</th><th>\(page.t("admin.kind"))</th><th>\(page.t("admin.agency"))</th><th>\(page.t("admin.response_days"))</th><th>\(page.t("admin.resolution_days"))</th><th>\(page.t("common.active"))</th></tr></thead><tbody>
        \(each: categories, { c in
            "<tr><td><a href=\"\(SiteURL.adminCategories)/\(c.id.uuidString)\">\(c.code)</a></td><td>\(c.name)</td><td>\(c.kind)</td><td>\(c.agency)</td><td>\(c.responseWorkingDays)</td><td>\(c.resolutionWorkingDays)</td><td>\(when: c.active, "✓")</td></tr>"
        })
        </tbody></table>
        <section class="card">
          <h2>\(page.t("admin.categories.add"))</h2>
          <form method="post" action="\(SiteURL.adminCategories)">\(page.csrfField)
            <label>\(page.t("admin.code"))<input name="code" value="\(form.values["code"])" required></label>
            \(page.fieldError(form.errors["code"]))
            \(CategoryFields.render(form, agencies: agencies, kinds: kinds, page))
            <button type="submit">\(page.t("common.add"))</button></form>
        </section>
        """
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

extension RegionsAdminController.RegionsPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("admin.regions.title"))</h1>
        \(each: ["name", "code", "kecamatan_id", "kind"], { page.fieldError(form.errors[$0]) })
        \(each: kecamatan, { k in
            """
            <section class="card">
              <h2>\(k.name) <small>\(k.code)</small></h2>
              <form method="post" action="\(SiteURL.adminRegions)/kecamatan/\(k.id.uuidString)" class="inline">\(page.csrfField)
                <input name="name" value="\(k.name)" aria-label="\(page.t("admin.name"))" required><button type="submit">\(page.t("admin.rename"))</button></form>
              <table><thead><tr><th>\(page.t("admin.code"))</th><th>\(page.t("admin.name"))</th><th>\(page.t("admin.kind"))</th></tr></thead><tbody>
              \(each: k.desa, { d in
                  """
                  <tr><td>\(d.code)</td><td>
                    <form method="post" action="\(SiteURL.adminRegions)/desa/\(d.id.uuidString)" class="inline">\(page.csrfField)
                    <input name="name" value="\(d.name)" aria-label="\(page.t("admin.name"))" required><button type="submit">\(page.t("admin.rename"))</button></form></td><td>\(d.kind)</td></tr>
                  """
              })
              </tbody></table>
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
}

/// The fields a staff account is made and edited with: role and scope.
enum StaffFields {
    static func render(_ form: FormState, _ options: StaffAdminController.Options, _ page: Page) -> HTML {
        let blank: HTML = "<option value=\"\">—</option>"
        return """
            <label>\(page.t("admin.name"))<input name="name" value="\(form.values["name"])" required></label>
            \(page.fieldError(form.errors["name"]))
            <label>\(page.t("account.role"))<select name="role">\(FormPieces.options(options.roles, selected: form.values["role"]))</select></label>
            \(page.fieldError(form.errors["role"]))
            <label>\(page.t("admin.agency"))<select name="agency_id">\(blank)\(FormPieces.options(options.agencies, selected: form.values["agency_id"]))</select></label>
            \(page.fieldError(form.errors["agency_id"]))
            \(when: options.showRegions, """
                <label>Kecamatan<select name="kecamatan_id">\(blank)\(FormPieces.options(options.kecamatan, selected: form.values["kecamatan_id"]))</select></label>
                \(page.fieldError(form.errors["kecamatan_id"]))
                <label>Desa/Kelurahan<select name="desa_id">\(blank)\(FormPieces.options(options.desa, selected: form.values["desa_id"]))</select></label>
                \(page.fieldError(form.errors["desa_id"]))
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
        <table><thead><tr><th>\(page.t("admin.name"))</th><th>\(page.t("account.email"))</th><th>\(page.t("account.role"))</th><th>2FA</th><th>\(page.t("common.active"))</th></tr></thead><tbody>
        \(each: staff, { s in
            "<tr><td><a href=\"\(SiteURL.adminStaff)/\(s.id.uuidString)\">\(s.name)</a></td><td>\(s.email)</td><td>\(s.role)</td><td>\(when: s.twoFactor, "✓")</td><td>\(s.disabled ? "—" : "✓")</td></tr>"
        })
        </tbody></table>
        <section class="card">
          <h2>\(page.t("admin.staff.add"))</h2>
          <form method="post" action="\(SiteURL.adminStaff)">\(page.csrfField)
            <label>\(page.t("account.email"))<input type="email" name="email" value="\(form.values["email"])" required></label>
            \(page.fieldError(form.errors["email"]))
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

extension MessagesAdminController.MessagesPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("admin.messages.title"))</h1>
        <ul>\(each: channels, { "<li>\($0)</li>" })</ul>
        <section class="card">
        <h2>\(page.t("admin.messages.waiting"))</h2>
        \(waitingTable(page))
        </section>
        <section class="card">
        <h2>\(page.t("admin.messages.failed"))</h2>
        \(failedTable(page))
        </section>
        """
    }

    private func waitingTable(_ page: Page) -> HTML {
        guard let waiting else { return "<p>\(page.t("admin.messages.none_waiting"))</p>" }
        return
            "<table><tbody>\(each: waiting, { "<tr><th>\($0.channel)</th><td>\($0.count)</td></tr>" })</tbody></table>"
    }

    private func failedTable(_ page: Page) -> HTML {
        guard let rows = failed else { return "<p>\(page.t("admin.messages.none_failed"))</p>" }
        return """
            <table><thead><tr><th>\(page.t("report.date"))</th><th>\(page.t("admin.messages.channel"))</th><th>\(page.t("admin.messages.event"))</th><th>\(page.t("report.number"))</th><th>\(page.t("admin.messages.attempts"))</th><th>\(page.t("admin.messages.error"))</th><th></th></tr></thead><tbody>
            \(each: rows, { failedRow($0, page) })
            </tbody></table>
            """
    }

    private func failedRow(_ f: MessagesAdminController.FailedRow, _ page: Page) -> HTML {
        """
        <tr><td>\(f.at)</td><td>\(f.channel)</td><td>\(f.event)</td><td>\(f.number)</td><td>\(f.attempts)</td><td>\(f.error)</td><td><form method="post" action="\(SiteURL.adminMessages)/\(f.id)/ulang" class="inline">\(page.csrfField)<button type="submit" class="small">\(page.t("admin.messages.retry"))</button></form></td></tr>
        """
    }
}
