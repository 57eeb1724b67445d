import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 16 (search): the index follows what the public may read; Indonesian word forms find each other; the
/// page marks what matched; the API answers the same.
@Suite struct SearchTests {
    /// Files a report as a guest and returns it.
    static func file(
        _ title: String, _ description: String, category: String = "jalan", privacy: String = "publik",
        _ context: TestContext
    ) async throws -> Report {
        let desa = try #require(try await Desa.query(on: context.db).sort(\.$code).first())
        let draft = ReportDraft(
            kind: "pengaduan", categoryCode: category, title: title, description: description, desaCode: desa.code,
            address: "", latitude: nil, longitude: nil, privacy: privacy, contact: "warga@contoh.id")
        return try await ReportIntake.file(draft, context: context.app.context()).report
    }

    /// Takes `action` on `report` as an agency officer of PUPR.
    static func act(
        _ action: ReportAction, _ report: Report, by staff: Fixtures.Staff, target: String? = nil,
        _ context: TestContext
    ) async throws {
        let fresh = try #require(try await Report.find(report.id, on: context.db))
        _ = try await ReportActions.perform(
            action, on: fresh, input: .init(text: "Diperiksa petugas.", targetNumber: target),
            viewer: ReportViewer(user: staff.user, followToken: nil),
            context: context.app.context(acting: staff.user))
    }

    static func found(_ query: String, kind: SearchKind? = nil, _ context: TestContext) async throws -> [String] {
        try await SearchQueries.search(
            SearchText.queryTerms(query), .init(kind: kind), limit: 30, on: context.db
        ).map(\.key)
    }

    @Test func theIndexHoldsOnlyWhatThePublicMayRead() async throws {
        try await withSigap(adjust: { $0.publication = .afterVerification }) { context in
            let staff = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let bridge = try await Self.file(
                "Jembatan gantung Dusun III rusak", "Papan lantai jembatan lepas dan perlu diperbaiki segera.",
                context)
            // Filed but not yet verified: not published, not found.
            #expect(try await Self.found("perbaikan jembatan", context).isEmpty)
            try await Self.act(.verify, bridge, by: staff, context)
            #expect(try await Self.found("perbaikan jembatan", context) == [bridge.number])

            // A confidential report is never found, also once verified.
            let secret = try await Self.file(
                "Pungutan liar di jembatan timbang", "Petugas meminta uang tanpa karcis.", privacy: "rahasia",
                context)
            try await Self.act(.verify, secret, by: staff, context)
            #expect(try await Self.found("pungutan", context).isEmpty)

            // A duplicate merged into another leaves the index with its merge.
            let duplicate = try await Self.file(
                "Jembatan gantung Dusun III patah", "Jembatan gantung sudah tidak bisa dilewati sepeda motor.", context)
            try await Self.act(.verify, duplicate, by: staff, context)
            #expect(Set(try await Self.found("jembatan gantung", context)) == [bridge.number, duplicate.number])
            try await Self.act(.merge, duplicate, by: staff, target: bridge.number, context)
            #expect(try await Self.found("jembatan gantung", context) == [bridge.number])
        }
    }

    @Test func aReportPublishedOnFilingIsFoundAtOnceAndProposalsFollowTheirRevisions() async throws {
        try await withSigap { context in
            let lamp = try await Self.file(
                "Lampu jalan mati di simpang tiga", "Sudah seminggu gelap.", category: "lampu-jalan", context)
            #expect(try await Self.found("lampu simpang", context) == [lamp.number])

            let w = try await ProposalTests.world(context)
            let p = try await ProposalTests.propose(
                "Pembangunan saluran drainase", desa: w.desa, by: w.citizen, context, world: w)
            #expect(try await Self.found("membangun drainase", kind: .proposal, context) == [p.number])
            #expect(try await Self.found("drainase", kind: .report, context).isEmpty)
            #expect(try await Self.found("gorong", context).isEmpty)
            // Returned and revised: the index holds the new text.
            ProposalTests.enter(.desa, w, context)
            _ = try await ProposalTests.decide(
                .returnForRevision, p, by: w.desaOfficer.user, context, reason: "Lengkapi")
            _ = try await Proposals.revise(
                try await Proposals.find(p.number, on: context.db),
                with: ProposalDraft(
                    catalogueCode: "drainase", title: "Gorong-gorong dan saluran drainase",
                    problem: "Air menggenang setiap hujan di jalan desa.", desaCode: w.desa.code, volume: "120"),
                context: context.app.context(acting: w.citizen))
            #expect(try await Self.found("gorong", context) == [p.number])
        }
    }

    @Test func thePageMarksTheMatchedWordsAndTheAPIAnswersTheSame() async throws {
        try await withSigap { context in
            let road = try await Self.file(
                "Jalan desa berlubang", "Jalan utama belum diperbaiki sejak banjir; <script>alert(1)</script>", context)
            let browser = Browser(context.app)
            let page = try await browser.get("/cari?q=perbaikan+jalan")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("<h2>Laporan warga</h2>"))
            #expect(html.contains("href=\"/laporan/\(road.number)\""))
            #expect(html.contains("<mark>Jalan</mark> utama belum <mark>diperbaiki</mark>"))
            #expect(!html.contains("<script>alert"))
            #expect(html.contains("&lt;script&gt;"))

            let none = try await browser.get("/cari?q=kebakaran+hutan")
            #expect(none.status == .ok)
            #expect(none.body.string.contains("Tidak ada yang cocok"))

            let api = try await browser.get("/api/v1/search?q=diperbaiki&kind=laporan")
            #expect(api.status == .ok)
            struct Answer: Decodable {
                struct Result: Decodable {
                    let kind: String
                    let key: String
                    let url: String
                    let matched: [String]
                }
                let terms: [String]
                let results: [Result]
            }
            let answer = try JSONDecoder().decode(Answer.self, from: Data(api.body.readableBytesView))
            #expect(answer.terms == ["baik"])
            #expect(answer.results.map(\.key) == [road.number])
            #expect(answer.results.first?.url == "/laporan/\(road.number)")
            #expect(answer.results.first?.matched == ["diperbaiki"])
            #expect(try await browser.get("/api/v1/search?q=jalan&kind=pengumuman").status == .unprocessableEntity)
        }
    }
}
