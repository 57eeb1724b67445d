import Fluent
import Foundation
import SigapCore
import Vapor

/// The demo's recognition: the points the demo's reports, proposals and forum marks earned (the ledger filled
/// itself as they happened), the demo citizen on the leaderboard, and a "Warga Peduli" award to the citizens
/// with the most points this month and two village cadres, with their signed certificates.
enum DemoRecognition {
    /// Returns the certificates' numbers (none when awards exist already).
    static func create(_ app: Application) async throws -> [String] {
        guard try await Award.query(on: app.db).count() == 0,
            let admin = try await User.query(on: app.db).filter(\.$email == "admin@demo.sigap.local").first()
        else { return [] }
        if let citizen = try await User.query(on: app.db).filter(\.$email == "warga@demo.sigap.local").first() {
            try await Leaderboards.setConsent(true, of: citizen.id!, context: app.context(acting: citizen))
        }
        let context = app.context(acting: admin)
        let zone = app.sigap.config.timeZone
        let today = CivilDay(of: context.now, in: zone)
        let first = CivilDay(year: today.year, month: today.month, day: 1)
        let reference = try await context.reference()
        let suggestions = try await Awards.suggestions(
            from: reference.calendar.startOfDay(first), to: reference.calendar.startOfDay(today.next), limit: 3,
            on: app.db)
        // Two village cadres the administration chose itself (an award may go to any citizen).
        var chosen = suggestions.map(\.userID)
        for name in ["Rahmawati, kader PKK Sukamaju", "Joko Susilo, ketua karang taruna"] {
            let cadre = User(
                name: String(name.prefix { $0 != "," }), role: .warga,
                passwordHash: try await app.sigap.passwords.hash(SecretToken.readable(count: 16, groupSize: 4)))
            try await cadre.create(on: app.db)
            chosen.append(cadre.id!)
        }
        let (_, certificates) = try await Awards.give(
            .init(
                title: "Warga Peduli \(first.description.prefix(7))",
                citation: "Atas laporan, usulan dan kepedulian yang membantu pemerintah daerah memperbaiki layanan "
                    + "bagi warga.",
                periodFrom: first.description, periodTo: today.description, recipientIDs: chosen, others: nil),
            context: context)
        return certificates.map(\.number)
    }
}
