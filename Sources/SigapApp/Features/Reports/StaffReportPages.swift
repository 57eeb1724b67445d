/// `/dasbor/laporan`: the staff queue with its filters.
extension StaffReportsController.QueuePage: PageView {
    func render(_ page: Page) -> HTML {
        let q = self
        let f = q.filters
        let body: HTML = """
            <h1>\(page.t("staff.queue_title"))</h1>
            <form method="get" action="\(SiteURL.staffQueue)" class="filters">
              <label>\(page.t("report.status"))<select name="status">\(FormPieces.options(q.statuses, selected: f["status"]))</select></label>
              <label>\(page.t("report.category"))<select name="category"><option value="">—</option>\(FormPieces.options(q.categories, selected: f["category"]))</select></label>
              <label>Kecamatan<select name="kecamatan"><option value="">—</option>\(FormPieces.options(q.kecamatan, selected: f["kecamatan"]))</select></label>
              \(some: q.agencies, { "<label>\(page.t("admin.agency"))<select name=\"agency\"><option value=\"\">—</option>\(FormPieces.options($0, selected: f["agency"]))</select></label>" })
              <label>\(page.t("staff.sort"))<select name="urut"><option value="">\(page.t("staff.newest"))</option><option value="terlama"\(when: f["urut"] == "terlama", " selected")>\(page.t("staff.oldest"))</option></select></label>
              <label class="check"><input type="checkbox" name="terlambat" value="1"\(when: f["terlambat"] == "1", " checked")> \(page.t("staff.only_late"))</label>
              <label>\(page.t("report.search"))<input name="q" value="\(f["q"])" maxlength="100"></label>
              \(when: f["tempo"] == "hari-ini", "<input type=\"hidden\" name=\"tempo\" value=\"hari-ini\">")
              <button type="submit">\(page.t("report.filter"))</button>
            </form>
            <p class="hint" role="status">\(page.t("staff.showing", q.showing))</p>
            \(ReportListViews.rows(q.reports, page))
            \(Pager.render(previous: q.previousPage, next: q.nextPage, page))
            """
        return body
    }
}

/// `/dasbor/laporan/{nomor}`: one report for staff, with every action the policy allows them now.
extension StaffReportsController.StaffPage: PageView {
    func render(_ page: Page) -> HTML {
        let r = report
        return """
            <p class="crumbs"><a href="\(SiteURL.staffQueue)">\(page.t("staff.queue_title"))</a></p>
            <h1>\(r.title)</h1>
            <p><span class="status status-\(r.status.rawValue)">\(statusLabel)</span> · <a href="\(SiteURL.report(r.number))">\(r.number)</a> · \(r.privacy.rawValue)</p>
            \(page.formError(form.error))
            \(each: ["text", "agency", "target"], { page.fieldError(form, $0) })
            <dl class="facts">
              <dt>\(page.t("report.category"))</dt><dd>\(r.category.name)</dd>
              <dt>\(page.t("report.agency"))</dt><dd>\(r.agency)</dd>
              <dt>\(page.t("report.desa"))</dt><dd>\(r.desa.name), \(r.kecamatan)</dd>
              \(when: !r.address.isEmpty, "<dt>\(page.t("report.address"))</dt><dd>\(r.address)</dd>")
              \(some: r.location, { "<dt>\(page.t("report.coordinates"))</dt><dd><a href=\"https://www.openstreetmap.org/?mlat=\($0.lat)&amp;mlon=\($0.lon)#map=18/\($0.lat)/\($0.lon)\" rel=\"noopener\" target=\"_blank\">\($0.lat), \($0.lon)</a> · <a href=\"\(SiteURL.map)\">\(page.t("home.map"))</a></dd>" })
              <dt>\(page.t("report.reporter"))</dt><dd>\(reporter ?? page.t("report.reporter_hidden"))</dd>
              \(AssistedFields.fact(page, assisted: assisted))
            </dl>
            <p class="text">\(r.description)</p>
            \(some: deadlines, { DeadlinesView.render($0, page) })
            \(some: photos, { "<div class=\"photos\">\(each: $0, { photo($0, page) })</div>" })
            <h2>\(page.t("report.timeline"))</h2>
            \(TimelineView.render(timeline))
            <h2>\(page.t("staff.actions"))</h2>
            <div class="actions-grid">
            \(when: can["verify"] == true, action("verify", page, """
                \(some: suggestions, { s in
                    "<p>\(page.t("suggest.staff_title")) \(each: s, { "<strong>\($0.name)</strong> (\($0.agency)) " })</p><p class=\"hint\">\(page.t("suggest.staff_hint"))</p>"
                })
                  <label>\(page.t("report.category"))<select name="category">\(FormPieces.options(categories, selected: r.category.code))</select></label>
                  \(page.fieldError(form, "category"))
                  <button type="submit">\(page.t("action.verify"))</button>
                """))
            \(when: can["start"] == true, action("start", page, "<button type=\"submit\">\(page.t("action.start"))</button>"))
            \(when: can["reply"] == true, action("reply", page, textAction("action.reply", "action.reply", page)))
            \(when: can["note"] == true, action("note", page, textAction("action.note", "action.note", page)))
            \(when: can["assign"] == true, action("assign", page, """
                <label>\(page.t("admin.agency"))<select name="agency" required><option value="">—</option>\(FormPieces.options(agencies, selected: nil))</select></label><label>\(page.t("action.assign_note"))<textarea name="text" maxlength="4000" required></textarea></label><button type="submit">\(page.t("action.assign"))</button>
                """))
            \(when: can["resolve"] == true, action("resolve", page, """
                <label>\(page.t("action.resolution"))<textarea name="text" maxlength="4000" required></textarea></label><label>\(page.t("report.photos"))<input type="file" name="photo[]" accept="image/jpeg,image/png"></label><button type="submit">\(page.t("action.resolve"))</button>
                """))
            \(when: can["reject"] == true, action("reject", page, destructive: true, """
                <label>\(page.t("action.reject_reason"))<textarea name="text" maxlength="4000" required></textarea></label>\(confirmation("action.reject_confirm", page))<button type="submit" class="danger">\(page.t("action.reject"))</button>
                """))
            \(when: can["merge"] == true, action("merge", page, destructive: true, """
                <label>\(page.t("action.merge_target"))<input name="target" placeholder="SGP-2026-000001" required></label>\(confirmation("action.merge_confirm", page))<button type="submit" class="danger">\(page.t("action.merge"))</button>
                """))
            </div>
            """
    }

