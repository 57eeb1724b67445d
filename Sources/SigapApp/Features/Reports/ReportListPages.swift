/// The public list, the map and a citizen's own reports.

extension ReportPagesController.ListPage: PageView {
    func render(_ page: Page) -> HTML {
        let blank: HTML = "<option value=\"\">—</option>"
        return """
            <h1>\(page.t("report.list_title"))</h1>
            <p><a href="\(SiteURL.fileReport)">\(page.t("report.form_title"))</a> · <a href="\(SiteURL.map)">\(page.t("report.map_title"))</a></p>
            <form method="get" action="\(SiteURL.reports)" class="filters">
              <label>\(page.t("report.status"))<select name="status">\(blank)\(FormPieces.options(statuses, selected: filters["status"]))</select></label>
              <label>\(page.t("report.category"))<select name="category">\(blank)\(FormPieces.options(categories, selected: filters["category"]))</select></label>
              <label>Kecamatan<select name="kecamatan">\(blank)\(FormPieces.options(kecamatan, selected: filters["kecamatan"]))</select></label>
              <label>\(page.t("report.search"))<input name="q" value="\(filters["q"])" maxlength="100"></label>
              <button type="submit">\(page.t("report.filter"))</button>
            </form>
            \(ReportListViews.rows(reports, page))
            \(Pager.render(previous: previousPage, next: nextPage, page))
            """
    }
}

extension MapPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("report.map_title"))</h1>
        <p class="hint">\(page.t("report.map_hint"))</p>
        <form method="get" action="\(SiteURL.map)" class="filters" id="map-filters">
          <label>\(page.t("report.status"))<select name="status"><option value="">\(page.t("report.map_open"))</option>\(FormPieces.options(statuses, selected: filters["status"]))</select></label>
          <label>\(page.t("report.category"))<select name="category"><option value="">—</option>\(FormPieces.options(categories, selected: filters["category"]))</select></label>
          <button type="submit">\(page.t("report.filter"))</button>
        </form>
        \(map.render(label: page.t("report.map_title"), mode: "reports", page, extra: "data-more=\"\(page.t("report.map_more"))\""))
        \(ReportListViews.rows(reports, page))
        """
    }
}

extension ReportPagesController.MinePage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("report.mine_title"))</h1>
        <p><a href="\(SiteURL.fileReport)">\(page.t("report.form_title"))</a></p>
        \(ReportListViews.rows(reports, page))
        """
    }
}
