import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 16: the relevance set — what citizens would type, in other word forms than the text they look for
/// (reports, proposals, a discussion, news, a document's text, an event)
/// ("kerusakan" for "rusak", "dicuri" for "pencurian"), each with the item that must come first. It runs on
/// whichever engine the suite runs on: SQLite by default, PostgreSQL under `scripts/with-postgres`.
@Suite struct SearchRelevanceTests {
    /// Reports: a label, the title, the text.
    static let reports: [(String, String, String)] = [
        ("jembatan", "Jembatan gantung di Dusun Tiga rusak", "Papan lantai lepas, warga takut menyeberang."),
        ("lampu", "Lampu penerangan padam di Jalan Merdeka", "Sudah dua minggu gelap setiap malam."),
        ("sampah", "Sampah menumpuk di pasar induk", "Tumpukan sampah belum diangkut seminggu, baunya menyengat."),
        ("pdam", "Air PDAM keruh dan berbau", "Air yang keluar dari keran berwarna coklat sejak Senin."),
        ("ktp", "Pungutan di kantor camat untuk pembuatan KTP", "Diminta uang lima puluh ribu tanpa kuitansi."),
        ("banjir", "Banjir setinggi lutut di perumahan Griya Asri", "Air masuk ke rumah warga setiap hujan deras."),
        ("pohon", "Pohon tumbang menutup jalan provinsi", "Kendaraan harus memutar jauh."),
        ("anjing", "Anjing liar menggigit anak", "Dua anak digigit minggu ini di dekat balai desa."),
        ("obat", "Puskesmas kekurangan obat", "Pasien diminta membeli obat sendiri di apotek."),
        ("gaji", "Guru honorer belum menerima gaji", "Honor tiga bulan belum dibayarkan."),
        ("atap", "Atap sekolah dasar bocor", "Ruang kelas basah, murid dipulangkan saat hujan."),
        ("parkir", "Parkir liar di trotoar", "Pejalan kaki terpaksa berjalan di badan jalan."),
        ("pkl", "Pedagang kaki lima memenuhi bahu jalan", "Lapak berdiri sampai ke marka."),
        ("irigasi", "Saluran irigasi tersumbat", "Sawah di hilir tidak mendapat air."),
        ("kabel", "Kabel listrik menjuntai rendah", "Kabel hampir menyentuh kepala pengendara."),
        ("limbah", "Pencemaran sungai oleh limbah pabrik tahu", "Sungai berbusa dan ikan mati."),
        ("ayam", "Bau busuk dari peternakan ayam", "Lalat masuk ke rumah-rumah sekitar kandang."),
        ("karaoke", "Kebisingan karaoke hingga larut malam", "Suara musik terdengar sampai jam dua pagi."),
        ("antre", "Antrean panjang di kantor Dukcapil", "Warga datang subuh untuk mendapat nomor."),
        ("bansos", "Bantuan sosial tidak tepat sasaran", "Keluarga mampu menerima, keluarga miskin tidak."),
        ("lumpur", "Jalan tani berlumpur saat hujan", "Motor pengangkut gabah tergelincir."),
        ("tiang", "Tiang telepon miring hampir roboh", "Tiang condong ke arah rumah warga."),
        ("tambang", "Rumah warga retak akibat tambang pasir", "Truk dan alat berat bekerja siang malam."),
        ("macet", "Kemacetan di depan sekolah saat jam pulang", "Mobil penjemput berhenti di badan jalan."),
        ("sumur", "Kekeringan sumur warga", "Sumur dangkal tidak berair sejak kemarau."),
        ("rsud", "Pelayanan rumah sakit daerah lambat", "Pasien gawat darurat menunggu berjam-jam."),
        ("vaksin", "Vaksinasi anak di posyandu tertunda", "Vaksin belum datang dari dinas."),
        ("oli", "Tumpahan oli di jalan menurun", "Beberapa motor tergelincir pagi ini."),
        ("asap", "Kabut asap pembakaran lahan", "Sesak napas dirasakan warga, sekolah diliburkan."),
        ("padam", "Pemadaman listrik bergilir tanpa jadwal", "Peralatan rumah tangga rusak."),
        ("izin", "Perizinan usaha mikro berbelit", "Berkas dikembalikan berkali-kali."),
        ("angkot", "Angkutan kota ugal-ugalan", "Sopir mengebut dan menerobos lampu merah."),
        ("makam", "Makam umum tergenang air", "Peziarah tidak bisa masuk area makam."),
        ("gawang", "Gawang lapangan sepak bola patah", "Anak-anak tidak bisa bermain bola."),
        ("curi", "Pencurian kabel tembaga", "Kabel tembaga penangkal petir masjid hilang."),
        ("rambu", "Rambu lalu lintas hilang di tikungan", "Pengendara dari luar kota tidak tahu ada tikungan tajam."),
        ("taman", "Taman kota kotor dan kumuh", "Bangku taman patah dan rumput tinggi."),
        ("internet", "Jaringan internet desa lemah", "Siswa sulit mengikuti ujian daring."),
        ("kis", "Kartu Indonesia Sehat ditolak klinik", "Klinik meminta pasien membayar tunai."),
        ("mancur", "Air mancur alun-alun mati", "Kolam air mancur kering dan berlumut."),
    ]

