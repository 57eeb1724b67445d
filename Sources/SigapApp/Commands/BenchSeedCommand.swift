import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// `sigap bench-seed --reports N`: fills an empty database with N synthetic reports (raw SQL in large
/// transactions, so a million rows take seconds, not hours) and a staff account for the benchmark to sign in
/// with. Refuses to touch a database that already has reports: it is for throwaway benchmark data only.
struct BenchSeedCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "reports", help: "How many reports to create (default 100000)") var reports: Int?
        @Option(name: "proposals", help: "Musrenbang proposals per kecamatan (default 400)") var proposals: Int?
        @Option(name: "threads", help: "Forum discussions of ten posts each (default 2000)") var threads: Int?
        init() {}
    }

    var help: String {
        "Benchmark data only: N synthetic reports, Musrenbang proposals, forum threads, a points ledger, service applications and survey answers, an Open311 key, and three staff accounts (prints their TOTP secrets and the key)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await Bootstrap.prepareDatabase(app)
        try await ReferenceData.seedIfEmpty(on: app.db)
        guard try await Report.query(on: app.db).count() == 0 else {
            context.console.error("This database already has reports; bench-seed only fills an empty one.")
            throw ExitCode(1)
        }
        let count = max(0, signature.reports ?? 100_000)
        let started = Date()
        let calendar = try await app.sigap.reference.snapshot(on: app.db, now: app.sigap.clock.now()).calendar
        try await BenchData.insertReports(
            count, on: app.db, now: app.sigap.clock.now(), prefix: app.sigap.config.reportPrefix, calendar: calendar)
        let perKecamatan = max(0, signature.proposals ?? 400)
        try await BenchProposals.insert(perKecamatan: perKecamatan, app: app)
        let (email, password, secret) = try await BenchData.createStaff(app)
        let officer = try await BenchProposals.createOfficer(app)
        try await BenchForum.insert(threads: max(0, signature.threads ?? 2_000), authorEmail: email, app: app)
        try await BenchRecognition.insert(citizens: 2_000, reports: count, app: app)
        try await BenchServices.insert(reports: count, app: app)
        let open311Key = try await BenchOpen311.insert(reports: count, app: app)
        let leader = try await BenchData.createStaff(app, email: "bench.pimpinan@bench.sigap.local", role: .pimpinan)
        context.console.output(
            "inserted \(String(count)) reports and \(String(perKecamatan)) proposals per kecamatan in "
                + "\(String(Int(Date().timeIntervalSince(started))))s")
        context.console.output("staff \(email) \(password) \(secret)")
        context.console.output("officer \(officer.0) \(officer.1) \(officer.2)")
        context.console.output("leader \(leader.0) \(leader.1) \(leader.2)")
        context.console.output("open311 \(open311Key)")
    }
}

enum BenchData {
    static let topics = [
        "Jalan berlubang", "Lampu jalan mati", "Sampah menumpuk", "Saluran tersumbat", "Air PDAM keruh",
        "Pohon tumbang", "Jembatan rusak", "Parkir liar", "Banjir", "Pungutan liar", "Antrean panjang",
        "Kabel menjuntai", "Trotoar rusak", "Bau limbah", "Sekolah bocor", "Puskesmas kekurangan obat",
        "Rambu hilang", "Pedagang di bahu jalan", "Anjing liar", "Kebisingan malam",
    ]
    static let places = [
        "depan pasar", "simpang tiga", "dekat masjid", "depan sekolah", "jalan provinsi", "dusun dua",
        "perumahan baru", "tepi sungai", "dekat terminal", "belakang kantor camat",
    ]

