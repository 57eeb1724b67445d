extension DashboardController.DashboardPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("dashboard.title"))</h1>
        <p>\(page.t("dashboard.welcome", page.frame.viewer?.name ?? ""))</p>
        <ul class="actions">\(each: links, { "<li><a href=\"\($0.href)\">\($0.label)</a></li>" })</ul>
        """
    }
}
