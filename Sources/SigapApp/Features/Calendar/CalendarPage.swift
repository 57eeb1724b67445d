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
                  \(DataTable.render(columns: [page.t("admin.calendar.date"), page.t("admin.name"), page.t("admin.kind")], rows: y.days) { ["\($0.date)", "\($0.name)", "\($0.kind)"] })
                </section>
                """
            })
            """
    }

    private func localDays(_ page: Page) -> HTML {
        guard let local else { return "<p>\(page.t("admin.calendar.no_local"))</p>" }
        let columns = [page.t("admin.calendar.date"), page.t("admin.name"), page.t("admin.kind"), ""]
        return DataTable.render(columns: columns, rows: local) { d in
            [
                "\(d.date)", "\(d.name)", "\(d.kind)",
                "<form method=\"post\" action=\"\(SiteURL.adminCalendar)/\(d.id)/hapus\" class=\"inline\">\(page.csrfField)<button type=\"submit\" class=\"danger\">\(page.t("admin.calendar.remove"))</button></form>",
            ]
        }
    }
}
