import Fluent
import Foundation
import SigapCore
import Vapor

/// Sample reports for `sigap demo`, filed and worked through the same intake and status machine as real ones,
/// so their timelines, outbox rows and audit entries look like the real thing. One report per category,
/// spread over every desa, ending in every status.
enum DemoReports {
    /// A plausible title and text per seeded category code.
    static let texts: [String: (String, String)] = [
        "jalan": (
            "Jalan berlubang dekat sekolah",
            "Lubang besar di tengah jalan, anak sekolah sering hampir jatuh saat hujan."
        ),
        "drainase": (
            "Saluran air tersumbat sampah", "Parit di depan rumah warga tersumbat, air meluap setiap hujan deras."
        ),
        "lampu-jalan": (
            "Lampu jalan mati tiga titik", "Lampu penerangan jalan di ujung gang sudah dua minggu mati, jalan gelap."
        ),
        "lalu-lintas": (
            "Parkir liar di depan pasar",
            "Kendaraan parkir di badan jalan sehingga angkot tidak bisa lewat pada pagi hari."
        ),
        "sampah": (
            "Sampah tidak diangkut seminggu", "Tempat pembuangan sementara penuh dan berbau, truk sampah tidak datang."
        ),
        "pencemaran": (
            "Asap pembakaran limbah", "Setiap malam ada pembakaran limbah plastik, asapnya masuk ke rumah warga."
        ),
        "air-bersih": ("Air PDAM keruh", "Air yang keluar dari keran berwarna cokelat sejak tiga hari lalu."),
        "kesehatan": (
            "Antrean puskesmas terlalu lama", "Pasien lansia menunggu lebih dari empat jam untuk diperiksa dokter."
        ),
        "pendidikan": ("Atap ruang kelas bocor", "Atap kelas 4 bocor, murid belajar dengan ember di lantai."),
        "kependudukan": (
            "KTP-el belum jadi tiga bulan", "Sudah merekam KTP-el sejak tiga bulan lalu tetapi belum juga dicetak."
        ),
        "perizinan": ("Izin usaha lama diproses", "Pengajuan izin usaha mikro sudah sebulan tanpa kabar."),
        "bantuan-sosial": (
            "Bantuan sosial tidak tepat sasaran",
            "Beberapa keluarga mampu menerima bantuan sementara lansia miskin tidak."
        ),
        "ketertiban": (
            "Pedagang menutup trotoar", "Trotoar penuh lapak pedagang, pejalan kaki terpaksa turun ke jalan."
        ),
        "informasi-publik": (
            "Sinyal internet desa lemah", "Balai desa tidak bisa mengakses layanan daring karena sinyal sangat lemah."
        ),
        "aspirasi-pembangunan": (
            "Usulan taman bermain anak", "Mohon dibangun taman bermain di lahan kosong milik desa."
        ),
        "aspirasi-dprd": (
            "Aspirasi untuk anggota dewan", "Mohon DPRD mengawasi perbaikan jalan kabupaten yang sering tertunda."
        ),
        "pelayanan-aparatur": (
            "Pelayanan kantor kurang ramah", "Petugas loket meminta biaya tambahan yang tidak ada aturannya."
        ),
    ]

    /// Files the sample reports when there are none yet; returns how many were filed.
    static func create(_ app: Application, reporter: User, staff: User) async throws -> Int {
        guard try await Report.query(on: app.db).count() == 0 else { return 0 }
        let reference = try await app.sigap.reference.snapshot(on: app.db, now: app.sigap.clock.now())
        let categories = reference.categories.values.sorted { $0.code < $1.code }
        let desa = reference.desa.values.sorted { $0.code < $1.code }
        let endings: [[ReportAction]] = [
            [], [.verify], [.verify, .assign], [.verify, .start, .reply], [.verify, .start, .resolve],
            [.verify, .start, .resolve, .rate], [.reject], [.verify, .start, .resolve, .reopen],
        ]
        for (index, category) in categories.enumerated() {
            let place = desa[index % desa.count]
            let (title, text) =
                texts[category.code] ?? (
                    "Laporan contoh \(category.name)", "Contoh laporan warga untuk kategori \(category.name)."
                )
            let draft = ReportDraft(
                kind: category.kind == .aspirasi ? "aspirasi" : "pengaduan", categoryCode: category.code, title: title,
                description: text, desaCode: place.code, address: "Dekat balai \(place.name)",
                latitude: place.latitude.map { $0 + Double(index % 3) * 0.001 }, longitude: place.longitude,
                privacy: index % 5 == 4 ? "anonim" : "publik")
            var report = try await ReportIntake.file(draft, context: app.context(acting: reporter)).report
            for action in endings[index % endings.count] {
                let actor = [.rate, .reopen].contains(action) ? reporter : staff
                let input = ReportActions.Input(
                    text: sampleText(for: action), agencyCode: reference.agencyCodes[report.agencyID], rating: 4)
                report = try await ReportActions.perform(
                    action, on: report, input: input, viewer: ReportViewer(user: actor, followToken: nil),
                    context: app.context(acting: actor))
            }
        }
        try await ageUntouchedReports(app, reference: reference)
        return categories.count
    }

    /// The reports nobody touched were "filed" one to three weeks ago and swept, so the deadlines, the late
    /// flags, the leadership dashboard and the transparency page have something to show on a new install.
    static func ageUntouchedReports(_ app: Application, reference: ReferenceCache.Snapshot) async throws {
        let now = app.sigap.clock.now()
        let untouched = try await Report.query(on: app.db).filter(\.$status == .diterima).sort(\.$id).all()
        for (index, report) in untouched.enumerated() {
            guard let category = reference.categoriesByID[report.categoryID] else { continue }
            let filed = now.addingTimeInterval(-Double(7 + 7 * (index % 3)) * 86_400)
            report.createdAt = filed
            report.updatedAt = filed
            report.startClock(at: filed, deadlines: category.deadlines(from: filed, calendar: reference.calendar))
            let writer = app.context().writer
            try await report.save(on: writer)
            try await HistoryEvent.query(on: writer).filter(\.$subjectKind == .report)
                .filter(\.$subjectID == String(report.id!)).set(\.$occurredAt, to: filed).update()
        }
        try await DeadlineSweep.run(app.context())
    }

    static func sampleText(for action: ReportAction) -> String? {
        switch action {
        case .assign: "Diteruskan ke bidang terkait."
        case .reply: "Petugas sudah meninjau lokasi dan menjadwalkan perbaikan."
        case .resolve: "Sudah ditangani. Terima kasih atas laporannya."
        case .reject: "Di luar kewenangan pemerintah kabupaten; diteruskan ke instansi vertikal."
        case .rate: "Cepat ditangani."
        case .reopen: "Masalahnya muncul lagi setelah hujan."
        default: nil
        }
    }
}
