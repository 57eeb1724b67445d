import Fluent
import Foundation
import SigapCore
import Testing
import Vapor
import VaporTesting

@testable import SigapApp

/// A region adopts Sigap without code: `sigap init` writes its settings into the data folder, three CSV imports
/// bring its places, agencies and categories, and every page, the manifest, the icons and certificates carry its
/// name, colour and emblem.
@Suite struct AdoptionTests {
    static let places = """
        kode,nama,jenis,lintang,bujur
        71.71.01,Wenang,,1.4900,124.8400
        71.71.01.1001,Wenang Utara,kelurahan,1.4950,124.8420
        71.71.01.1002,Pinaesaan,,,
        71.71.02,Tikala,,,
        71.71.02.1001,Tikala Ares,,,
        """
    static let boundaries = """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"kode":"71.71.02"},
           "geometry":{"type":"Polygon","coordinates":[[[124.85,1.46],[124.87,1.46],[124.87,1.48],[124.85,1.48],[124.85,1.46]]]}},
          {"type":"Feature","properties":{"kode_wilayah":"71.71.02.1001"},"geometry":{"type":"Point","coordinates":[124.861,1.471]}}
        ]}
        """
    static let agencies = """
        kode,nama,singkatan,kepala
        PUPR,Dinas Pekerjaan Umum dan Penataan Ruang,PUPR,"Ir. Budi Santoso, M.T."
        DLH,Dinas Lingkungan Hidup,DLH,Dra. Maria Lumowa
        """
    static let categories = """
        kode,nama,jenis,opd,hari_tanggapan,hari_selesai,deskripsi,kata_kunci
        jalan-rusak,Jalan Rusak,pengaduan,PUPR,3,14,Jalan berlubang atau longsor.,"jalan,lubang,aspal"
        sampah,Sampah,pengaduan,dlh,2,7,Sampah tidak diangkut.,"sampah,tps"
        """

    /// Runs `command` with `arguments` against `app`; returns what it printed and whether it threw.
    static func run<C: AsyncCommand>(_ command: C, _ arguments: [String], on app: Application) async
        -> (lines: [String], failed: Bool)
    {
        let console = RecordingConsole()
        var context = CommandContext(console: console, input: CommandInput(arguments: ["sigap"] + arguments))
        context.application = app
        var input = CommandInput(arguments: ["sigap"] + arguments)
        do {
            let signature = try C.Signature(from: &input)
            try await command.run(using: context, signature: signature)
            return (console.lines, false)
        } catch {
            return (console.lines + ["\(error)"], true)
        }
    }

