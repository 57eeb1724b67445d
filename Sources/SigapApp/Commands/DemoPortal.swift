import Fluent
import Foundation
import SigapCore
import Vapor

/// The demo's portal: agenda events (a DPRD sitting, a reses, a hearing called off, a Musrenbang meeting, a Sigap
/// training), two documents with their PDFs, and news — one published, one scheduled for tomorrow.
enum DemoPortal {
    /// Returns (events, documents, news) added; nothing when the agenda has events already.
    static func create(_ app: Application) async throws -> (Int, Int, Int) {
        guard try await AgendaEvent.query(on: app.db).count() == 0 else { return (0, 0, 0) }
        let account = { (role: Role) in
            try await User.query(on: app.db)
                .filter(\.$email == "\(role.rawValue.replacingOccurrences(of: "_", with: "."))@demo.sigap.local")
                .first()
        }
        guard let admin = try await account(.admin), let member = try await account(.dprd),
            let bappeda = try await account(.bappeda), let agencyHead = try await account(.opdAdmin)
        else { return (0, 0, 0) }
        let base = app.context()
        let hour = 3600.0
        let today = base.now
        let events: [(User, String, PortalRules.AgendaKind, Double, String, String)] = [
            (
                member, "Sidang paripurna: pandangan fraksi atas Ranperda APBD 2027", .dprdSitting, 26,
                "Gedung DPRD, ruang paripurna", "Terbuka untuk umum; warga dapat hadir di balkon."
            ),
            (
                member, "Reses anggota DPRD Dapil 1", .reses, 74, "Balai Desa Pasar Baru, Kota Mulia",
                "Sampaikan aspirasi Anda; usulan dicatat sebagai pokir."
            ),
            (
                member, "Rapat dengar pendapat Komisi C dengan Dinas PUPR", .hearing, 98, "Ruang Komisi C",
                "Membahas jalan rusak antar-desa."
            ),
            (
                bappeda, "Musrenbang Kecamatan Kota Mulia", .musrenbang, 122, "Aula Kantor Camat Kota Mulia",
                "Pembahasan usulan dari desa; delegasi desa diundang."
            ),
            (
                admin, "Pelatihan memakai Sigap untuk petugas desa", .training, -50, "Aula Diskominfo",
                "Cara menerima, meneruskan dan menjawab laporan warga."
            ),
        ]
        for (user, title, kind, offset, place, description) in events {
            let event = try await Portal.addEvent(
                .init(
                    title: title, kind: kind.rawValue, start: today.addingTimeInterval(offset * hour),
                    end: today.addingTimeInterval((offset + 3) * hour), place: place, description: description),
                context: base.acting(as: user))
            // One is called off, as happens: the agenda marks it and calendars are told (STATUS:CANCELLED).
            if kind == .hearing {
                try await Portal.cancelEvent(
                    event.id!, reason: "Ditunda; jadwal baru menyusul.", context: base.acting(as: user))
            }
        }
        let documents: [(String, String, Int, String, [String])] = [
            (
                "perda", "7", 2026, "Peraturan Daerah tentang Pengelolaan Sampah",
                [
                    "PERATURAN DAERAH NOMOR 7 TAHUN 2026", "TENTANG PENGELOLAAN SAMPAH",
                    "Setiap rumah tangga wajib memilah sampah organik dan anorganik.",
                    "Bank sampah desa dibina oleh Dinas Lingkungan Hidup.",
                ]
            ),
            (
                "apbd", "2", 2026, "APBD Tahun Anggaran 2026",
                [
                    "ANGGARAN PENDAPATAN DAN BELANJA DAERAH 2026", "Belanja infrastruktur jalan dan jembatan.",
                    "Belanja pelayanan kesehatan dasar di puskesmas.",
                ]
            ),
        ]
        for (kind, number, year, title, lines) in documents {
            let file = try base.files.stage(DemoPDF.make(lines), for: .document)
            _ = try await Portal.addDocument(
                .init(
                    kind: kind, number: number, year: year, title: title, summary: lines.dropFirst().first ?? "",
                    file: file),
                context: base.acting(as: admin))
        }
        _ = try await Portal.saveNews(
            nil,
            .init(
                title: "Pengangkutan sampah pasar kini tiga kali seminggu",
                summary: "Usulan warga di forum Sigap ditindaklanjuti Dinas Lingkungan Hidup.",
                body: "Mulai bulan ini truk sampah datang **tiga kali seminggu** ke pasar induk.\n\n"
                    + "Warga dapat melaporkan tumpukan sampah melalui [Sigap](/lapor).",
                publishAt: today.addingTimeInterval(-2 * hour)),
            context: base.acting(as: agencyHead))
        _ = try await Portal.saveNews(
            nil,
            .init(
                title: "Jadwal Musrenbang kecamatan diumumkan",
                summary: "Bappeda mengumumkan jadwal Musrenbang di setiap kecamatan.",
                body: "Jadwal lengkap ada di halaman agenda.", publishAt: today.addingTimeInterval(24 * hour)),
            context: base.acting(as: admin))
        return (events.count, documents.count, 2)
    }
}
