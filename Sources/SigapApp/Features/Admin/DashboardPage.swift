extension DashboardController.DashboardPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("dashboard.title"))</h1>
        <p>\(page.t("dashboard.welcome", page.frame.viewer?.name ?? ""))</p>
        \(some: counts, { counts in
            """
            <h2>\(page.t("dashboard.queue"))</h2>
            <ul class="counts">\(each: counts, { c in
                "<li\(when: c.urgent && c.value > 0, " class=\"urgent\"")><a href=\"\(c.href)\"><span class=\"count\">\(c.value)</span> \(c.label)</a></li>"
            })</ul>
            """
        })
        <h2>\(page.t("dashboard.pages"))</h2>
        <ul class="actions">\(each: links, { "<li><a href=\"\($0.href)\">\($0.label)</a></li>" })</ul>
        """
    }
}
