import Fluent
import Foundation

/// The reference data of a demo kabupaten, loaded into an empty database so a new installation works at
/// once. Names and codes are fictional (province code 99 does not exist); a real region replaces them
/// in the admin pages.
enum ReferenceData {
    static let kabupatenName = "Kabupaten Tanjung Mulia (demo)"
    static let kabupatenCode = "99.01"

    struct Place {
        let name: String
        let latitude: Double
        let longitude: Double
    }

    static let kecamatan: [(place: Place, desa: [(Place, Desa.Kind)])] = [
        (
            Place(name: "Kota Mulia", latitude: 3.600, longitude: 98.480),
            [
                (Place(name: "Pasar Baru", latitude: 3.603, longitude: 98.482), .kelurahan),
                (Place(name: "Sei Kambing", latitude: 3.596, longitude: 98.474), .kelurahan),
                (Place(name: "Tanjung Sari", latitude: 3.609, longitude: 98.489), .kelurahan),
                (Place(name: "Kampung Lalang", latitude: 3.592, longitude: 98.491), .kelurahan),
            ]
        ),
        (
            Place(name: "Sungai Jernih", latitude: 3.652, longitude: 98.402),
            [
                (Place(name: "Sukamaju", latitude: 3.655, longitude: 98.398), .desa),
                (Place(name: "Air Hitam", latitude: 3.648, longitude: 98.410), .desa),
                (Place(name: "Lubuk Dalam", latitude: 3.660, longitude: 98.395), .desa),
            ]
        ),
        (
            Place(name: "Bukit Harapan", latitude: 3.520, longitude: 98.390),
            [
                (Place(name: "Harapan Jaya", latitude: 3.523, longitude: 98.386), .desa),
                (Place(name: "Sidomulyo", latitude: 3.515, longitude: 98.395), .desa),
                (Place(name: "Batu Gajah", latitude: 3.528, longitude: 98.380), .desa),
            ]
        ),
        (
            Place(name: "Padang Hijau", latitude: 3.480, longitude: 98.560),
            [
                (Place(name: "Mekarsari", latitude: 3.483, longitude: 98.556), .desa),
                (Place(name: "Sumber Agung", latitude: 3.476, longitude: 98.566), .desa),
                (Place(name: "Karangrejo", latitude: 3.488, longitude: 98.552), .desa),
            ]
        ),
        (
            Place(name: "Pantai Timur", latitude: 3.700, longitude: 98.620),
            [
                (Place(name: "Simpang Tiga", latitude: 3.703, longitude: 98.615), .desa),
                (Place(name: "Pematang Baru", latitude: 3.695, longitude: 98.628), .desa),
                (Place(name: "Suka Damai", latitude: 3.709, longitude: 98.612), .desa),
            ]
        ),
    ]

    /// (code, name, short name)
    static let agencies: [(String, String, String)] = [
        ("PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "PUPR"),
        ("DISHUB", "Dinas Perhubungan", "Dishub"),
        ("DLH", "Dinas Lingkungan Hidup", "DLH"),
        ("DINKES", "Dinas Kesehatan", "Dinkes"),
        ("DISDIK", "Dinas Pendidikan", "Disdik"),
        ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
        ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP"),
        ("INSPEKTORAT", "Inspektorat Daerah", "Inspektorat"),
        ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "Bappeda"),
        ("DISKOMINFO", "Dinas Komunikasi dan Informatika", "Diskominfo"),
        ("SETWAN", "Sekretariat DPRD", "Setwan"),
        ("DINSOS", "Dinas Sosial", "Dinsos"),
        ("SATPOLPP", "Satuan Polisi Pamong Praja", "Satpol PP"),
        ("PDAM", "Perumda Air Minum Tirta Mulia", "PDAM"),
    ]

    struct CategorySeed {
        let code: String
        let name: String
        let agency: String
        let kind: Category.Kind
        let resolutionDays: Int
        let description: String
        let keywords: String
        var english: (name: String, description: String) { englishNames[code] ?? ("", "") }
    }