    static func insertReports(
        _ count: Int, on db: any Database, now: Date, prefix: String, calendar workCalendar: WorkCalendar
    ) async throws {
        let categories = try await Category.query(on: db).all()
        let desa = try await Desa.query(on: db).all()
        let sql = db as! any SQLDatabase
        let statuses = ReportStatus.allCases
        let batch = 5_000
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Jakarta")!
        let year = calendar.component(.year, from: now)
        var written = 0
        while written < count {
            let size = min(batch, count - written)
            let first = written
            try await db.transaction { tx in
                let sql = tx as! any SQLDatabase
                var entries: [SearchIndex.Entry] = []
                for offset in 0..<size {
                    let n = first + offset
                    let category = categories[n % categories.count]
                    let place = desa[(n / 7) % desa.count]
                    let created = now.addingTimeInterval(-Double(count - n) * 30)
                    // Real words, so search has something to rank: a topic and a place from short lists, so a
                    // two-word query matches a few percent of the reports, as a real one would.
                    let title = "\(topics[n % topics.count]) di \(places[(n / topics.count) % places.count]) \(n)"
                    let description =
                        "Laporan uji nomor \(n): \(topics[(n / 7) % topics.count].lowercased()) sejak minggu lalu."
                    let number = ReportNumber(prefix: prefix, year: year, sequence: n + 1).description
                    if n % 10 != 9 {
                        entries.append(
                            .init(
                                kind: .report, key: number, title: title, body: description, year: year,
                                kecamatanID: place.$kecamatan.id, occurredAt: created))
                    }
                    // Spread points over ±0.05° around the desa so the map has something to draw.
                    let jitterLat = Double((n * 7919) % 1000) / 10_000 - 0.05
                    let jitterLon = Double((n * 104_729) % 1000) / 10_000 - 0.05
                    // Real deadlines, so report pages render their service-level block as in production.
                    let deadlines = ServiceLevel.deadlines(
                        from: created, responseWorkingDays: category.responseWorkingDays,
                        resolutionWorkingDays: category.resolutionWorkingDays, calendar: workCalendar)
                    try await sql.insert(into: "reports")
                        .columns(
                            "number", "kind", "title", "description", "address", "latitude", "longitude", "privacy",
                            "status",
                            "supporters_count", "category_id", "agency_id", "desa_id", "kecamatan_id", "created_at",
                            "updated_at", "clock_started_at", "response_due_at", "resolution_due_at"
                        )
                        .values(
                            SQLBind(number),
                            SQLBind(category.kind == .aspirasi ? "aspirasi" : "pengaduan"),
                            SQLBind(title), SQLBind(description),
                            SQLBind("Jalan Uji \(n % 100)"), SQLBind((place.latitude ?? 3.6) + jitterLat),
                            SQLBind((place.longitude ?? 98.4) + jitterLon),
                            SQLBind(n % 10 == 9 ? "rahasia" : "publik"), SQLBind(statuses[n % statuses.count].rawValue),
                            SQLBind(n % 5), SQLBind(category.id!), SQLBind(category.$agency.id), SQLBind(place.id!),
                            SQLBind(place.$kecamatan.id), SQLBind(created), SQLBind(created), SQLBind(created),
                            SQLBind(deadlines.response), SQLBind(deadlines.resolution)
                        ).run()
                }
                try await SearchIndex.put(entries, on: tx)
            }
            written += size
        }
        try await sql.raw(
            """
            INSERT INTO report_counters (year, last) VALUES (\(bind: year), \(bind: count))
            ON CONFLICT (year) DO UPDATE SET last = \(bind: count)
            """
        ).run()
        // One public event per report keeps report pages realistic.
        try await sql.raw(
            """
            INSERT INTO history_events (subject_kind, subject_id, occurred_at, kind, visibility, to_state, body)
            SELECT 'report', CAST(id AS TEXT), created_at, 'filed', 'public', 'diterima', '' FROM reports
            """
        ).run()
    }

    /// A staff account with two-factor login set up; returns its email, password and TOTP secret.
    static func createStaff(
        _ app: Application, email: String = "bench.staff@bench.sigap.local", role: Role = .opdStaf,
        place: (User) -> Void = { _ in }
    ) async throws -> (String, String, String) {
        let password = "bench-" + SecretToken.readable(count: 12)
        let secret = TwoFactor.newSecret()
        let user = User(name: "Bench Staff", role: role, passwordHash: try await app.sigap.passwords.hash(password))
        user.email = email
        if role == .opdStaf {
            user.$agency.id = try await Agency.query(on: app.db).filter(\.$code == "PUPR").first()?.id
        }
        place(user)
        user.totpSecretCipher = try app.sigap.cipher.seal(secret.base32String())
        user.totpEnabledAt = app.sigap.clock.now()
        try await user.create(on: app.db)
        return (email, password, secret.base32String().replacingOccurrences(of: "=", with: ""))
    }
}
