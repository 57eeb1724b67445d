import Fluent
import Foundation
import SigapCore
import Vapor

/// The demo's public services: three services of three agencies, and the demo citizen's applications to the
/// PUPR one in every state — a draft, submitted, in review, waiting for a correction, approved with its
/// signed result, rejected — so the demo `opd_staf` account has a queue to work; survey answers for `/ikm`.
enum DemoServices {
    /// Returns how many applications it made (none when services exist already).
    static func create(_ app: Application) async throws -> Int {
        guard try await PublicService.query(on: app.db).count() == 0,
            let admin = try await User.query(on: app.db).filter(\.$email == "admin@demo.sigap.local").first(),
            let citizen = try await User.query(on: app.db).filter(\.$email == "warga@demo.sigap.local").first(),
            let clerk = try await User.query(on: app.db).filter(\.$email == "opd.staf@demo.sigap.local").first()
        else { return 0 }
        let asAdmin = app.context(acting: admin)
        let definitions: [(String, String, String, String, String, String, Int, String)] = [
            (
                "rekomendasi-pemanfaatan-jalan", "Rekomendasi teknis pemanfaatan ruang milik jalan", "PUPR",
                "Rekomendasi untuk memasang utilitas, jembatan penyeberangan atau akses masuk di ruang milik jalan "
                    + "kabupaten.",
                "Lokasi | teks | wajib\nJenis pemanfaatan | pilihan | wajib | Akses masuk, Utilitas, Reklame\n"
                    + "Panjang (meter) | angka | wajib\nNIK pemohon | nik | wajib",
                "KTP | pdf, jpeg, png | wajib\nGambar rencana | pdf | wajib", 5, "Perbup Tanjung Mulia 8/2025"
            ),
            (
                "izin-keramaian", "Rekomendasi izin keramaian", "DPMPTSP",
                "Rekomendasi untuk acara yang mengundang massa: pawai, konser, pertandingan.",
                "Nama acara | teks | wajib\nTanggal acara | tanggal | wajib\nPerkiraan peserta | angka | wajib",
                "KTP penanggung jawab | pdf, jpeg, png | wajib\nSurat pengantar desa | pdf | wajib", 3,
                "Perbup Tanjung Mulia 12/2024"
            ),
            (
                "perbaikan-data-kependudukan", "Perbaikan data kependudukan", "DISDUKCAPIL",
                "Perbaikan nama, tanggal lahir atau alamat pada KTP-el dan Kartu Keluarga.",
                "NIK | nik | wajib\nData yang diperbaiki | teks | wajib",
                "Kartu Keluarga | pdf, jpeg, png | wajib\nDokumen pendukung | pdf, jpeg | opsional", 7,
                "Permendagri 108/2019"
            ),
        ]
        var services: [PublicService] = []
        for (code, name, agency, description, fields, requirements, days, basis) in definitions {
            services.append(
                try await ServiceCatalogue.save(
                    nil,
                    .init(
                        code: code, name: name, agencyCode: agency, description: description,
                        eligibility: "Warga Kabupaten Tanjung Mulia", fields: fields, requirements: requirements,
                        days: days, fee: 0, legalBasis: basis, active: true),
                    context: asAdmin))
        }
        let road = services[0]
        let asCitizen = app.context(acting: citizen)
        let asClerk = app.context(acting: clerk)
        let files = asCitizen.files
        func documents() throws -> [(key: String, file: FileStore.CheckedFile)] {
            [
                (
                    "ktp",
                    try files.stage(DemoPDF.make(["KARTU TANDA PENDUDUK", "Contoh untuk demo"]), for: .applicationFile)
                ),
                (
                    "gambar_rencana",
                    try files.stage(DemoPDF.make(["GAMBAR RENCANA", "Akses masuk 6 m"]), for: .applicationFile)
                ),
            ]
        }
        let values = [
            "lokasi": "Jl. Pasar Baru km 2, depan toko bangunan", "jenis_pemanfaatan": "Akses masuk",
            "panjang_meter": "6", "nik_pemohon": "1207011203850002",
        ]
        // One application per state, the draft last so it is the newest.
        var made = 0
        for step in ["submitted", "review", "correction", "approved", "rejected", "draft"] {
            let application = try await Applications.save(
                nil, for: road, .init(values: values, files: try documents(), submit: step != "draft"),
                context: asCitizen)
            made += 1
            switch step {
            case "review":
                _ = try await Applications.act(.review, on: application.number, text: nil, context: asClerk)
            case "correction":
                _ = try await Applications.act(
                    .requestCorrection, on: application.number,
                    text: "Gambar rencana belum mencantumkan ukuran saluran.", context: asClerk)
            case "approved":
                _ = try await Applications.act(.review, on: application.number, text: nil, context: asClerk)
                let result = try files.stage(
                    DemoPDF.make(["REKOMENDASI TEKNIS", "Nomor \(application.number)", "Akses masuk 6 m disetujui."]),
                    for: .applicationResult)
                _ = try await Applications.act(
                    .approve, on: application.number, text: "Asli dapat diambil di kantor Dinas PUPR.", result: result,
                    context: asClerk)
            case "rejected":
                _ = try await Applications.act(
                    .reject, on: application.number, text: "Lokasi berada di tikungan; akses masuk membahayakan.",
                    context: asClerk)
            default: break
            }
            if step == "approved" {
                // The applicant rates the service received.
                try await Surveys.answer(
                    .application(application.number), scores: [4, 3, 3, 4, 4, 4, 4, 3, 3],
                    profile: .init(
                        age: 41, sex: "L", education: "SMA", occupation: "Wiraswasta", comment: "Cepat dan jelas."),
                    context: asCitizen)
            }
        }
        // Visitors at the counters answer through the kiosk link.
        let counter: [[Int]] = [
            [3, 3, 2, 4, 3, 3, 4, 2, 3], [4, 3, 3, 4, 3, 4, 4, 3, 3], [3, 4, 2, 4, 3, 3, 3, 2, 2],
            [4, 3, 3, 4, 4, 3, 4, 3, 3],
        ]
        for (n, scores) in counter.enumerated() {
            try await Surveys.answer(
                .kiosk(serviceCode: services[n % 2 == 0 ? 0 : 1].code, device: "demo-\(n)", address: "demo"),
                scores: scores, profile: .init(), context: app.context())
        }
        return made
    }
}
