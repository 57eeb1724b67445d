import Fluent
import SQLKit
import SigapCore
import Vapor

/// `sigap demo`: one account per role, with printed passwords, so a new user can try every part of Sigap.
/// Staff still enrol two-factor at their first log-in, as in production. Running it again adds nothing.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        init() {}
    }

    var help: String { "Adds one demo account per role (passwords printed) and sample content." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await Bootstrap.prepareDatabase(app)
        try await ReferenceData.seedIfEmpty(on: app.db)
        let accounts = try await DemoData.createAccounts(app)
        // Printed before anything else is added: whatever happens next, the passwords are not lost.
        if accounts.isEmpty {
            context.console.output("The demo accounts already exist; none added.")
        } else {
            context.console.output("Demo accounts (staff set up two-factor at first log-in):")
            for account in accounts {
                let role = account.role.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)
                let login = account.login.padding(toLength: 36, withPad: " ", startingAt: 0)
                context.console.output("  \(role) \(login) \(account.password)")
            }
        }
        let reporter = try await User.query(on: app.db).filter(\.$email == "warga@demo.sigap.local").first()
        let admin = try await User.query(on: app.db).filter(\.$email == "admin@demo.sigap.local").first()
        if let reporter, let admin {
            let filed = try await DemoReports.create(app, reporter: reporter, staff: admin)
            if filed > 0 { context.console.output("Filed \(String(filed)) sample reports in every status.") }
        }
        if let followURL = try await DemoData.guestReport(app) {
            context.console.output(
                "Filed a guest report with an e-mail contact (tamu@demo.sigap.local); its receipt carries the private "
                    + "follow-up link \(followURL) and goes out by e-mail when SIGAP_SMTP_HOST is set.")
        }
        for line in app.channelStatus { context.console.output("  \(line)") }
        if let count = try await DemoData.proposalCatalogue(app) {
            context.console.output("Filled the proposal catalogue with \(String(count)) kinds of programmes.")
        }
        if let planYear = try await DemoMusrenbang.create(app) {
            context.console.output(
                "Replayed last year's Musrenbang (proposals in the plan and at work, refused with reasons, a pokir, a "
                    + "deferred one carried over) and opened the cycle for plan year \(String(planYear)); its proposals "
                    + "phase runs now (/musrenbang).")
        }
        let threads = try await DemoForum.create(app)
        if threads > 0 {
            context.console.output(
                "Opened \(String(threads)) forum discussions, one with an official answer and its outcome (/forum).")
        }
        let members = try await DemoDPRD.create(app)
        if members > 0 {
            context.console.output(
                "Set up the DPRD: four commissions and \(String(members)) members (/dprd); an aspiration to the DPRD "
                    + "went to its secretariat and the commission for development, and the member with the dprd "
                    + "account answered it (her commission's aspirations: /dasbor/dprd).")
        }
        let (events, documents, news) = try await DemoPortal.create(app)
        if events > 0 {
            context.console.output(
                "Put \(String(events)) events on the agenda, one called off (/agenda, subscribe with /agenda.ics), "
                    + "\(String(documents)) documents with their PDFs (/dokumen) and \(String(news)) news items, one "
                    + "scheduled for tomorrow (/berita).")
        }
        let applications = try await DemoServices.create(app)
        if applications > 0 {
            context.console.output(
                "Defined 3 public services (/layanan) and filed \(String(applications)) applications in every state "
                    + "(draft, submitted, in review, correction asked, approved with a signed result, rejected): the "
                    + "citizen's /permohonan, the PUPR clerk's /dasbor/permohonan; satisfaction survey answers give "
                    + "the index at /ikm (a counter's kiosk: /survei/layanan/izin-keramaian).")
        }
        let certificates = try await DemoRecognition.create(app)
        if let first = certificates.first {
            context.console.output(
                "Gave a Warga Peduli award to the citizen with the most points this month and two village cadres: "
                    + "\(String(certificates.count)) signed certificates anyone can check, e.g. /sertifikat/\(first) (its credential: "
                    + "/sertifikat/\(first)/kredensial.json; /verifikasi; the issuer's keys: /penerbit). Points: "
                    + "/akun/poin; leaderboard: /peringkat.")
        }
        if let (key, number) = try await DemoOpen311.create(app) {
            let base = app.sigap.config.baseURL
            context.console.output(
                "Gave a city app an Open311 key (/dasbor/admin/open311); it filed \(number) through Open311. Try "
                    + "\(base)/open311/v2/services.json, \(base)/open311/v2/requests/\(number).xml, or post: curl -d "
                    + "api_key=\(key) -d service_code=jalan -d lat=3.6031 -d long=98.4821 -d email=anda@contoh.id "
                    + "\(base)/open311/v2/requests.json. Open data: /data (reports as CSV and GeoJSON).")
        }
        let searchable =
            try await (app.db as! any SQLDatabase).select()
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("search_entries").first()?
            .decode(column: "n", as: Int.self) ?? 0
        context.console.output(
            "Search covers \(String(searchable)) public reports, proposals, discussions, news, documents and events, in "
                + "any word form: try "
                + "/cari?q=perbaikan+jalan (the same words as GET /api/v1/search?q=…).")
        if let code = try await DemoAdoption.create(app) {
            context.console.output(
                "The demo pendamping filed a report, a Musrenbang proposal and a service application for a citizen "
                    + "without a smartphone (/pendamping) and opened a "
                    + "practice session on the agenda: join it at /latihan with the code \(code) to practise filing "
                    + "without reaching any agency; guides and a printable poster at /panduan.")
        }
        if try await DemoPrivacy.create(app) {
            context.console.output(
                "The demo citizen downloaded their data and objected to survey calls (UU PDP): their /akun/data, and "
                    + "the open request with its age at /dasbor/admin/privasi; /privasi states what is kept and how long."
            )
        }
        let leaflet: String =
            LeafletAssets.installed(in: app.sigap.config.map.leafletDirectory)
            ? "Debian's libjs-leaflet"
            : "unpkg (pinned 1.9.4, integrity-checked; apt-get install libjs-leaflet to serve it here)"
        let tiles: String = app.sigap.config.map.tileURL
        var appLine =
            "On a phone: open / and install Sigap from the browser's menu (or the \"Pasang aplikasi\" button); "
        appLine +=
            "a report written at /lapor without signal is kept on the phone and sent once when the signal returns; "
        appLine += "turn on push notifications at /akun/notifikasi. /peta and /musrenbang/peta become live maps "
        appLine += "(Leaflet from \(leaflet), tiles from \(tiles))."
        context.console.output(ConsoleText(stringLiteral: appLine))
        if let receipt = try await DemoData.whistleblowingCase(app) {
            context.console.output(
                "Filed a sample whistleblowing case; the inspectorate was notified. Follow it at /wbs/lanjut with "
                    + "the receipt \(WBSReceipt.grouped(receipt)).")
        }
    }
}

