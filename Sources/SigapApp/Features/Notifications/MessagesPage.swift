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
