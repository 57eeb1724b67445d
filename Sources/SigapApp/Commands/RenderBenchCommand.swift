import Foundation
import Plot
import SigapCore
import Vapor

/// `sigap bench-render [--iterations N]`: renders the report page and the staff queue over the same sample data
/// with each page renderer Sigap considered (decision 0013) and prints the time per page. Run it from a release
/// build (`swift build -c release`); it touches no database.
struct RenderBenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "iterations", help: "pages rendered per renderer and page (default 20000)") var iterations: Int?
        @Option(name: "dump", help: "a folder to write each renderer's pages to, to compare them") var dump: String?
        init() {}
    }

    var help: String { "Times the page renderers over sample data (release build)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let iterations = max(100, signature.iterations ?? 20_000)
        // A bare request: no session, so the sample pages carry no form (a passer-by's view of a report).
        let request = Request(application: app, on: app.eventLoopGroup.next())
        let sample = RenderSample(request)
        let page = Page(frame: sample.detail.page, catalog: app.catalog, language: .id, request: request)
        let queuePage = Page(frame: sample.queue.page, catalog: app.catalog, language: .id, request: request)

        if let folder = signature.dump {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let pages = [
                ("detail-leaf", String(buffer: try await request.view.render("reports/detail", sample.detail).data)),
                ("detail-plot", PlotPages.detail(sample.detail, page)),
                ("detail-html", Layout.render(page, sample.detail.render(page)).text),
                ("queue-leaf", String(buffer: try await request.view.render("reports/staff-queue", sample.queue).data)),
                ("queue-plot", PlotPages.queue(sample.queue, queuePage)),
                ("queue-html", Layout.render(queuePage, sample.queue.render(queuePage)).text),
            ]
            for (name, text) in pages {
                try text.write(toFile: "\(folder)/\(name).html", atomically: true, encoding: .utf8)
            }
        }
        context.console.output("Rendering each page \(String(iterations)) times (µs per page, output size):")
        for (name, work) in [
            (
                "report page, Leaf",
                { () async throws -> Int in
                    try await request.view.render("reports/detail", sample.detail).data.readableBytes
                }
            ),
            ("report page, Plot", { PlotPages.detail(sample.detail, page).utf8.count }),
            ("report page, HTML literals", { Layout.render(page, sample.detail.render(page)).text.utf8.count }),
            (
                "staff queue, Leaf",
                { () async throws -> Int in
                    try await request.view.render("reports/staff-queue", sample.queue).data.readableBytes
                }
            ),
            ("staff queue, Plot", { PlotPages.queue(sample.queue, queuePage).utf8.count }),
            (
                "staff queue, HTML literals",
                { Layout.render(queuePage, sample.queue.render(queuePage)).text.utf8.count }
            ),
        ] as [(String, () async throws -> Int)] {
            var size = 0
            for _ in 0..<min(1000, iterations) { size = try await work() }  // warm up
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<iterations { size = try await work() }
            let micros = Double(DispatchTime.now().uptimeNanoseconds - start) / 1000 / Double(iterations)
            context.console.output(
                "  \(name.padding(toLength: 30, withPad: " ", startingAt: 0)) \(String(format: "%8.1f", micros)) µs  \(String(size)) bytes"
            )
        }
    }
}

/// Sample pages of realistic size: a report with a long description, three photos and twelve timeline lines; a
/// queue of twenty rows with every filter list of the seeded region.
struct RenderSample {
    let detail: ReportPagesController.DetailPage
    let queue: StaffReportsController.QueuePage

