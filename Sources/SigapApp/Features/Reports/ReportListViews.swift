/// The table of reports the public list, a citizen's own list and the staff queue share.
enum ReportListViews {
    static func rows(_ reports: [ReportRow]?, _ page: Page) -> HTML {
        guard let reports else { return "<p>\(page.t("report.none"))</p>" }
        return """
            <table class="reports"><thead><tr><th>\(page.t("report.number"))</th><th>\(page.t("report.title"))</th><th>\(page.t("report.status"))</th><th>\(page.t("report.category"))</th><th>Kecamatan</th><th>\(page.t("report.date"))</th></tr></thead><tbody>
            \(each: reports, { r in
                "<tr><td><a href=\"\(r.url)\">\(r.number)</a></td><td>\(r.title)</td><td><span class=\"status status-\(r.status)\">\(r.statusLabel)</span>\(when: r.late, " <span class=\"late\">\(page.t("report.late"))</span>")</td><td>\(r.category)</td><td>\(r.kecamatan)</td><td>\(r.createdAt)</td></tr>"
            })
            </tbody></table>
            """
    }

}

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
              <button type="submit">\(page.t("report.filter"))</button>
            </form>
            \(ReportListViews.rows(q.reports, page))
            \(Pager.render(previous: q.previousPage, next: q.nextPage, page))
            """
        return body
    }
}
