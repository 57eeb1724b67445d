/// The table of reports the public list, a citizen's own list and the staff queue share.
enum ReportListViews {
    static func rows(_ reports: [ReportRow]?, _ page: Page) -> HTML {
        guard let reports else { return "<p>\(page.t("report.none"))</p>" }
        let columns = [
            page.t("report.number"), page.t("report.title"), page.t("report.status"), page.t("report.category"),
            "Kecamatan", page.t("report.date"),
        ]
        return DataTable.render(columns: columns, rows: reports, class: "reports") { r in
            [
                "<a href=\"\(r.url)\">\(r.number)</a>", "\(r.title)",
                "<span class=\"status status-\(r.status)\">\(r.statusLabel)</span>\(when: r.late, " <span class=\"late\">\(page.t("report.late"))</span>")",
                "\(r.category)", "\(r.kecamatan)", "\(r.createdAt)",
            ]
        }
    }

}
