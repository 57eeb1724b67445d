import Fluent
import Foundation
import SQLKit
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

@Suite struct PerformanceTests {
    /// Reports across agencies, kecamatan and privacies, some answered, some late, one confidential.
    @discardableResult
    func seed(_ context: TestContext) async throws -> [String] {
        _ = try await Fixtures.citizen(in: context)
        let citizen = try await APIClient.signedIn("081234567890", context)
        let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
        let pupr = try await APIClient.signedIn(clerk.email, staff: clerk, context)
        var numbers: [String] = []
        for (category, desa, privacy) in [
            ("jalan", "99.01.01.1001", "publik"), ("jalan", "99.01.01.1001", "rahasia"),
            ("jalan", "99.01.02.2001", "anonim"), ("sampah", "99.01.02.2001", "publik"),
            ("air-bersih", "99.01.01.1001", "publik"),
        ] {
            numbers.append(
                try await ReportFixtures.file(
                    citizen, ReportFixtures.draft(category: category, desa: desa, privacy: privacy, lat: nil, lon: nil))
            )
        }
        // PUPR answers the first at once, resolves it, and the citizen rates it
        for body: [String: Any] in [
            ["action": "verify"], ["action": "start"], ["action": "resolve", "text": "Sudah ditambal"],
        ] {
            #expect(try await pupr.send(.POST, "/api/v1/reports/\(numbers[0])/actions", json: body).status == .ok)
        }
        #expect(
            try await citizen.send(.POST, "/api/v1/reports/\(numbers[0])/rating", json: ["rating": 4]).status == .ok)
        // a week later the others are late and swept
        context.clock.advance(seconds: 7 * 86_400)
        try await DeadlineSweep.run(context.app.context())
        return numbers
    }

    @Test func transparencyNumbersEqualDirectSQLCounts() async throws {
        try await withSigap { context in
            try await seed(context)
            let csv = try await Browser(context.app).get("/transparansi.csv?periode=30")
            #expect(csv.status == .ok)
            #expect(csv.headers.contentType?.subType == "csv")
            let rows = csv.body.string.split(separator: "\r\n").dropFirst().map {
                $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            }

            // the same period, counted straight from the table
            let sql = context.db as! any SQLDatabase
            let since = context.clock.now.addingTimeInterval(-30 * 86_400)
            struct Count: Decodable {
                let code: String
                let received: Int
                let open: Int
                let late: Int
                let resolved: Int
            }
            func counts(_ table: String, _ key: String) async throws -> [String: Count] {
                let found = try await sql.raw(
                    """
                    SELECT g.code AS code, COUNT(r.id) AS received,
                      SUM(CASE WHEN r.status IN ('diterima','diverifikasi','didisposisikan','diproses','dibuka_kembali') THEN 1 ELSE 0 END) AS open,
                      SUM(CASE WHEN r.late AND r.status IN ('diterima','diverifikasi','didisposisikan','diproses','dibuka_kembali') THEN 1 ELSE 0 END) AS late,
                      SUM(CASE WHEN r.resolved_at IS NOT NULL THEN 1 ELSE 0 END) AS resolved
                    FROM reports r JOIN \(unsafeRaw: table) g ON g.id = r.\(unsafeRaw: key)
                    WHERE r.privacy <> 'rahasia' AND r.merged_into_id IS NULL AND r.created_at >= \(bind: since)
                    GROUP BY g.code
                    """
                ).all(decoding: Count.self)
                return Dictionary(uniqueKeysWithValues: found.map { ($0.code, $0) })
            }
            let byAgency = try await counts("agencies", "agency_id")
            let byKecamatan = try await counts("kecamatan", "kecamatan_id")
            #expect(byAgency["PUPR"]?.received == 2)  // the confidential road report is not counted
            #expect(byAgency["PUPR"]?.resolved == 1)

            for row in rows {
                let (group, code) = (row[0], row[1])
                let expected = (group == "agency" ? byAgency : byKecamatan)[code]
                #expect(Int(row[3]) == (expected?.received ?? 0), "\(group) \(code) received")
                #expect(Int(row[4]) == (expected?.open ?? 0), "\(group) \(code) open")
                #expect(Int(row[5]) == (expected?.late ?? 0), "\(group) \(code) late")
                #expect(Int(row[10]) == (expected?.resolved ?? 0), "\(group) \(code) resolved")
            }
            #expect(rows.filter { $0[0] == "agency" }.count == (try await Agency.query(on: context.db).count()))

            // the page shows the same totals, and nothing of the confidential report
            let page = try await Browser(context.app).get("/transparansi?periode=30")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("<svg class=\"chart\""))
            #expect(!page.body.string.contains("<script>"))  // the chart needs no script
        }
    }

    @Test func theLeadershipDashboardIsForLeadershipAndAdminsOnly() async throws {
        try await withSigap { context in
            let numbers = try await seed(context)
            for role in [Role.pimpinan, .admin] {
                let person = try await Fixtures.staff(role, in: context)
                let browser = Browser(context.app)
                try await browser.logIn(person, context)
                let page = try await browser.get("/dasbor/pimpinan")
                #expect(page.status == .ok, "\(role)")
                let html = page.body.string
                #expect(html.contains("Dinas Pekerjaan Umum") || html.contains("PUPR"))
                #expect(html.contains("<svg class=\"chart\""))
                // the escalation list names the late reports, and the late count drills down to them
                #expect(html.contains("Belum ditanggapi, tingkat 2"))  // once, at its highest level (issue 14)
                #expect(html.contains("/dasbor/laporan?agency=PUPR&amp;terlambat=1&amp;urut=terlama&amp;halaman=1"))
                let drill = try await browser.get("/dasbor/laporan?agency=PUPR&terlambat=1")
                #expect(drill.status == .ok)
                #expect(drill.body.string.contains(numbers[2]))  // late
                #expect(!drill.body.string.contains(numbers[0]))  // answered and resolved
            }
            for role in [Role.opdStaf, .opdAdmin, .moderator, .inspektorat, .bappeda] {
                let person = try await Fixtures.staff(
                    role, agency: role.scopeKind == .agency ? "PUPR" : nil, in: context)
                let browser = Browser(context.app)
                try await browser.logIn(person, context)
                #expect(try await browser.get("/dasbor/pimpinan").status == .forbidden, "\(role)")
            }
            _ = try await Fixtures.citizen(phone: "081298765432", in: context)
            let citizen = Browser(context.app)
            try await citizen.logIn("081298765432")
            #expect(try await citizen.get("/dasbor/pimpinan").status == .forbidden)
            #expect(try await Browser(context.app).get("/dasbor/pimpinan").location?.hasPrefix("/masuk") == true)
        }
    }
}
