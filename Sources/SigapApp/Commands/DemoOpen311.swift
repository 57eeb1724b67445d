import Fluent
import Foundation
import SigapCore
import Vapor

/// The demo's integrations: a city app holding an Open311 key, and a report it filed through Open311 (in the
/// transport agency's queue like any other, verified and so public).
enum DemoOpen311 {
    /// Returns the key and the number of the report it filed (nil when the demo has integrations already).
    static func create(_ app: Application) async throws -> (key: String, number: String)? {
        guard try await Open311Key.query(on: app.db).count() == 0,
            let admin = try await User.query(on: app.db).filter(\.$email == "admin@demo.sigap.local").first()
        else { return nil }
        let (key, secret) = try await Open311Keys.issue(
            name: "Aplikasi Kota Sehat (demo)", contact: "tik@kotasehat.example", context: app.context(acting: admin))
        var input = Open311Filing.Input()
        input.serviceCode = "lampu-jalan"
        input.lat = "3.6012"
        input.long = "98.4790"
        input.description = "Tiga lampu jalan mati berturut-turut di dekat jembatan; jalan gelap sejak seminggu."
        input.email = "pengguna@kotasehat.example"
        input.attribute = [Open311Catalogue.titleAttribute: "Lampu jalan mati dekat jembatan"]
        let filed = try await Open311Filing.file(
            input, key: key, language: .id, media: { _ in throw Open311Media.Problem.refused("") },
            context: app.context())
        // Checked by staff, as every report is before it is public (and so readable through Open311 too).
        if let report = try await Report.query(on: app.db).filter(\.$number == filed.number).first() {
            _ = try await ReportActions.perform(
                .verify, on: report, input: ReportActions.Input(), viewer: ReportViewer(user: admin, followToken: nil),
                context: app.context(acting: admin))
        }
        return (secret, filed.number)
    }
}