    /// English names of the seeded categories (API clients and English readers); also given to databases
    /// seeded before categories had them (`AddCategoryEnglish`).
    static let englishNames: [String: (name: String, description: String)] = [
        "jalan": ("Roads and Bridges", "Potholes, damaged roads, landslides, damaged or broken bridges."),
        "drainase": ("Drainage and Flooding", "Blocked drains, overflowing ditches, standing water and floods."),
        "lampu-jalan": ("Street Lighting", "Street lights out or flickering, damaged lamp posts."),
        "lalu-lintas": ("Traffic and Transport", "Signs, traffic lights, illegal parking, public transport."),
        "sampah": ("Waste and Cleanliness", "Rubbish not collected, illegal dumping, dirty public facilities."),
        "pencemaran": ("Pollution", "Factory waste, polluted rivers, air pollution, noise."),
        "air-bersih": ("Clean Water", "Water supply cut or murky, leaking pipes, bills."),
        "kesehatan": (
            "Health Services",
            "Community health centres, posyandu, medicines, health workers, BPJS at regional facilities."
        ),
        "pendidikan": ("Education and Schools", "Damaged school buildings, teachers, fees, new pupil admission."),
        "kependudukan": (
            "Civil Registration", "Identity cards, family cards, birth and death certificates, moving in and out."
        ),
        "perizinan": ("Permits and Investment", "Business permits, building approval, OSS, slow permit processing."),
        "bantuan-sosial": (
            "Social Assistance",
            "Distribution of social aid, DTKS data, help for the elderly and people with disabilities."
        ),
        "ketertiban": ("Public Order", "Street vendors on pavements, illegal buildings, disturbances."),
        "informasi-publik": (
            "Public Information", "Requests for public information, government websites, village internet."
        ),
        "aspirasi-pembangunan": (
            "Development Aspirations", "Proposals, suggestions and ideas for regional development."
        ),
        "aspirasi-dprd": (
            "Aspirations to the DPRD", "Aspirations, criticism and input for the regional council and its members."
        ),
        "pelayanan-aparatur": (
            "Conduct of Officials",
            "Officials' attitude and service, unofficial charges (for serious misconduct use the whistleblowing channel)."
        ),
    ]

    static let categories: [CategorySeed] = [
        CategorySeed(
            code: "jalan", name: "Jalan dan Jembatan", agency: "PUPR", kind: .pengaduan, resolutionDays: 20,
            description: "Jalan berlubang, rusak, longsor, jembatan rusak atau putus.",
            keywords: "jalan, lubang, berlubang, aspal, jembatan, longsor, retak, rusak"),
        CategorySeed(
            code: "drainase", name: "Drainase dan Banjir", agency: "PUPR", kind: .pengaduan, resolutionDays: 15,
            description: "Saluran air tersumbat, parit meluap, genangan dan banjir.",
            keywords: "drainase, parit, selokan, got, banjir, genangan, tersumbat, gorong-gorong"),
        CategorySeed(
            code: "lampu-jalan", name: "Lampu Penerangan Jalan", agency: "DISHUB", kind: .pengaduan, resolutionDays: 7,
            description: "Lampu jalan mati, berkedip atau tiangnya rusak.",
            keywords: "lampu, penerangan, pju, gelap, mati, tiang lampu"),
        CategorySeed(
            code: "lalu-lintas", name: "Lalu Lintas dan Angkutan", agency: "DISHUB", kind: .pengaduan,
            resolutionDays: 10,
            description: "Rambu, lampu lalu lintas, parkir liar, angkutan umum.",
            keywords: "rambu, lampu merah, parkir, angkot, macet, terminal, marka"),
        CategorySeed(
            code: "sampah", name: "Sampah dan Kebersihan", agency: "DLH", kind: .pengaduan, resolutionDays: 5,
            description: "Sampah tidak diangkut, tempat pembuangan liar, kebersihan fasilitas umum.",
            keywords: "sampah, tps, kotor, bau, pembuangan, truk sampah, kebersihan"),
        CategorySeed(
            code: "pencemaran", name: "Pencemaran Lingkungan", agency: "DLH", kind: .pengaduan, resolutionDays: 15,
            description: "Limbah pabrik, pencemaran sungai, udara, kebisingan.",
            keywords: "limbah, pencemaran, asap, sungai tercemar, bising, polusi"),
        CategorySeed(
            code: "air-bersih", name: "Air Bersih", agency: "PDAM", kind: .pengaduan, resolutionDays: 7,
            description: "Air PDAM mati, keruh, pipa bocor, tagihan.",
            keywords: "air, pdam, pipa, bocor, keruh, mati air, meteran"),
        CategorySeed(
            code: "kesehatan", name: "Layanan Kesehatan", agency: "DINKES", kind: .pengaduan, resolutionDays: 10,
            description: "Pelayanan puskesmas, posyandu, obat, tenaga kesehatan, BPJS di fasilitas daerah.",
            keywords: "puskesmas, rumah sakit, dokter, bidan, obat, posyandu, bpjs, imunisasi"),
        CategorySeed(
            code: "pendidikan", name: "Pendidikan dan Sekolah", agency: "DISDIK", kind: .pengaduan, resolutionDays: 14,
            description: "Gedung sekolah rusak, guru, pungutan, penerimaan murid baru.",
            keywords: "sekolah, guru, murid, siswa, pungutan, ppdb, kelas, ruang kelas"),
        CategorySeed(
            code: "kependudukan", name: "Administrasi Kependudukan", agency: "DISDUKCAPIL", kind: .pengaduan,
            resolutionDays: 7,
            description: "KTP-el, kartu keluarga, akta kelahiran dan kematian, pindah datang.",
            keywords: "ktp, e-ktp, kartu keluarga, kk, akta, kelahiran, kematian, pindah, nik"),
        CategorySeed(
            code: "perizinan", name: "Perizinan dan Investasi", agency: "DPMPTSP", kind: .pengaduan, resolutionDays: 10,
            description: "Izin usaha, PBG/IMB, OSS, lamanya proses izin.",
            keywords: "izin, perizinan, imb, pbg, oss, nib, usaha, investasi"),
        CategorySeed(
            code: "bantuan-sosial", name: "Bantuan Sosial", agency: "DINSOS", kind: .pengaduan, resolutionDays: 10,
            description: "Penyaluran bansos, data DTKS, bantuan untuk lansia dan disabilitas.",
            keywords: "bansos, bantuan, dtks, pkh, sembako, lansia, disabilitas, miskin"),
        CategorySeed(
            code: "ketertiban", name: "Ketertiban Umum", agency: "SATPOLPP", kind: .pengaduan, resolutionDays: 5,
            description: "Pedagang di trotoar, bangunan liar, gangguan ketertiban.",
            keywords: "pkl, pedagang, trotoar, bangunan liar, ketertiban, gangguan, reklame"),
        CategorySeed(
            code: "informasi-publik", name: "Informasi Publik", agency: "DISKOMINFO", kind: .keduanya,
            resolutionDays: 10,
            description: "Permintaan informasi publik, situs pemerintah, jaringan internet desa.",
            keywords: "informasi, website, internet, sinyal, wifi, data, ppid"),
        CategorySeed(
            code: "aspirasi-pembangunan", name: "Aspirasi Pembangunan", agency: "BAPPEDA", kind: .aspirasi,
            resolutionDays: 20,
            description: "Usulan, saran dan gagasan untuk pembangunan daerah.",
            keywords: "usulan, saran, pembangunan, program, gagasan, rencana"),
        CategorySeed(
            code: "aspirasi-dprd", name: "Aspirasi kepada DPRD", agency: "SETWAN", kind: .aspirasi, resolutionDays: 20,
            description: "Aspirasi, kritik dan masukan untuk DPRD dan anggotanya.",
            keywords: "dprd, dewan, anggota dewan, reses, perda, aspirasi"),
        CategorySeed(
            code: "pelayanan-aparatur", name: "Pelayanan Aparatur", agency: "INSPEKTORAT", kind: .pengaduan,
            resolutionDays: 14,
            description:
                "Sikap dan pelayanan petugas, pungutan di luar ketentuan (untuk pelanggaran berat gunakan WBS).",
            keywords: "petugas, pegawai, pungli, pelayanan buruk, kantor, asn"),
    ]