    /// The multipart action form (the CSRF token travels in the address, as with every upload form).
    private var actionURL: String { SiteURL.staffReport(report.number) + "/tindakan" }

    private func action(_ name: StaticString, _ page: Page, destructive: Bool = false, _ fields: HTML) -> HTML {
        """
        <form method="post" action="\(actionURL)?_csrf=\(page.csrfToken)" enctype="multipart/form-data" class="card\(when: destructive, " destructive")"><input type="hidden" name="action" value="\(name.description)">\(fields)</form>
        """
    }

    /// "Yes, really": rejecting or merging ends the citizen's report, so it is never one click.
    private func confirmation(_ key: String, _ page: Page) -> HTML {
        "<label class=\"check\"><input type=\"checkbox\" name=\"yakin\" required> \(page.t(key))</label>\(page.fieldError(form, "yakin"))"
    }

    private func textAction(_ label: String, _ button: String, _ page: Page) -> HTML {
        "<label>\(page.t(label))<textarea name=\"text\" maxlength=\"4000\" required></textarea></label><button type=\"submit\">\(page.t(button))</button>"
    }

    private func photo(_ p: StaffReportsController.PhotoRow, _ page: Page) -> HTML {
        let control: HTML =
            p.hidden
            ? "<figcaption>\(page.t("report.photo_hidden"))</figcaption>"
            : action(
                "hide_photo", page,
                "<input type=\"hidden\" name=\"photo_id\" value=\"\(p.id)\"><button type=\"submit\" class=\"small\">\(page.t("report.hide_photo"))</button>"
            )
        return """
            <figure><a href="\(p.url)"><img src="\(p.url)?ukuran=kecil" alt="\(page.t("report.photo_alt"))" width="160"></a>
              \(control)</figure>
            """
    }
}

/// A report's timeline (public and staff pages).
enum TimelineView {
    static func render(_ rows: [TimelineRow]) -> HTML {
        """
        <ol class="timeline">\(each: rows, { e in
            "<li\(when: e.restricted, " class=\"restricted\"")><time>\(e.at)</time> <strong>\(e.label)</strong>\(when: !e.text.isEmpty, " — \(e.text)")</li>"
        })</ol>
        """
    }
}
