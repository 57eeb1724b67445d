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
        let columns = [
            page.t("report.date"), page.t("admin.messages.channel"), page.t("admin.messages.event"),
            page.t("report.number"), page.t("admin.messages.attempts"), page.t("admin.messages.error"), "",
        ]
        return DataTable.render(columns: columns, rows: rows) { f in
            [
                "\(f.at)", "\(f.channel)", "\(f.event)", "\(f.number)", "\(f.attempts)", "\(f.error)",
                "<form method=\"post\" action=\"\(SiteURL.adminMessages)/\(f.id)/ulang\" class=\"inline\">\(page.csrfField)<button type=\"submit\" class=\"small\">\(page.t("admin.messages.retry"))</button></form>",
            ]
        }
    }
}
