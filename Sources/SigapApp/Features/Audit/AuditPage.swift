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
