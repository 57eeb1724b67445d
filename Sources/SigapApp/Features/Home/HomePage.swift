/// `/`: where a citizen decides to trust the platform — whose it is, what one can do here, how a report
/// travels, how the government has answered lately, and what is coming. No script, one stylesheet.
extension HomeController.HomePage: PageView {
    func render(_ page: Page) -> HTML {
        let figures = highlights.figures
        return """
            <section class="hero">
              \(RegionBranding.emblem(page.frame.region, height: 72))
              <div>
                <h1>\(page.t("home.heading"))</h1>
                <p>\(page.frame.region.name)</p>
                <p>\(page.t("home.intro"))</p>
                <a class="cta" href="\(SiteURL.fileReport)">\(page.t("home.file_report"))</a>
                <a class="cta secondary" href="\(SiteURL.map)">\(page.t("home.map"))</a>
              </div>
            </section>
            <form method="get" action="\(SiteURL.track)" class="filters card">
              <label>\(page.t("home.track"))<input name="nomor" inputmode="text" autocomplete="off" placeholder="\(page.t("home.track_placeholder"))"></label>
              <button type="submit">\(page.t("home.track_button"))</button>
            </form>
            <h2>\(page.t("home.steps_title"))</h2>
            <ol class="steps">
              <li>\(page.t("home.step_file"))</li>
              <li>\(page.t("home.step_route"))</li>
              <li>\(page.t("home.step_answer"))</li>
            </ol>
            <h2>\(page.t("home.figures_title", String(HomeHighlights.period)))</h2>
            <ul class="counts">
              <li><a href="\(SiteURL.transparency)"><span class="count">\(figures.received)</span> \(page.t("home.figure_received"))</a></li>
              <li><a href="\(SiteURL.transparency)"><span class="count">\(page.percent(figures.compliancePercent))</span> \(page.t("home.figure_on_time"))</a></li>
              <li><a href="\(SiteURL.transparency)"><span class="count">\(figures.resolved)</span> \(page.t("home.figure_resolved"))</a></li>
            </ul>
            <h2>\(page.t("home.do_title"))</h2>
            <ul class="actions">
              \(each: Self.capabilities, { c in "<li><a href=\"\(c.url)\">\(page.t(c.key))<small>\(page.t(c.key + "_hint"))</small></a></li>" })
            </ul>
            \(answered(page))
            \(agenda(page))
            """
    }

    static let capabilities: [(key: String, url: String)] = [
        ("home.do_report", SiteURL.fileReport), ("home.do_follow", SiteURL.reports),
        ("home.do_musrenbang", SiteURL.musrenbang), ("home.do_services", SiteURL.services),
        ("home.do_forum", SiteURL.forum), ("home.do_news", SiteURL.news), ("home.do_dprd", SiteURL.dprd),
        ("home.do_wbs", SiteURL.wbs),
    ]

    private func answered(_ page: Page) -> HTML {
        guard !highlights.answered.isEmpty else { return "" }
        return """
            <h2>\(page.t("home.answered_title"))</h2>
            <ul class="recent">\(each: highlights.answered, { r in
                "<li><a href=\"\(SiteURL.report(r.number))\">\(r.number)</a> \(r.title) <span class=\"status status-\(r.status.rawValue)\">\(page.t("status.\(r.status.rawValue)"))</span><blockquote>\(ShareCard.excerpt(r.answer, limit: 240))</blockquote></li>"
            })</ul>
            <p><a href="\(SiteURL.reports)">\(page.t("home.all_reports"))</a></p>
            """
    }

    private func agenda(_ page: Page) -> HTML {
        guard !highlights.agenda.isEmpty else { return "" }
        return """
            <h2>\(page.t("home.agenda_title"))</h2>
            <ul class="recent">\(each: highlights.agenda, { e in
                "<li><strong>\(e.title)</strong><br>\(page.request.localDateTime(e.startsAt)) · \(e.place)</li>"
            })</ul>
            <p><a href="\(SiteURL.agenda)">\(page.t("portal.agenda"))</a></p>
            """
    }
}

/// `/privasi`: what personal data Sigap keeps and why (UU PDP); the registration consent links here.
extension HomeController.PrivacyPage: PageView {
    func render(_ page: Page) -> HTML {
        let region = page.frame.region
        return """
            <h1>\(page.t("privacy.title"))</h1>
            <p>\(page.t("privacy.intro"))</p>
            <p>\(page.t("privacy.controller", region.name, region.operatorName, region.operatorContact))</p>
            \(each: ["what", "why", "who"], { part in
                "<h2>\(page.t("privacy.\(part)_title"))</h2><p>\(page.t("privacy.\(part)"))</p>"
            })
            <h2>\(page.t("privacy.keep_title"))</h2>
            <ul>
              <li>\(page.t("privacy.keep"))</li>
              <li>\(page.t("privacy.keep_contact", String(retention.closedReportContactDays)))</li>
              <li>\(page.t("privacy.keep_messages", String(retention.deliveredMessageDays)))</li>
              <li>\(page.t("privacy.keep_sessions"))</li>
              <li>\(page.t("privacy.keep_audit", String(retention.auditDays)))</li>
              <li>\(page.t("privacy.keep_wbs", String(wbsRetentionDays)))</li>
            </ul>
            <h2>\(page.t("privacy.rights_title"))</h2>
            <p>\(page.t("privacy.rights"))</p>
            <ul>\(each: ["access", "correction", "deletion", "objection"], { right in
                "<li>\(page.t("privacy.right_\(right)"))</li>"
            })</ul>
            <p>\(page.t("privacy.rights_deadline")) <a href="\(SiteURL.myData)">\(page.t("mydata.title"))</a></p>
            """
    }
}
