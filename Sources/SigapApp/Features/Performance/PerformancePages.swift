/// The service-level statistics pages: public transparency and the leadership dashboard, sharing the period
/// choice, the league tables and the weekly chart.
enum StatsPieces {
    static func period(_ stats: StatsView, _ page: Page) -> HTML {
        """
        <form method="get" class="filters">
          <label>\(page.t("performance.period"))<select name="periode">\(FormPieces.options(stats.periods, selected: stats.period))</select></label>
          <button type="submit">\(page.t("report.filter"))</button>
        </form>
        """
    }

    static func tables(_ stats: StatsView, _ page: Page) -> HTML {
        let total = stats.total
        return """
            \(each: stats.tables, { table in
                """
                <section class="card">
                <h2>\(table.title)</h2>
                <table class="cards league">
                <thead><tr><th>\(table.groupLabel)</th><th>\(page.t("performance.received"))</th><th>\(page.t("performance.open"))</th><th>\(page.t("performance.late_now"))</th><th>\(page.t("performance.median_hours"))</th><th>\(page.t("performance.compliance"))</th><th>\(page.t("performance.resolution"))</th><th>\(page.t("performance.rating"))</th></tr></thead>
                <tbody>\(each: table.lines, { line in
                    "<tr><th scope=\"row\">\(line.name)</th><td data-label=\"\(page.t("performance.received"))\">\(line.received)</td><td data-label=\"\(page.t("performance.open"))\">\(line.open)</td><td data-label=\"\(page.t("performance.late_now"))\">\(lateNow(line))</td><td data-label=\"\(page.t("performance.median_hours"))\">\(page.decimal(line.medianHours))</td><td data-label=\"\(page.t("performance.compliance"))\"><meter min=\"0\" max=\"100\" value=\"\(line.complianceBar)\"></meter> \(page.percent(line.compliancePercent)) <small>(\(line.respondedOnTime)/\(line.due))</small></td><td data-label=\"\(page.t("performance.resolution"))\">\(page.percent(line.resolutionPercent))</td><td data-label=\"\(page.t("performance.rating"))\">\(page.decimal(line.rating))</td></tr>"
                })</tbody>
                <tfoot><tr><th scope="row">\(total.name)</th><td data-label="\(page.t("performance.received"))">\(total.received)</td><td data-label="\(page.t("performance.open"))">\(total.open)</td><td data-label="\(page.t("performance.late_now"))">\(total.lateNow)</td><td data-label="\(page.t("performance.median_hours"))">\(page.decimal(total.medianHours))</td><td data-label="\(page.t("performance.compliance"))">\(page.percent(total.compliancePercent)) <small>(\(total.respondedOnTime)/\(total.due))</small></td><td data-label="\(page.t("performance.resolution"))">\(page.percent(total.resolutionPercent))</td><td data-label="\(page.t("performance.rating"))">\(page.decimal(total.rating))</td></tr></tfoot>
                </table>
                </section>
                """
            })
            """
    }

    private static func lateNow(_ line: StatsLine) -> HTML {
        guard let link = line.drillDown else { return "\(line.lateNow)" }
        return "<a href=\"\(link)\">\(line.lateNow)</a>"
    }

    static func chart(_ stats: StatsView, _ page: Page) -> HTML {
        let chart = stats.chart
        return """
            <section class="card">
            <h2>\(page.t("performance.trend"))</h2>
            <svg class="chart" viewBox="0 0 \(chart.width) \(chart.height)" width="100%" role="img" aria-labelledby="chart-title">
            <title id="chart-title">\(page.t("performance.trend_alt", String(chart.maximum)))</title>
            <line x1="8" y1="130" x2="\(chart.width)" y2="130" stroke="#888" />
            \(each: chart.bars, { bar in
                "<rect x=\"\(bar.x)\" y=\"\(bar.y)\" width=\"14\" height=\"\(bar.height)\" class=\"\(bar.late ? "late" : "received")\"><title>\(bar.value)</title></rect>"
            })
            \(each: chart.labels, { "<text x=\"\($0.x)\" y=\"148\" font-size=\"10\">\($0.text)</text>" })
            </svg>
            <p class="legend"><span class="swatch received"></span> \(page.t("performance.received")) <span class="swatch late"></span> \(page.t("performance.late_answers"))</p>
            </section>
            """
    }
}

extension TransparencyController.TransparencyPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("transparency.title"))</h1>
        <p>\(page.t("transparency.intro"))</p>
        \(StatsPieces.period(stats, page))
        <p><a href="\(csv)" download>\(page.t("transparency.csv"))</a> · <a href="\(SiteURL.satisfactionIndex)">\(page.t("survey.index_title"))</a> · <a href="\(SiteURL.services)">\(page.t("service.catalogue"))</a></p>
        \(StatsPieces.tables(stats, page))
        \(StatsPieces.chart(stats, page))
        \(ApplicationStats.render(applications, page))
        <section><h2>\(page.t("survey.index_title"))</h2>\(Surveys.render(satisfaction, page))</section>
        <p class="hint">\(page.t("transparency.definitions"))</p>
        """
    }
}

extension LeadershipController.LeadershipPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("leadership.title"))</h1>
        <p>\(page.t("leadership.intro"))</p>
        <p><a href="\(SiteURL.satisfactionIndex)">\(page.t("survey.index_title"))</a> · <a href="\(SiteURL.surveyCSV)" download>\(page.t("survey.csv"))</a></p>
        \(StatsPieces.period(stats, page))
        \(StatsPieces.tables(stats, page))
        \(StatsPieces.chart(stats, page))
        \(ApplicationStats.render(applications, page))
        <section><h2>\(page.t("survey.index_title"))</h2>\(Surveys.render(satisfaction, page))</section>
        <section class="card">
        <h2>\(page.t("leadership.escalations"))</h2>
        \(escalationTable(page))
        </section>
        """
    }

    private func escalationTable(_ page: Page) -> HTML {
        guard let escalations else { return "<p>\(page.t("leadership.no_escalations"))</p>" }
        let columns = [
            page.t("report.number"), page.t("report.title"), page.t("report.agency"), page.t("leadership.escalation"),
            page.t("report.date"),
        ]
        return DataTable.render(columns: columns, rows: escalations) { e in
            ["<a href=\"\(e.url)\">\(e.number)</a>", "\(e.title)", "\(e.agency)", "\(e.what)", "\(e.at)"]
        }
    }
}
