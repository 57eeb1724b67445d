import Fluent
import Foundation
import SigapCore
import Vapor

/// The demo's council: four commissions with the fields they oversee, eight members (the `dprd` demo account is
/// one of them, in the commission for development), and a citizen's aspiration addressed to the DPRD, answered
/// by that member.
enum DemoDPRD {
    /// Returns how many members it added (none when the council exists already).
    static func create(_ app: Application) async throws -> Int {
        guard try await DPRDCommission.query(on: app.db).count() == 0 else { return 0 }
        let commissions = [
            DPRDCommission(
                code: "A", name: "Komisi A — Pemerintahan", fields: "Pemerintahan, kependudukan, perizinan, hukum",
                categories: ["kependudukan", "perizinan"], agencies: ["DISDUKCAPIL", "DPMPTSP"]),
            DPRDCommission(
                code: "B", name: "Komisi B — Perekonomian dan Keuangan", fields: "Anggaran, pasar, UMKM, pertanian",
                categories: [], agencies: ["BAPPEDA"]),
            DPRDCommission(
                code: "C", name: "Komisi C — Pembangunan",
                fields: "Jalan, jembatan, drainase, perhubungan, lingkungan, air",
                categories: ["jalan", "drainase", "lampu-jalan", "lalu-lintas", "sampah", "pencemaran", "air-bersih"],
                agencies: ["PUPR", "DISHUB", "DLH", "PDAM"]),
            DPRDCommission(
                code: "D", name: "Komisi D — Kesejahteraan Rakyat", fields: "Kesehatan, pendidikan, sosial",
                categories: ["kesehatan", "pendidikan", "bantuan-sosial"], agencies: ["DINKES", "DISDIK", "DINSOS"]),
        ]
        for commission in commissions { try await commission.create(on: app.db) }
        let district = try await ElectoralDistrict.query(on: app.db).sort(\.$code).first()?.id
        let member = try await User.query(on: app.db).filter(\.$email == "dprd@demo.sigap.local").first()
        let people: [(String, String, String, String)] = [
            ("H. Ahmad Syahrial", "Fraksi Karya Bangsa", "C", "Ketua"),
            ("Dewi Lestari, S.E.", "Fraksi Nusantara", "C", "Anggota"),
            ("Rudi Hartono", "Fraksi Amanat Rakyat", "A", "Ketua"), ("Nur Aini", "Fraksi Karya Bangsa", "A", "Anggota"),
            ("Ir. Bonar Simanjuntak", "Fraksi Nusantara", "B", "Ketua"),
            ("Siti Rahmah", "Fraksi Amanat Rakyat", "B", "Anggota"),
            ("dr. Lina Marpaung", "Fraksi Persatuan", "D", "Ketua"),
            ("Yusuf Hasibuan", "Fraksi Persatuan", "D", "Anggota"),
        ]
        for (index, (name, faction, code, position)) in people.enumerated() {
            let row = DPRDMember()
            row.id = UUID()
            row.name = name
            row.faction = faction
            row.electoralDistrictID = district
            row.commissionID = commissions.first { $0.code == code }?.id
            row.position = position
            // The demo `dprd` account sits in the development commission.
            row.userID = index == 1 ? member?.id : nil
            try await row.create(on: app.db)
        }
        if let citizen = try await User.query(on: app.db).filter(\.$email == "warga@demo.sigap.local").first(),
            let desa = try await Desa.query(on: app.db).sort(\.$code).first()
        {
            let filed = try await ReportIntake.file(
                ReportDraft(
                    kind: "aspirasi", categoryCode: "jalan", title: "Anggaran perbaikan jalan kabupaten",
                    description: "Mohon DPRD memastikan anggaran perbaikan jalan antar-desa masuk APBD tahun depan.",
                    desaCode: desa.code, privacy: "publik"),
                toDPRD: true, context: app.context(acting: citizen))
            // The member sitting on the development commission answers it herself.
            if let member {
                try await member.takeCouncilSeat(on: app.db)
                _ = try await ReportActions.perform(
                    .reply, on: filed.report,
                    input: .init(
                        text: "Komisi C akan membahasnya dalam rapat kerja dengan Dinas PUPR bulan ini. — Dewi Lestari"),
                    viewer: ReportViewer(user: member, followToken: nil), context: app.context(acting: member))
            }
        }
        return people.count
    }
}