enum DemoData {
    struct Account {
        let role: Role
        let login: String
        let password: String
    }

    static func createAccounts(_ app: Application) async throws -> [Account] {
        let db = app.db
        let agency = { (code: String) in try await Agency.query(on: db).filter(\.$code == code).first()?.id }
        let firstKecamatan = try await Kecamatan.query(on: db).sort(\.$code).first()
        let firstDesa = try await Desa.query(on: db).sort(\.$code).first()
        var created: [Account] = []
        for role in Role.allCases {
            let email = "\(role.rawValue.replacingOccurrences(of: "_", with: "."))@demo.sigap.local"
            guard try await User.query(on: db).filter(\.$email == email).count() == 0 else { continue }
            let password = "demo-" + SecretToken.readable(count: 8, groupSize: 4).lowercased()
            let user = User(
                name: "Demo " + role.rawValue.replacingOccurrences(of: "_", with: " ").capitalized, role: role,
                passwordHash: try await app.sigap.passwords.hash(password))
            user.email = email
            user.emailVerifiedAt = app.sigap.clock.now()  // demo addresses deliver nowhere; nothing to prove
            switch role {
            case .opdStaf, .opdAdmin: user.$agency.id = try await agency("PUPR")
            case .bappeda: user.$agency.id = try await agency("BAPPEDA")
            case .inspektorat: user.$agency.id = try await agency("INSPEKTORAT")
            case .petugasKecamatan: user.$kecamatan.id = firstKecamatan?.id
            case .petugasDesa, .pendamping: user.$desa.id = firstDesa?.id
            case .dprd: user.electoralDistrictID = try await electoralDistrict(app)
            case .warga:
                // Proven, as registration leaves it: WhatsApp messages from this number act as the demo citizen.
                try Accounts.setContact(
                    .phone(PhoneNumber("0812-0000-1234")!), of: user, verifiedAt: app.sigap.clock.now(),
                    cipher: app.sigap.cipher)
            case .admin, .pimpinan, .moderator: break
            }
            try await Accounts.createStaff(user, detail: "demo \(role.rawValue)", context: app.context())
            created.append(Account(role: role, login: email, password: password))
        }
        return created
    }

    /// The demo kabupaten's first electoral district: the first half of its kecamatan (the demo council
    /// member's scope), made once.
    static func electoralDistrict(_ app: Application) async throws -> UUID {
        if let existing = try await ElectoralDistrict.query(on: app.db).filter(\.$code == "DAPIL-1").first() {
            return existing.id!
        }
        let district = ElectoralDistrict(code: "DAPIL-1", name: "Daerah Pemilihan 1")
        try await district.create(on: app.db)
        let kecamatan = try await Kecamatan.query(on: app.db).sort(\.$code).all()
        for row in kecamatan.prefix(max(1, kecamatan.count / 2)) {
            row.electoralDistrictID = district.id
            try await row.save(on: app.db)
        }
        app.sigap.reference.invalidate()
        return district.id!
    }