    /// Musrenbang proposals (free text): a label, the title, the problem.
    static let proposals: [(String, String, String)] = [
        ("sumur-bor", "Pembangunan sumur bor untuk air bersih", "Warga membeli air bersih setiap hari."),
        ("jahit", "Pelatihan menjahit untuk ibu rumah tangga", "Ibu-ibu ingin penghasilan tambahan."),
        ("perkerasan", "Pengerasan jalan lingkungan RT 04", "Jalan tanah licin saat hujan."),
    ]

    /// What is typed, and the label of what must come first.
    static let queries: [(String, String)] = [
        ("kerusakan jembatan gantung", "jembatan"), ("penerangan jalan merdeka", "lampu"),
        ("pengangkutan sampah pasar", "sampah"), ("air keruh", "pdam"), ("pungutan ktp", "ktp"),
        ("banjir griya asri", "banjir"), ("pohon tumbang", "pohon"), ("gigitan anjing", "anjing"),
        ("kekurangan obat puskesmas", "obat"), ("gaji guru honorer", "gaji"), ("atapnya bocor", "atap"),
        ("parkir trotoar", "parkir"), ("pedagang kaki lima", "pkl"), ("penyumbatan irigasi", "irigasi"),
        ("kabel menjuntai", "kabel"), ("limbah pabrik", "limbah"), ("bau peternakan ayam", "ayam"),
        ("karaoke bising", "karaoke"), ("antre dukcapil", "antre"), ("bantuan tepat sasaran", "bansos"),
        ("jalan berlumpur", "lumpur"), ("tiang miring", "tiang"), ("tambang pasir", "tambang"),
        ("macet sekolah", "macet"), ("sumur kering", "sumur"), ("layanan rumah sakit", "rsud"),
        ("vaksinasi posyandu", "vaksin"), ("oli tumpah", "oli"), ("membakar lahan", "asap"),
        ("listrik padam", "padam"), ("izin usaha", "izin"), ("angkutan ugal", "angkot"),
        ("makam tergenang", "makam"), ("lapangan sepak bola", "gawang"), ("kabel dicuri", "curi"),
        ("rambu hilang", "rambu"), ("taman kota", "taman"), ("jaringan internet", "internet"),
        ("kartu indonesia sehat", "kis"), ("air mancur", "mancur"), ("sumur bor", "sumur-bor"),
        ("latihan menjahit", "jahit"), ("pengerasan jalan lingkungan", "perkerasan"),
        // the other kinds: a discussion, news, a document's PDF text, an event
        ("membaca di taman", "taman-baca"), ("ronda malam", "ronda"), ("rabies hewan peliharaan", "rabies"),
        ("retribusi parkir", "retribusi"), ("pencegahan stunting", "stunting"),
    ]