    /// An application the way `sigap` builds one: settings from the data folder under the environment, the
    /// SQLite file in the folder.
    static func withInstance<T>(
        _ folder: URL, _ body: (Application) async throws -> T
    ) async throws -> T {
        let config = try AppConfig.load(
            from: SettingsFile.merged(into: ["SIGAP_DATA_DIR": folder.path, "SIGAP_BCRYPT_COST": "4"]))
        let app = try await Application.make(.testing)
        do {
            try await configure(app, config: config, clock: TestClock(TestClock.start).appClock)
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    static func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func initAndThreeImportsTurnAnEmptyFolderIntoTheRegionsOwnInstance() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sigap-adopt-\(UUID().uuidString)")
        let folder = work.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let logo = work.appendingPathComponent("lambang.png").path
        try AppIcon.png(size: 64, maskable: false, background: (0x12, 0x34, 0x56)).write(to: URL(fileURLWithPath: logo))

        let initialised = try await Self.withInstance(folder) { app in
            await Self.run(
                InitCommand(),
                [
                    "--yes", "--name", "Pemerintah Kota Manado Contoh", "--kind", "kota", "--code", "71.71",
                    "--time-zone", "WITA", "--prefix", "MDO", "--logo", logo, "--colour", "#7a1f2b",
                    "--operator", "Diskominfo Kota Manado Contoh", "--contact", "sigap@manado.example · 0431-000",
                    "--whatsapp", "+62 811 4300 000", "--admin-email", "Admin@Manado.example", "--admin-name",
                    "Admin Kominfo",
                ], on: app)
        }
        #expect(initialised.failed == false, "\(initialised.lines)")
        #expect(initialised.lines.joined().contains("one-time password:"))
        let settings = try String(contentsOfFile: folder.appendingPathComponent("settings.env").path, encoding: .utf8)
        #expect(settings.contains("SIGAP_REGION_NAME=\"Pemerintah Kota Manado Contoh\""))
        #expect(settings.contains("SIGAP_TIME_ZONE=\"Asia/Makassar\""))
        #expect(settings.contains("SIGAP_DEMO_REGION=\"false\""))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("uploads/branding/logo.png").path))

        try await Self.withInstance(folder) { app in
            // The next start reads the settings: name, kind, prefix, zone, colour, emblem.
            let config = app.sigap.config
            #expect(config.region.name == "Pemerintah Kota Manado Contoh")
            #expect(config.region.kind == .kota)
            #expect(config.reportPrefix == "MDO")
            #expect(config.timeZone.identifier == "Asia/Makassar")
            #expect(config.region.colour == "#7a1f2b")
            #expect(config.region.logoFile?.hasSuffix("uploads/branding/logo.png") == true)
            // A start seeds no demo kabupaten any more, and the administrator exists.
            try await Bootstrap.run(app, console: RecordingConsole())
            #expect(try await Kecamatan.query(on: app.db).count() == 0)
            let admin = try #require(
                try await User.query(on: app.db).filter(\.$email == "admin@manado.example").first())
            #expect(admin.role == .admin)
            #expect(admin.mustChangePassword)

            let places = try Self.write(Self.places, "wilayah.csv", in: work)
            let borders = try Self.write(Self.boundaries, "batas.geojson", in: work)
            let imported = await Self.run(ImportCommand(), ["wilayah", places, "--batas", borders], on: app)
            #expect(imported.lines.last == "\(places): 5 added, 0 updated, 0 unchanged.", "\(imported.lines)")
            let agencies = await Self.run(
                ImportCommand(), ["opd", try Self.write(Self.agencies, "opd.csv", in: work)], on: app)
            #expect(agencies.failed == false, "\(agencies.lines)")
            let categories = await Self.run(
                ImportCommand(), ["kategori", try Self.write(Self.categories, "kategori.csv", in: work)], on: app)
            #expect(categories.failed == false, "\(categories.lines)")

            // Places: kinds by the register's numbering, centres from the CSV, the boundary's centroid, a point.
            let tikala = try #require(try await Kecamatan.query(on: app.db).filter(\.$code == "71.71.02").first())
            #expect(abs((tikala.latitude ?? 0) - 1.47) < 0.0001 && abs((tikala.longitude ?? 0) - 124.86) < 0.0001)
            let ares = try #require(try await Desa.query(on: app.db).filter(\.$code == "71.71.02.1001").first())
            #expect(ares.kind == .kelurahan && ares.latitude == 1.471)
            let pinaesaan = try #require(try await Desa.query(on: app.db).filter(\.$code == "71.71.01.1002").first())
            #expect(pinaesaan.latitude == 1.49)  // its kecamatan's centre until it has its own
            let pupr = try #require(try await Agency.query(on: app.db).filter(\.$code == "PUPR").first())
            #expect(pupr.headName == "Ir. Budi Santoso, M.T.")
            let sampah = try #require(try await Category.query(on: app.db).filter(\.$code == "sampah").first())
            #expect(sampah.responseWorkingDays == 2 && sampah.resolutionWorkingDays == 7)

            // A citizen files on the region's own places and categories and gets the region's number.
            let browser = Browser(app)
            let form = try await browser.get("/lapor")
            #expect(form.body.string.contains("Tikala Ares") && form.body.string.contains("Jalan Rusak"))
            let filed = try await browser.submit(
                "/lapor",
                [
                    "kind": "pengaduan", "category": "jalan-rusak", "title": "Jalan berlubang di depan pasar",
                    "description": "Lubang besar di jalan depan pasar membahayakan pengendara motor.",
                    "desa": "71.71.02.1001", "privacy": "publik", "contact": "warga@manado.example",
                    "confirm": "on",
                ])
            #expect(filed.status == .seeOther)
            #expect(filed.headers.first(name: .location)?.hasPrefix("/laporan/MDO-2026-") == true)
            let home = try await browser.get("/")
            #expect(home.body.string.contains("Pemerintah Kota Manado Contoh"))
            #expect(home.body.string.contains("href=\"/tema.css?v="))
            #expect(home.body.string.contains("src=\"/lambang\""))
        }
    }