    /// Loads everything when the database has no kecamatan yet; returns whether it did.
    @discardableResult
    static func seedIfEmpty(on db: any Database) async throws -> Bool {
        guard try await Kecamatan.query(on: db).count() == 0 else { return false }
        try await db.transaction { db in
            for (index, entry) in kecamatan.enumerated() {
                let kecamatanCode = String(format: "%@.%02d", kabupatenCode, index + 1)
                let row = Kecamatan(
                    code: kecamatanCode, name: entry.place.name, latitude: entry.place.latitude,
                    longitude: entry.place.longitude)
                try await row.create(on: db)
                for (desaIndex, (place, kind)) in entry.desa.enumerated() {
                    let serial = (kind == .kelurahan ? 1001 : 2001) + desaIndex
                    try await Desa(
                        code: "\(kecamatanCode).\(serial)", name: place.name, kind: kind, kecamatanID: row.requireID(),
                        latitude: place.latitude, longitude: place.longitude
                    ).create(on: db)
                }
            }
            var agencyIDs: [String: UUID] = [:]
            for (code, name, shortName) in agencies {
                let agency = Agency(code: code, name: name, shortName: shortName)
                try await agency.create(on: db)
                agencyIDs[code] = try agency.requireID()
            }
            for seed in categories {
                try await Category(
                    code: seed.code, name: seed.name, description: seed.description, keywords: seed.keywords,
                    kind: seed.kind, agencyID: agencyIDs[seed.agency]!, resolutionWorkingDays: seed.resolutionDays,
                    nameEnglish: seed.english.name, descriptionEnglish: seed.english.description
                ).create(on: db)
            }
        }
        return true
    }
}