    /// What a query finds, as "kind/key" (keys of different kinds can be equal).
    static func found(_ query: String, _ context: TestContext) async throws -> [String] {
        try await SearchQueries.search(SearchText.queryTerms(query), .init(), limit: 30, on: context.db)
            .map { $0.kind.rawValue + "/" + $0.key }
    }

    @Test func everyQueryOfTheSetFindsItsItemFirst() async throws {
        #expect(Self.queries.count >= 40)
        try await withSigap { context in
            var keys: [String: String] = [:]
            for (label, title, text) in Self.reports {
                keys[label] = "laporan/" + (try await SearchTests.file(title, text, context).number)
            }
            let w = try await ProposalTests.world(context)
            for (label, title, problem) in Self.proposals {
                let p = try await Proposals.enter(
                    .init(
                        draft: ProposalDraft(
                            sector: "infrastruktur", title: title, problem: problem, desaCode: w.desa.code, volume: "1",
                            unit: "paket", cost: "50.000.000"),
                        source: .citizen),
                    in: w.cycle, context: context.app.context(acting: w.citizen))
                keys[label] = "usulan/" + p.number
            }
            let citizen = w.citizen
            for (label, title, body) in [
                ("taman-baca", "Taman baca anak di balai desa", "Anak-anak butuh tempat membaca sepulang sekolah."),
                ("ronda", "Jadwal ronda malam di pos kamling", "Siapa yang bisa bergiliran jaga?"),
            ] {
                context.clock.advance(seconds: 31)
                let thread = try await Forum.open(
                    .init(title: title, topic: "umum", body: body), context: context.app.context(acting: citizen))
                keys[label] = "forum/\(thread.id!)"
            }
            let admin = try await Fixtures.staff(.admin, in: context).user
            let asAdmin = context.app.context(acting: admin)
            let news = try await Portal.saveNews(
                nil,
                .init(
                    title: "Suntik rabies gratis untuk hewan peliharaan",
                    summary: "Dinas membuka layanan suntik rabies di setiap kecamatan.",
                    body: "Bawa anjing dan kucing peliharaan Anda ke puskesmas hewan.",
                    publishAt: context.clock.now.addingTimeInterval(-3600)),
                context: asAdmin)
            keys["rabies"] = "berita/\(news.id!)"
            let pdf = try asAdmin.files.stage(
                DemoPDF.make(["PERATURAN BUPATI", "Tarif retribusi parkir di tepi jalan umum."]), for: .document)
            let document = try await Portal.addDocument(
                .init(
                    kind: "perbup", number: "12", year: 2026, title: "Peraturan Bupati tentang Tarif", summary: "",
                    file: pdf),
                context: asAdmin)
            // Without pdftotext its text is not indexed: the title is all there is to find.
            keys["retribusi"] =
                FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") ? "dokumen/\(document.id!)" : nil
            let event = try await Portal.addEvent(
                .init(
                    title: "Sosialisasi pencegahan stunting", kind: "sosialisasi",
                    start: context.clock.now.addingTimeInterval(86_400),
                    end: context.clock.now.addingTimeInterval(90_000), place: "Aula puskesmas",
                    description: "Untuk ibu hamil dan kader posyandu."),
                context: asAdmin)
            keys["stunting"] = "agenda/\(event.id!)"
            #expect(keys.count >= Self.reports.count + Self.proposals.count + 4)
            for (query, label) in Self.queries {
                guard label != "retribusi" || keys[label] != nil else {
                    #expect(try await Self.found(query, context).isEmpty)
                    continue
                }
                let expected = try #require(keys[label], "no item labelled \(label)")
                let found = try await Self.found(query, context)
                #expect(found.first == expected, "\(query): expected \(label), got \(found)")
            }
        }
    }
}
