import Foundation
import SigapCore

extension PointsController.MinePage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("points.title"))</h1>
        <p class="big-number">\(page.t("points.total", String(total)))</p>
        <p class="hint">\(page.t("points.how"))</p>
        <form method="post" action="\(SiteURL.points)/peringkat">\(page.csrfField)
          <label class="check"><input type="checkbox" name="show"\(when: optedIn, " checked")> \(page.t("points.opt_in"))</label>
          <button type="submit" class="secondary">\(page.t("portal.save"))</button>
        </form>
        <p><a href="\(SiteURL.leaderboard)">\(page.t("points.board_title"))</a></p>
        \(when: !certificates.isEmpty, "<h2>\(page.t("award.my_certificates"))</h2>")
        <ul>\(each: certificates, { c in "<li><a href=\"\(c.url)\">\(c.number)</a> · \(c.title)</li>" })</ul>
        <h2>\(page.t("points.history"))</h2>
        \(when: rows.isEmpty, "<p>\(page.t("points.none"))</p>")
        \(when: !rows.isEmpty, DataTable.render(
            columns: [page.t("report.date"), page.t("points.reason"), page.t("points.source"), page.t("points.points")],
            rows: rows, class: "points") { r in
                ["\(r.date)", "\(r.reason)", "\(r.source)", "<span class=\"\(r.points < 0 ? "late" : "")\">\(r.points > 0 ? "+" : "")\(String(r.points))</span>"]
            })
        """
    }
}

extension PointsController.BoardPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("points.board_title"))</h1>
        <p class="hint">\(page.t("points.board_hint"))</p>
        <form method="get" action="\(SiteURL.leaderboard)" class="filters">
          <label>\(page.t("points.month"))<input type="month" name="bulan" value="\(month)"></label>
          <label>Kecamatan<select name="kecamatan"><option value="">\(page.t("search.all"))</option>\(FormPieces.options(kecamatanChoices, selected: kecamatan))</select></label>
          <button type="submit" class="secondary">\(page.t("report.filter"))</button>
        </form>
        \(when: rows.isEmpty, "<p>\(page.t("points.board_empty"))</p>")
        <ol class="leaderboard">\(each: rows, { r in "<li><strong>\(r.name)</strong> · \(page.t("points.total", String(r.points)))</li>" })</ol>
        """
    }
}