    init(_ request: Request) {
        let frame = PageContext(
            title: "SGP-2026-004211 · Jalan berlubang di depan pasar", lang: "id", path: "/laporan/x")
        let day = Date(timeIntervalSince1970: 1_780_000_000)
        let report = ReportResponse(
            number: "SGP-2026-004211", kind: .pengaduan, status: .diproses, privacy: .publik,
            title: "Jalan berlubang di depan pasar & terminal <lama>",
            description: String(repeating: "Lubangnya dalam dan sudah dua motor jatuh minggu ini. ", count: 12),
            category: .init(code: "jalan", name: "Jalan dan Jembatan"), agency: "Dinas PUPR",
            desa: .init(code: "99.01.01.1001", name: "Pasar Baru"), kecamatan: "Kota", address: "Jl. Pasar Baru No. 3",
            location: .init(lat: 3.6, lon: 98.48), supporters: 14, rating: nil, mergedInto: nil, createdAt: day,
            updatedAt: day, photos: (1...3).map { "/foto/\($0)" }, timeline: [], reporter: nil, deadlines: nil)
        detail = ReportPagesController.DetailPage(
            page: frame, report: report, photos: report.photos, statusLabel: "Diproses", kindLabel: "Pengaduan",
            timeline: (1...12).map {
                TimelineRow(
                    at: "2\($0 % 9) Nov 2026 10:0\($0 % 10)", label: "Status diubah",
                    text: $0 % 3 == 0 ? "Tim sudah meninjau lokasi dan menjadwalkan penambalan." : "",
                    restricted: $0 % 5 == 0)
            }, reporter: nil, isReporter: false, canSupport: false, canAddInformation: false, canRate: false,
            canReopen: false, isStaff: false,
            deadlines: DeadlineView(
                responseDue: "27 Nov 2026 16:00", resolutionDue: "22 Des 2026 16:00", response: "ditanggapi 25 Nov",
                resolution: "sisa 18 hari kerja", late: false), followToken: nil, csrf: "x", form: FormState())
        let rows = (1...20).map {
            ReportRow(
                number: "SGP-2026-00\(4200 + $0)", title: "Laporan warga nomor \($0) tentang jalan & saluran",
                status: "diproses", statusLabel: "Diproses", category: "Jalan dan Jembatan", kecamatan: "Kota",
                supporters: $0, createdAt: "2\($0 % 9) Nov 2026", url: "/dasbor/laporan/SGP-2026-00\(4200 + $0)",
                late: $0 % 4 == 0)
        }
        queue = StaffReportsController.QueuePage(
            page: PageContext(title: "Antrean laporan", lang: "id", path: "/dasbor/laporan"), reports: rows,
            filters: ["status": "diproses"],
            statuses: ReportStatus.allCases.map { Choice(value: $0.rawValue, label: $0.rawValue.capitalized) },
            categories: (1...14).map { Choice(value: "kategori-\($0)", label: "Kategori nomor \($0)") },
            kecamatan: (1...12).map { Choice(value: "99.01.\($0)", label: "Kecamatan \($0)") }, agencies: nil,
            pageNumber: 1, nextPage: "/dasbor/laporan?halaman=2", previousPage: nil)
    }
}

