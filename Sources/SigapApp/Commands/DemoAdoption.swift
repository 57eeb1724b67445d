import Fluent
import Foundation
import SigapCore
import Vapor

/// The demo's adoption pieces: the demo pendamping has filed a report, entered a Musrenbang proposal and applied
/// for a service for a citizen without a smartphone, and has an open practice session (on the agenda) with one
/// participant's practice report in it.
enum DemoAdoption {
    /// Returns the practice session's code, or nil when the demo has them already (or has no pendamping).
    static func create(_ app: Application) async throws -> String? {
        guard let helper = try await User.query(on: app.db).filter(\.$email == "pendamping@demo.sigap.local").first(),
            try await PracticeSession.query(on: app.db).count() == 0,
            let desa = try await helper.$desa.get(on: app.db)
        else { return nil }
        let context = app.context(acting: helper)
        let reference = try await context.reference()
        guard let category = reference.categories["lampu-jalan"] ?? reference.categories.values.first(where: \.active)
        else { return nil }
        let assistance = try await AssistedFiling.assistance(
            name: "Mbah Sarinah", phone: "0813-0000-5678", desaCode: desa.code, context: context)
        let filed = try await ReportIntake.file(
            ReportDraft(
                kind: category.kind == .aspirasi ? "aspirasi" : "pengaduan", categoryCode: category.code,
                title: "Lampu jalan di gang musala padam",
                description:
                    "Sudah seminggu lampu jalan di gang dekat musala padam; lansia takut berjalan ke musala saat subuh.",
                desaCode: desa.code, address: "Gang Musala", latitude: nil, longitude: nil, privacy: "publik",
                contact: nil),
            assistance: assistance, context: context)
        try await AssistedFiling.recordConsent(filed.report, assistance, context: context)
        try await proposeAndApply(for: assistance, desa: desa, context: context)

        let start = Calendar(identifier: .gregorian).date(byAdding: .day, value: 3, to: context.now)!
        let session = try await PracticeSessions.open(
            .init(
                title: "Sosialisasi Sigap bersama kader PKK \(desa.name)", place: "Balai Desa \(desa.name)",
                start: start, end: start.addingTimeInterval(3 * 3600)), context: context)
        let participant = PracticeSessions.Participant(
            sessionID: session.id!, sessionTitle: session.title, name: "Bu Rina (peserta)",
            key: SecretToken.digest(SecretToken.urlSafe(bytes: 18)))
        _ = try await PracticeSessions.report(
            ReportDraft(
                kind: "pengaduan", categoryCode: category.code, title: "Latihan: lampu jalan di pertigaan padam",
                description: "Ini laporan latihan saat sosialisasi: lampu jalan di pertigaan padam sejak kemarin.",
                desaCode: desa.code, address: nil, latitude: nil, longitude: nil, privacy: "publik", contact: nil),
            by: participant, context: app.context())
        return session.code
    }

    /// A proposal in the running cycle (when its proposals phase is open) and a submitted application for a
    /// population-data correction, both the citizen's, both entered by the pendamping.
    private static func proposeAndApply(for assistance: Assistance, desa: Desa, context: ServiceContext) async throws {
        if let cycle = try await MusrenbangCycles.current(context),
            cycle.cycle.phase(on: context.today) == .proposals
        {
            _ = try await Proposals.enter(
                .init(
                    draft: ProposalDraft(
                        catalogueCode: "lampu-jalan", title: "Lampu jalan di gang musala",
                        problem: "Gang ke musala gelap; lansia berjalan subuh tanpa penerangan.", desaCode: desa.code,
                        volume: "3", beneficiaries: "80", groups: ["lansia"]),
                    source: .citizen, assistance: assistance),
                in: cycle, context: context)
        }
        guard
            let service = try await PublicService.query(on: context.db).filter(\.$code == "perbaikan-data-kependudukan")
                .first()
        else { return }
        let card = try context.files.stage(
            DemoPDF.make(["KARTU KELUARGA", "Contoh untuk demo"]), for: .applicationFile)
        _ = try await Applications.save(
            nil, for: service,
            .init(
                values: [
                    "nik": "1207014107450001", "data_yang_diperbaiki": "Tahun lahir tertulis 1954, seharusnya 1945.",
                ],
                files: [("kartu_keluarga", card)], submit: true, assistance: assistance),
            context: context)
    }
}
