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
