import Foundation
import SigapCore

extension OpenDataController.DataPage: PageView {
    struct Dataset {
        let id: String
        let title: String
        let about: String
        let downloads: [(label: String, url: String)]
        let fields: [String]
    }

    func datasets(_ page: Page) -> [Dataset] {
        let thisYear = "?tahun=\(year)"
        return [
            Dataset(
                id: "laporan", title: page.t("data.reports"), about: page.t("data.reports_about"),
                downloads: [("CSV", SiteURL.reportsCSV), ("GeoJSON", SiteURL.reportsGeoJSON)],
                fields: ReportExport.csvHeader),
            Dataset(
                id: "kinerja", title: page.t("data.performance"), about: page.t("data.performance_about"),
                downloads: [("CSV", SiteURL.transparencyCSV)],
                fields: [
                    "group", "code", "name", "received", "open", "late_now", "due", "responded_on_time",
                    "compliance_percent", "median_response_working_hours", "resolved", "resolution_percent",
                    "average_rating",
                ]),
            Dataset(
                id: "layanan", title: page.t("data.services"), about: page.t("data.services_about"),
                downloads: [("CSV", SiteURL.servicesCSV + thisYear)],
                fields: [
                    "tahun", "layanan", "opd", "diajukan", "diputus", "diputus_terlambat", "menunggu", "terlambat_kini",
                ]),
            Dataset(
                id: "ikm", title: page.t("data.satisfaction"), about: page.t("data.satisfaction_about"),
                downloads: [("CSV", SiteURL.satisfactionCSV + thisYear)],
                fields: ["tahun", "kelompok", "nama", "responden", "dilayani", "sampel_anjuran", "ikm", "mutu"]
                    + SatisfactionSurvey.Element.allCases.map { "nrr_u\($0.rawValue)" }),
            Dataset(
                id: "musrenbang", title: page.t("data.proposals"), about: page.t("data.proposals_about"),
                downloads: [
                    (page.t("data.proposals_link"), SiteURL.proposalsCSV), (page.t("data.plan_link"), SiteURL.planCSV),
                ],
                fields: [
                    "nomor", "tahun_rencana", "sumber", "tahap", "kecamatan", "desa", "sektor", "opd", "judul",
                    "masalah",
                    "lokasi", "lintang", "bujur", "volume", "satuan", "perkiraan_biaya", "pagu_rkpd", "realisasi",
                    "progres",
                ]),
        ]
    }

    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("data.title"))</h1>
        <p>\(page.t("data.intro"))</p>
        <p class="card">\(page.t("data.license")) <a href="\(license.url)" rel="license">\(license.name)</a>. \(page.t("data.attribution"))</p>
        <p>\(page.t("data.api")) <a href="\(SiteURL.openAPISpec)">openapi.yaml</a> · <a href="\(SiteURL.open311Base)/discovery.json">Open311 GeoReport v2</a></p>
        <section class="card">
        <h2>\(page.t("data.choose"))</h2>
        <form method="get" action="\(SiteURL.reportsCSV)" class="filters">
          <label>\(page.t("data.from"))<input type="date" name="dari"></label>
          <label>\(page.t("data.to"))<input type="date" name="sampai"></label>
          <label>\(page.t("data.category"))<select name="kategori"><option value="">\(page.t("status.semua"))</option>\(FormPieces.options(categories, selected: nil))</select></label>
          <label>\(page.t("data.kecamatan"))<select name="kecamatan"><option value="">\(page.t("status.semua"))</option>\(FormPieces.options(kecamatan, selected: nil))</select></label>
          <label>\(page.t("data.status"))<select name="status"><option value="">\(page.t("status.semua"))</option>\(FormPieces.options(statuses, selected: nil))</select></label>
          <button type="submit">\(page.t("data.download_csv"))</button>
          <button type="submit" formaction="\(SiteURL.reportsGeoJSON)" class="secondary">\(page.t("data.download_geojson"))</button>
        </form>
        </section>
        \(each: datasets(page), { d in
            """
            <section id="\(d.id)">
            <h2>\(d.title)</h2>
            <p>\(d.about)</p>
            <p>\(each: d.downloads, { l in "<a class=\"button secondary\" href=\"\(l.url)\">\(l.label)</a> " })</p>
            <details><summary>\(page.t("data.fields"))</summary><p class="fields">\(each: d.fields, { "<code>\($0)</code> " })</p></details>
            </section>
            """
        })
        """
    }
}
