/// `/`: what Sigap is for and the ways in.
extension HomeController.HomePage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("home.heading"))</h1>
        <p>\(page.t("home.intro"))</p>
        <ul class="actions">
          <li><a href="\(SiteURL.fileReport)">\(page.t("home.file_report"))</a></li>
          <li><a href="\(SiteURL.reports)">\(page.t("report.list_title"))</a></li>
          <li><a href="\(SiteURL.map)">\(page.t("home.map"))</a></li>
          <li><a href="\(SiteURL.transparency)">\(page.t("transparency.title"))</a></li>
          <li><a href="\(SiteURL.musrenbang)">\(page.t("musrenbang.title"))</a></li>
          <li><a href="\(SiteURL.forum)">\(page.t("forum.title"))</a></li>
          <li><a href="\(SiteURL.dprd)">\(page.t("dprd.title"))</a></li>
          <li><a href="\(SiteURL.news)">\(page.t("portal.news"))</a> · <a href="\(SiteURL.documents)">\(page.t("portal.documents"))</a> · <a href="\(SiteURL.agenda)">\(page.t("portal.agenda"))</a></li>
          <li><a href="\(SiteURL.wbs)">\(page.t("wbs.title"))</a></li>
        </ul>
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
