/// The guides' pages. The printed ones fill one portrait A4 (`@page guide` in the stylesheet) with the region's
/// name and emblem, the steps, and a QR code to where the reader starts.

extension GuidesController.IndexPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("guide.title"))</h1>
        <p>\(page.t("guide.intro"))</p>
        <ul class="actions">\(each: Guide.all, { g in "<li><a href=\"\(SiteURL.guide(g.slug))\">\(page.t("guide.\(g.slug).title"))<small>\(page.t("guide.\(g.slug).intro"))</small></a></li>" })</ul>
        <h2>\(page.t("guide.print_title"))</h2>
        <p>\(page.t("guide.print_intro"))</p>
        <ul>\(each: Guide.all, { g in "<li><a href=\"\(SiteURL.printableGuide(g.slug))\">\(page.t("guide.\(g.slug).title"))</a></li>" })
          <li><a href="\(SiteURL.poster)"><strong>\(page.t("guide.poster_title"))</strong></a></li></ul>
        <p><a href="\(SiteURL.practice)">\(page.t("practice.title"))</a></p>
        """
    }
}

extension GuidesController.GuidePage: PageView {
    func render(_ page: Page) -> HTML {
        let g = guide
        let steps = (1...g.steps).map { number in
            (number, page.t("guide.\(g.slug).step\(number)"), g.screenshots[number])
        }
        if printable {
            return """
                <article class="printable">
                  <header class="printable-head">\(RegionBranding.emblem(page.frame.region, height: 48))<p><strong>\(page.frame.region.name)</strong><br>Sigap · \(site)</p></header>
                  <h1>\(page.t("guide.\(g.slug).title"))</h1>
                  <p>\(page.t("guide.\(g.slug).intro"))</p>
                  <ol class="steps">\(each: steps, { s in "<li>\(s.1)</li>" })</ol>
                  <div class="printable-foot">\(some: qr, { QRView.render($0, label: page.t("guide.qr_label")) })<p>\(page.t("guide.scan", site + g.start))</p></div>
                </article>
                <p class="hint no-print">\(page.t("guide.print_hint"))</p>
                """
        }
        return """
            <p class="crumbs"><a href="\(SiteURL.guides)">\(page.t("guide.title"))</a></p>
            <h1>\(page.t("guide.\(g.slug).title"))</h1>
            <p>\(page.t("guide.\(g.slug).intro"))</p>
            <ol class="guide-steps">\(each: steps, { s in
                "<li><p>\(s.1)</p>\(some: s.2, { "<img src=\"\(Guide.screenshotURL($0))\" alt=\"\(page.t("guide.screenshot_alt", String(s.0)))\" width=\"360\" loading=\"lazy\">" })</li>"
            })</ol>
            <p><a class="cta" href="\(g.start)">\(page.t("guide.\(g.slug).go"))</a> <a href="\(SiteURL.printableGuide(g.slug))">\(page.t("guide.print_one"))</a></p>
            """
    }
}

extension GuidesController.PosterPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <article class="printable poster-a4">
          <header class="printable-head">\(RegionBranding.emblem(page.frame.region, height: 72))<p><strong>\(page.frame.region.name)</strong></p></header>
          <h1>\(page.t("guide.poster_heading"))</h1>
          <p class="lead">\(page.t("guide.poster_lead"))</p>
          <div class="poster-ways">
            <div>\(some: qr, { QRView.render($0, label: page.t("guide.qr_label")) })<p><strong>\(site)</strong></p></div>
            <ul>
              \(some: whatsapp, { "<li><strong>WhatsApp</strong> \($0)</li>" })
              \(some: telegram, { "<li><strong>Telegram</strong> \($0)</li>" })
              <li>\(page.t("guide.poster_web"))</li>
            </ul>
          </div>
          <ol class="steps"><li>\(page.t("home.step_file"))</li><li>\(page.t("home.step_route"))</li><li>\(page.t("home.step_answer"))</li></ol>
          <p>\(page.t("guide.poster_wbs"))</p>
          <p class="hint">\(page.t("footer.operator", page.frame.region.name, page.frame.region.operatorName)) · \(page.frame.region.operatorContact)</p>
        </article>
        <p class="hint no-print">\(page.t("guide.print_hint"))</p>
        """
    }
}