    /// One anonymous case, so the inspectorate's pages and its notification (an event about a subject that is
    /// not a report) have something to show; nil when a case exists already.
    /// A report from a guest who left an e-mail address: their receipt waits in the outbox for the e-mail
    /// channel. Returns the private follow-up link, or nil when it was filed before.
    static func guestReport(_ app: Application) async throws -> String? {
        let title = "Lampu penerangan jalan mati di depan sekolah"
        guard try await Report.query(on: app.db).filter(\.$title == title).count() == 0,
            let desa = try await Desa.query(on: app.db).sort(\.$code).first()
        else { return nil }
        let draft = ReportDraft(
            kind: "pengaduan", categoryCode: "jalan", title: title,
            description: "Sudah seminggu lampu jalan mati; anak-anak pulang les dalam gelap.", desaCode: desa.code,
            address: "Depan SD Negeri 1", privacy: "publik", contact: "tamu@demo.sigap.local")
        let filed = try await ReportIntake.file(draft, context: app.context())
        return filed.followToken.map {
            app.sigap.config.baseURL + SiteURL.report(filed.report.number) + "?kunci=" + $0
        }
    }

    /// A few kinds of programmes a kabupaten funds, with their agencies, units and indicative costs; nil when the
    /// catalogue has items already.
    static func proposalCatalogue(_ app: Application) async throws -> Int? {
        guard try await CatalogueItem.query(on: app.db).count() == 0 else { return nil }
        let csv = """
            kode,nama,sektor,opd,satuan,harga_satuan
            jalan-usaha-tani,Jalan usaha tani (rabat beton),infrastruktur,PUPR,m,1250000
            drainase,Saluran drainase lingkungan,infrastruktur,PUPR,m,900000
            lampu-jalan,Lampu penerangan jalan tenaga surya,infrastruktur,DISHUB,titik,18000000
            posyandu,Rehabilitasi gedung posyandu,kesehatan,DINKES,unit,150000000
            pelatihan-umkm,Pelatihan usaha mikro,ekonomi,DPMPTSP,orang,1500000
            """
        let reference = try await app.context().reference()
        let items = ProposalCatalogue.parse(csv: csv, agencies: Set(reference.agencyCodes.values)).items
        return try await ProposalCatalogueStore.save(items, context: app.context()).added
    }

    /// A Musrenbang cycle for next year whose proposals phase started three days ago, two weeks a phase; nil
    /// when one exists.
    static func musrenbangCycle(_ app: Application) async throws -> Int? {
        let context = app.context()
        let today = context.today
        guard try await MusrenbangCycleRow.query(on: app.db).filter(\.$planYear == today.year + 1).count() == 0 else {
            return nil
        }
        var windows: [MusrenbangCycle.Phase: MusrenbangCycle.Window] = [:]
        var first = CivilDay(daysSinceEpoch: today.daysSinceEpoch - 3)
        for phase in MusrenbangCycle.Phase.allCases {
            let last = CivilDay(daysSinceEpoch: first.daysSinceEpoch + 13)
            windows[phase] = .init(first: first, last: last)
            first = last.next
        }
        let opened = try await MusrenbangCycles.open(
            planYear: today.year + 1, windows: windows, forwardPerDesa: 10, forwardPerKecamatan: 30, context: context)
        // Indicative ceilings: 2 billion rupiah per kecamatan, 1.2 billion of it for infrastructure.
        for kecamatan in try await Kecamatan.query(on: app.db).all() {
            for (sector, amount) in [(nil, Int64(2_000_000_000)), ("infrastruktur", 1_200_000_000)]
                as [(String?, Int64)]
            {
                try await MusrenbangCycles.setCeiling(
                    .init(kecamatanID: kecamatan.id!, desaID: nil, sector: sector, amount: amount), in: opened.id,
                    context: context)
            }
        }
        return opened.planYear
    }

    static func whistleblowingCase(_ app: Application) async throws -> String? {
        guard try await WBSCase.query(on: app.db).count() == 0 else { return nil }
        let content = WBSContent(
            official: "Petugas loket perizinan", when: "Minggu lalu, pagi hari", place: "Kantor pelayanan terpadu",
            what: "Pemohon izin usaha diminta membayar biaya tambahan di luar ketentuan agar berkas cepat diproses.",
            contact: "")
        return try await WBSStore.file(
            type: .gratifikasi, content: content, identity: nil, evidence: [], app.context())
    }
}
