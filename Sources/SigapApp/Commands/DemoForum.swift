import Fluent
import Foundation
import SigapCore
import Vapor

/// The demo's forum: a discussion with an official answer and a pinned outcome, and one about a public report,
/// written through `Forum` at moments a minute apart (the 30-second rule holds for the demo too).
enum DemoForum {
    /// Returns how many threads it opened (none when the forum has some already).
    static func create(_ app: Application) async throws -> Int {
        guard try await ForumThread.query(on: app.db).count() == 0 else { return 0 }
        let account = { (role: Role) in
            try await User.query(on: app.db)
                .filter(\.$email == "\(role.rawValue.replacingOccurrences(of: "_", with: "."))@demo.sigap.local")
                .first()
        }
        guard let citizen = try await account(.warga), let officer = try await account(.opdStaf),
            let bappeda = try await account(.bappeda)
        else { return 0 }
        let base = app.context()
        var minute = -120.0
        func at(_ user: User) -> ServiceContext {
            minute += 1
            return base.acting(as: user).at(base.now.addingTimeInterval(minute * 60))
        }
        let waste = try await Forum.open(
            .init(
                title: "Jadwal pengangkutan sampah di pasar", topic: "umum",
                body: "Sampah di pasar hanya diangkut **dua kali** seminggu, padahal pedagang bertambah.\n\n"
                    + "- Bau menyengat sejak pagi\n- Lalat masuk ke kios makanan"),
            context: at(citizen))
        _ = try await Forum.reply(
            to: waste.id!, body: "Terima kasih. Mulai bulan depan truk DLH datang tiga kali seminggu.", quoting: nil,
            context: at(officer))
        _ = try await Forum.reply(
            to: waste.id!, body: "Semoga juga ada tempat sampah terpilah di pintu masuk.", quoting: nil,
            context: at(citizen))
        try await Forum.conclude(
            waste.id!,
            outcome: "Pengangkutan sampah pasar menjadi tiga kali seminggu; tempat sampah terpilah diusulkan ke "
                + "Musrenbang kecamatan.",
            context: at(bappeda))
        var opened = 1
        if let report = try await Report.query(on: app.db).filter(\.$published == true)
            .filter(\.$privacy == .publik).filter(\.$mergedIntoID == nil).sort(\.$id).first()
        {
            _ = try await Forum.open(
                .init(
                    title: "Ada yang mengalami hal yang sama?", topic: "umum", linkedKind: SearchKind.report.rawValue,
                    linkedKey: report.number, body: "Saya melaporkan \(report.number). Apakah di desa lain juga?"),
                context: at(citizen))
            opened += 1
        }
        return opened
    }
}
