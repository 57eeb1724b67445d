extension AuditAdminController.AuditPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("admin.audit.title"))</h1>
        \(DataTable.render(columns: [page.t("admin.audit.time"), page.t("admin.audit.actor"), page.t("admin.audit.action"), page.t("admin.audit.subject"), page.t("admin.audit.detail")], rows: events, class: "audit") { e in
            ["\(e.occurredAt)", "\(e.actor) <small>\(e.actorRole)</small>", "\(e.action)", "\(e.subject)", "\(e.detail)"]
        })
        \(Pager.render(previous: previousPage.map { "?halaman=\($0)" }, next: nextPage.map { "?halaman=\($0)" }, page))
        """
    }
}