    @Test func initRefusesWhatAStartWouldRefuseAndWritesNothing() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigap-adopt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try await Self.withInstance(folder) { app in
            await Self.run(
                InitCommand(),
                [
                    "--yes", "--name", "Pemerintah Kabupaten Contoh", "--code", "12.7", "--prefix", "x", "--colour",
                    "#ffff00",
                ],
                on: app)
        }
        #expect(outcome.failed)
        let said = outcome.lines.joined(separator: "\n")
        #expect(said.contains("--REPORT_PREFIX: 2 to 6 capital letters or digits"))
        #expect(said.contains("--CODE: the Kemendagri code"))
        #expect(said.contains("--COLOUR: a dark colour"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("settings.env").path))
    }

    @Test func initReplacesAnUnusedDemoKabupaten() async throws {
        try await withSigap { (context: TestContext) async throws in
            #expect(try await Kecamatan.query(on: context.db).count() == 5)
            let outcome = await Self.run(
                InitCommand(), ["--yes", "--name", "Pemerintah Kabupaten Contoh", "--code", "12.07"], on: context.app)
            #expect(outcome.failed == false, "\(outcome.lines)")
            #expect(try await Kecamatan.query(on: context.db).count() == 0)
            #expect(try await Category.query(on: context.db).count() == 0)
            #expect(try await Agency.query(on: context.db).count() == 0)
        }
    }

    @Test func initKeepsADemoKabupatenThatHasReports() async throws {
        try await withSigap { (context: TestContext) async throws in
            let guest = APIClient(app: context.app)
            _ = try await ReportFixtures.file(guest, ReportFixtures.draft(contact: "warga@contoh.example"))
            let outcome = await Self.run(
                InitCommand(), ["--yes", "--name", "Pemerintah Kabupaten Contoh", "--code", "12.07"], on: context.app)
            #expect(outcome.failed)
            #expect(outcome.lines.joined().contains("holds reports about the demo kabupaten"))
            #expect(try await Kecamatan.query(on: context.db).count() == 5)
        }
    }

    @Test func badRowsAreReportedByLineAndNothingIsWritten() async throws {
        try await withSigap(adjust: { $0.region.code = KemendagriCode("99.01") }) { context in
            let before = try await Desa.query(on: context.db).count()
            let csv = """
                kode,nama,lintang,bujur
                99.01.09,Kecamatan Baru,,
                99.01.09.2001,Desa Baru,3.5,98.4
                12.07.01.2001,Di Luar Wilayah,,
                99.01.09.2002,X,,
                99.01.09.2003,Desa Koordinat Salah,3.5,
                99.01.77.2001,Tanpa Kecamatan,,
                99.01.09.2001,Desa Baru Lagi,,
                """
            do {
                _ = try await ReferenceImport.places(csv: csv, context: context.app.context())
                Issue.record("a file with bad rows was imported")
            } catch let rejected as ReferenceImport.Rejected {
                #expect(rejected.problems.map(\.line) == [4, 5, 6, 7, 8])
                #expect(rejected.problems[0].message == "12.07.01.2001 is not in the region 99.01")
                #expect(rejected.problems[4].message == "99.01.09.2001 is already on line 3")
            }
            #expect(try await Desa.query(on: context.db).count() == before)
            #expect(try await Kecamatan.query(on: context.db).filter(\.$code == "99.01.09").count() == 0)

            let categories = """
                kode,nama,opd,hari_tanggapan,hari_selesai
                jalan,Jalan dan Jembatan,PUPR,3,14
                Bad Code,Nama,PUPR,3,14
                pasar,Pasar,DISPERINDAG,3,14
                banjir,Banjir,PUPR,3,2
                """
            do {
                _ = try await ReferenceImport.categories(csv: categories, context: context.app.context())
                Issue.record("a file with bad rows was imported")
            } catch let rejected as ReferenceImport.Rejected {
                #expect(
                    rejected.problems.map(\.description) == [
                        "line 3: code \"bad code\" must be 2 to 40 small letters, digits or -",
                        "line 4: agency \"DISPERINDAG\" is not imported (import the agencies first)",
                        "line 5: working days: a first answer in 1 to 30, resolution from then to 365 (got 3, 2)",
                    ])
            }
            let missingColumn = await Self.run(
                ImportCommand(),
                ["opd", try Self.write("code,singkatan\nX,Y\n", "opd.csv", in: context.dataDirectory)],
                on: context.app)
            #expect(missingColumn.failed)
            #expect(
                missingColumn.lines.contains { $0.contains("line 1: the header has no column \"nama\" or \"name\"") })
        }
    }

    @Test func importingAgainUpdatesInPlaceWithoutDuplicates() async throws {
        try await withSigap { (context: TestContext) async throws in
            let agencies = try await Agency.query(on: context.db).count()
            let first = try await ReferenceImport.agencies(csv: Self.agencies, context: context.app.context())
            #expect(first == .init(added: 0, updated: 2, unchanged: 0))  // the demo's PUPR and DLH gain their heads
            let again = try await ReferenceImport.agencies(csv: Self.agencies, context: context.app.context())
            #expect(again == .init(added: 0, updated: 0, unchanged: 2))
            let renamed =
                Self.agencies.replacingOccurrences(of: "Dra. Maria Lumowa", with: "Ir. Yohanes Rondonuwu")
                + "\nDISPAR,Dinas Pariwisata,Dispar,\n"
            let changed = try await ReferenceImport.agencies(csv: renamed, context: context.app.context())
            #expect(changed == .init(added: 1, updated: 1, unchanged: 1))
            #expect(try await Agency.query(on: context.db).count() == agencies + 1)
            let dlh = try #require(try await Agency.query(on: context.db).filter(\.$code == "DLH").first())
            #expect(dlh.headName == "Ir. Yohanes Rondonuwu")

            let categories = try await Category.query(on: context.db).count()
            _ = try await ReferenceImport.categories(csv: Self.categories, context: context.app.context())
            let moved = try await ReferenceImport.categories(
                csv: Self.categories.replacingOccurrences(
                    of: "sampah,Sampah,pengaduan,dlh", with: "sampah,Sampah,pengaduan,PUPR"),
                context: context.app.context())
            #expect(moved == .init(added: 0, updated: 1, unchanged: 1))
            #expect(try await Category.query(on: context.db).count() == categories + 1)  // jalan-rusak is new
            let sampah = try #require(try await Category.query(on: context.db).filter(\.$code == "sampah").first())
            #expect(sampah.$agency.id == (try await Agency.query(on: context.db).filter(\.$code == "PUPR").first())?.id)
            // The form offers the change at once: the reference cache was told.
            #expect(try await Browser(context.app).get("/lapor").body.string.contains("Jalan Rusak"))
        }
    }

    @Test func theRegionsColourAndEmblemBrandPagesManifestIconsAndCertificates() async throws {
        let logo = FileManager.default.temporaryDirectory.appendingPathComponent("lambang-\(UUID().uuidString).svg")
        try Data("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>".utf8).write(to: logo)
        defer { try? FileManager.default.removeItem(at: logo) }
        try await withSigap(adjust: {
            $0.region.name = "Pemerintah Kabupaten Bumi Contoh"
            $0.region.colour = "#7a1f2b"
            $0.region.logoFile = logo.path
        }) { context in
            let browser = Browser(context.app)
            let page = try await browser.get("/peta")
            #expect(page.body.string.contains("<img src=\"/lambang\" alt=\"\" height=\"40\">"))
            #expect(page.body.string.contains("<meta name=\"theme-color\" content=\"#7a1f2b\">"))
            let theme = try await browser.get("/tema.css")
            #expect(theme.status == .ok && theme.body.string == ":root { --accent: #7a1f2b; }\n")
            let emblem = try await browser.get("/lambang")
            #expect(emblem.status == .ok)
            #expect(emblem.headers.contentType == HTTPMediaType(type: "image", subType: "svg+xml"))
            #expect(emblem.headers.first(name: "Content-Security-Policy")?.hasPrefix("default-src 'none'") == true)
            let manifest = try await browser.get("/manifest.webmanifest")
            #expect(manifest.body.string.contains("\"theme_color\":\"#7a1f2b\""))
            #expect(manifest.body.string.contains("Sigap · Pemerintah Kabupaten Bumi Contoh"))
            let icon = try await browser.get("/icon-192.png")
            #expect(Data(buffer: icon.body) == AppIcon.png(size: 192, maskable: false, background: (0x7a, 0x1f, 0x2b)))

            let citizen = try await Fixtures.citizen(in: context)
            let certificate = try await CertificateTests.give(to: citizen, context)
            #expect(certificate.issuerName == "Pemerintah Kabupaten Bumi Contoh")
            let shown = try await browser.get("/sertifikat/\(certificate.number)")
            #expect(shown.body.string.contains("<p class=\"issuer\">Pemerintah Kabupaten Bumi Contoh</p>"))
            #expect(shown.body.string.contains("<img src=\"/lambang\" height=\"56\""))
        }
    }

    @Test func withoutSettingsTheDemoLooksAsBefore() async throws {
        try await withSigap { (context: TestContext) async throws in
            let page = try await Browser(context.app).get("/")
            #expect(!page.body.string.contains("/tema.css"))
            #expect(!page.body.string.contains("/lambang"))
            #expect(try await Browser(context.app).get("/lambang").status == .notFound)
        }
    }
}
