import Foundation
import SigapCore
import Vapor

/// `sigap bench-render [--iterations N] [--dump FOLDER]`: renders the report page and the staff queue over
/// sample data of realistic size and prints the time per page. Decision 0013 compared Leaf and Plot with it
/// before choosing typed Swift views; it stays to watch the render cost. Run it from a release build
/// (`swift build -c release`); it touches no database.
struct RenderBenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "iterations", help: "pages rendered per renderer and page (default 20000)") var iterations: Int?
        @Option(name: "dump", help: "a folder to write the rendered pages to") var dump: String?
        init() {}
    }

    var help: String { "Times the page renderers over sample data (release build)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let iterations = max(100, signature.iterations ?? 20_000)
        // A bare request: no session, so the sample pages carry no form (a passer-by's view of a report).
        let request = Request(application: app, on: app.eventLoopGroup.next())
        let sample = RenderSample(request)
        let pages: [(String, any PageView)] = [("report page", sample.detail), ("staff queue", sample.queue)]
        func render(_ view: any PageView) -> HTML {
            let page = Page(frame: view.page, catalog: app.catalog, language: .id, request: request)
            return Layout.render(page, view.render(page))
        }
        if let folder = signature.dump {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (name, view) in pages {
                try render(view).text.write(toFile: "\(folder)/\(name).html", atomically: true, encoding: .utf8)
            }
        }
        context.console.output("Rendering each page \(String(iterations)) times (µs per page, output size):")
        for (name, view) in pages {
            var size = 0
            for _ in 0..<min(1000, iterations) { size = render(view).text.utf8.count }  // warm up
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<iterations { size = render(view).text.utf8.count }
            let micros = Double(DispatchTime.now().uptimeNanoseconds - start) / 1000 / Double(iterations)
            context.console.output(
                "  \(name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(String(format: "%8.1f", micros)) µs  \(String(size)) bytes"
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
            }, reporter: nil, isReporter: false, support: .none, canAddInformation: false, canRate: false,
            canReopen: false, isStaff: false,
            deadlines: DeadlineView(
                responseDue: "27 Nov 2026 16:00", resolutionDue: "22 Des 2026 16:00", response: "ditanggapi 25 Nov",
                resolution: "sisa 18 hari kerja", late: false), followToken: nil, form: FormState(), filed: nil,
            discussions: [.init(title: "Jalan pasar kapan diperbaiki?", url: "/forum/12")],
            startDiscussion: "/forum/baru?laporan=SGP-2026-004211")
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
            pageNumber: 1, nextPage: "/dasbor/laporan?halaman=2", previousPage: nil,
            showing: "Terbuka (belum selesai) · terbaru dulu")
    }
}