/// The same two pages written with Plot's typed node API, for the measurement only.
enum PlotPages {
    static func layout(_ page: Page, _ body: Node<Plot.HTML.BodyContext>) -> String {
        let frame = page.frame
        return Plot.HTML(
            .lang(frame.lang == "id" ? .indonesian : .english),
            .head(
                .meta(.charset(.utf8)), .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: frame.title + " · Sigap"), .stylesheet(SiteURL.stylesheet)),
            .body(
                .header(
                    .class("top"), .a(.class("brand"), .href(SiteURL.home), .text("Sigap")),
                    .nav(
                        .a(.href(SiteURL.login), .text(page.t("nav.login"))),
                        .a(.href(SiteURL.register), .text(page.t("nav.register"))),
                        .a(.href("?lang=" + frame.otherLang), .text(page.t("nav.other_language"))))),
                .main(body),
                .footer(.p(.text(page.t("footer.text")))))
        ).render()
    }

    static func detail(_ d: ReportPagesController.DetailPage, _ page: Page) -> String {
        let r = d.report
        return layout(
            page,
            .group(
                .p(.class("crumbs"), .a(.href(SiteURL.reports), .text(page.t("report.list_title")))),
                .h1(.text(r.title)),
                .p(
                    .span(.class("status status-" + r.status.rawValue), .text(d.statusLabel)),
                    .text(" · " + r.number + " · " + d.kindLabel)),
                .dl(
                    .class("facts"),
                    .dt(.text(page.t("report.category"))), .dd(.text(r.category.name)),
                    .dt(.text(page.t("report.agency"))), .dd(.text(r.agency)),
                    .dt(.text(page.t("report.desa"))), .dd(.text(r.desa.name + ", " + r.kecamatan)),
                    .if(!r.address.isEmpty, .group(.dt(.text(page.t("report.address"))), .dd(.text(r.address)))),
                    .dt(.text(page.t("report.supporters_label"))), .dd(.text(String(r.supporters)))),
                .p(.class("text"), .text(r.description)),
                .unwrap(d.deadlines) { deadlines in
                    .section(
                        .class("card deadlines"),
                        .h2(.id("deadlines-title"), .text(page.t("deadline.title"))),
                        .dl(
                            .class("facts"),
                            .dt(.text(page.t("deadline.response_due"))),
                            .dd(.text(deadlines.responseDue + " — " + deadlines.response)),
                            .dt(.text(page.t("deadline.resolution_due"))),
                            .dd(.text(deadlines.resolutionDue + (deadlines.resolution.map { " — " + $0 } ?? "")))),
                        .p(.class("hint"), .text(page.t("deadline.explain"))))
                },
                .unwrap(d.photos) { photos in
                    .div(
                        .class("photos"),
                        .forEach(photos) { photo in
                            .a(
                                .href(photo),
                                .img(
                                    .src(photo), .alt(page.t("report.photo_alt")),
                                    .attribute(named: "loading", value: "lazy"),
                                    .attribute(named: "width", value: "160")))
                        })
                },
                .h2(.text(page.t("report.timeline"))),
                .ol(
                    .class("timeline"),
                    .forEach(d.timeline) { e in
                        .li(
                            .if(e.restricted, .class("restricted")), .time(.text(e.at)), .text(" "),
                            .strong(.text(e.label)), .if(!e.text.isEmpty, .text(" — " + e.text)))
                    }),
                .if(
                    d.canSupport,
                    .form(
                        .method(.post), .action(SiteURL.report(r.number) + "/dukung"),
                        .input(.type(.hidden), .name("_csrf"), .value(page.csrfToken)),
                        .button(.type(.submit), .text(page.t("report.support_button")))))))
    }

    static func queue(_ q: StaffReportsController.QueuePage, _ page: Page) -> String {
        func select(_ name: String, _ label: String, _ choices: [Choice], blank: Bool) -> Node<Plot.HTML.FormContext> {
            .label(
                .text(label),
                .element(
                    named: "select",
                    nodes: [.attribute(named: "name", value: name)]
                        + (blank
                            ? [.element(named: "option", nodes: [.attribute(named: "value", value: ""), .text("—")])]
                            : [])
                        + choices.map { c in
                            .element(
                                named: "option",
                                nodes: [
                                    .attribute(named: "value", value: c.value),
                                    .if(q.filters[name] == c.value, .attribute(named: "selected")), .text(c.label),
                                ])
                        }))
        }
        return layout(
            page,
            .group(
                .h1(.text(page.t("staff.queue_title"))),
                .form(
                    .method(.get), .action(SiteURL.staffQueue), .class("filters"),
                    select("status", page.t("report.status"), q.statuses, blank: false),
                    select("category", page.t("report.category"), q.categories, blank: true),
                    select("kecamatan", "Kecamatan", q.kecamatan, blank: true),
                    .label(.text(page.t("report.search")), .input(.name("q"), .value(q.filters["q"] ?? ""))),
                    .button(.type(.submit), .text(page.t("report.filter")))),
                .unwrap(q.reports) { rows in
                    .table(
                        .class("reports"),
                        .thead(
                            .tr(
                                .th(.text(page.t("report.number"))), .th(.text(page.t("report.title"))),
                                .th(.text(page.t("report.status"))), .th(.text(page.t("report.category"))),
                                .th(.text("Kecamatan")), .th(.text(page.t("report.date"))))),
                        .tbody(
                            .forEach(rows) { r in
                                .tr(
                                    .td(.a(.href(r.url), .text(r.number))), .td(.text(r.title)),
                                    .td(
                                        .span(.class("status status-" + r.status), .text(r.statusLabel)),
                                        .if(r.late, .span(.class("late"), .text(page.t("report.late"))))),
                                    .td(.text(r.category)), .td(.text(r.kecamatan)), .td(.text(r.createdAt)))
                            }))
                },
                .p(.unwrap(q.nextPage) { .a(.href($0), .text(page.t("common.next") + " →")) })))
    }
}
