import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 14: staff start where their work is, and whatever a queue lists opens.
@Suite struct StaffStartTests {
    /// The demo's accounts, each enrolled in two-factor as its first log-in would leave it, and its reports.
    func demo(_ context: TestContext) async throws -> [(role: Role, staff: Fixtures.Staff, password: String)] {
        let accounts = try await DemoData.createAccounts(context.app)
        try #require(accounts.count == Role.allCases.count)
        let reporter = try #require(
            try await User.query(on: context.db).filter(\.$email == "warga@demo.sigap.local").first())
        let admin = try #require(
            try await User.query(on: context.db).filter(\.$email == "admin@demo.sigap.local").first())
        try #require(try await DemoReports.create(context.app, reporter: reporter, staff: admin) > 10)
        var staff: [(Role, Fixtures.Staff, String)] = []
        for account in accounts where account.role.isStaff {
            let user = try #require(try await User.query(on: context.db).filter(\.$email == account.login).first())
            let secret = TwoFactor.newSecret()
            user.totpSecretCipher = try context.app.sigap.cipher.seal(secret.base32String())
            user.totpEnabledAt = context.clock.now
            try await user.save(on: context.db)
            staff.append(
                (account.role, Fixtures.Staff(user: user, email: account.login, secret: secret), account.password))
        }
        return staff
    }

    @Test func everyQueueEntryOpensForEveryStaffRoleOfTheDemo() async throws {
        try await withSigap { context in
            var opened: [Role: Int] = [:]
            for (role, staff, password) in try await demo(context) {
                let browser = Browser(context.app)
                try await browser.logIn(staff, password: password, context)
                let queue = try await browser.get("/dasbor/laporan?status=semua")
                guard Policy.queueArea(staff.user.actor) != nil else {
                    #expect(queue.status == .forbidden, "\(role)")
                    continue
                }
                #expect(queue.status == .ok, "\(role)")
                let links = Set(Browser.allMatches("href=\"(/dasbor/laporan/SGP-[0-9-]+)\"", in: queue.body.string))
                for link in links {
                    let page = try await browser.get(link)
                    #expect(page.status == .ok, "\(role) \(link)")
                }
                opened[role] = links.count
            }
            // Bappeda's queue holds the development aspirations routed to it; the agency's, kecamatan's and
            // desa's queues are not empty either, so the loop above opened something for each.
            for role in [Role.bappeda, .opdStaf, .opdAdmin, .petugasKecamatan, .petugasDesa, .pimpinan, .admin] {
                #expect((opened[role] ?? 0) > 0, "\(role) listed nothing")
            }
            #expect(opened[.inspektorat] == nil)
        }
    }
}

extension StaffStartTests {
    /// Files one PUPR report per title and returns them by title, to set each one's state by hand.
    func reports(_ titles: [String], _ context: TestContext) async throws -> [String: Report] {
        _ = try await Fixtures.citizen(in: context)
        let citizen = try await APIClient.signedIn("081234567890", context)
        var filed: [String: Report] = [:]
        for title in titles {
            let number = try await ReportFixtures.file(citizen, ReportFixtures.draft(title: title))
            filed[title] = try #require(try await Report.query(on: context.db).filter(\.$number == number).first())
        }
        return filed
    }

    @Test func theStartPageCountsTheQueueAndEachCountOpensItsReports() async throws {
        try await withSigap { context in
            let r = try await reports(["Got pertama", "Got kedua", "Got ketiga", "Got keempat", "Got kelima"], context)
            let now = context.clock.now
            let due = try #require(r["Got kedua"])
            due.status = .diverifikasi
            due.responseDueAt = now.addingTimeInterval(3600)  // later today (the test clock starts at 09:00 WIB)
            try await due.save(on: context.db)
            let late = try #require(r["Got ketiga"])
            late.status = .diproses
            late.late = true
            try await late.save(on: context.db)
            let reopened = try #require(r["Got keempat"])
            reopened.status = .dibukaKembali
            reopened.respondedAt = now
            try await reopened.save(on: context.db)
            let done = try #require(r["Got kelima"])
            done.status = .selesai
            try await done.save(on: context.db)

            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let browser = Browser(context.app)
            try await browser.logIn(clerk, context)
            let start = try await browser.get("/dasbor")
            #expect(start.status == .ok)
            let html = start.body.string
            #expect(html.contains("<span class=\"count\">1</span> laporan baru (belum diverifikasi)"))
            #expect(html.contains("<span class=\"count\">1</span> jatuh tempo hari ini"))
            #expect(html.contains("<span class=\"count\">1</span> terlambat"))
            #expect(html.contains("<span class=\"count\">1</span> dibuka kembali"))
            for (href, expected) in [
                ("/dasbor/laporan?status=diterima", "Got pertama"),
                ("/dasbor/laporan?status=terbuka&tempo=hari-ini&urut=terlama", "Got kedua"),
                ("/dasbor/laporan?status=terbuka&terlambat=1&urut=terlama", "Got ketiga"),
                ("/dasbor/laporan?status=dibuka_kembali", "Got keempat"),
            ] {
                #expect(html.contains("href=\"\(href.replacingOccurrences(of: "&", with: "&amp;"))\""), "\(href)")
                let list = try await browser.get(href).body.string
                for title in r.keys { #expect(list.contains(title) == (title == expected), "\(href): \(title)") }
            }
            // Another agency's clerk counts nothing of PUPR's.
            let other = try await Fixtures.staff(.opdStaf, agency: "DISHUB", in: context)
            let otherBrowser = Browser(context.app)
            try await otherBrowser.logIn(other, context)
            #expect(
                try await otherBrowser.get("/dasbor").body.string.contains("<span class=\"count\">0</span> terlambat"))
            // Roles without a queue see no counts.
            let inspector = try await Fixtures.staff(.inspektorat, in: context)
            let inspectorBrowser = Browser(context.app)
            try await inspectorBrowser.logIn(inspector, context)
            #expect(!(try await inspectorBrowser.get("/dasbor").body.string.contains("class=\"counts\"")))
        }
    }

    @Test func theQueueSaysWhatItShowsAndAllMeansAll() async throws {
        try await withSigap { context in
            let r = try await reports(["Masih dikerjakan", "Sudah selesai"], context)
            let done = try #require(r["Sudah selesai"])
            done.status = .selesai
            try await done.save(on: context.db)
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let browser = Browser(context.app)
            try await browser.logIn(clerk, context)
            let first = try await browser.get("/dasbor/laporan").body.string
            #expect(first.contains("<option value=\"terbuka\" selected>Masih terbuka</option>"))
            #expect(first.contains("Menampilkan: Masih terbuka · "))
            #expect(first.contains("Masih dikerjakan") && !first.contains("Sudah selesai"))
            let all = try await browser.get("/dasbor/laporan?status=semua").body.string
            #expect(all.contains("<option value=\"semua\" selected>Semua</option>"))
            #expect(all.contains("Menampilkan: Semua · "))
            #expect(all.contains("Masih dikerjakan") && all.contains("Sudah selesai"))
        }
    }
}

extension StaffStartTests {
    @Test func theEscalationListShowsAReportOnceAtItsHighestLevel() async throws {
        try await withSigap { context in
            let r = try await reports(["Got naik dua kali", "Got sekali"], context)
            let twice = try #require(r["Got naik dua kali"])
            let once = try #require(r["Got sekali"])
            let now = context.clock.now
            for (report, kind, level, minutes) in [
                (twice, Escalation.Kind.response, 1, 0.0), (once, .response, 1, 10), (twice, .response, 2, 20),
            ] {
                let entry = Escalation()
                entry.reportID = report.id!
                entry.agencyID = report.agencyID
                entry.kind = kind
                entry.level = level
                entry.dueAt = now
                entry.createdAt = now.addingTimeInterval(minutes * 60)
                try await entry.create(on: context.db)
            }
            let leader = try await Fixtures.staff(.pimpinan, in: context)
            let browser = Browser(context.app)
            try await browser.logIn(leader, context)
            let html = try await browser.get("/dasbor/pimpinan").body.string
            let list = try #require(html.components(separatedBy: "<h2>Daftar eskalasi</h2>").last)
            #expect(list.components(separatedBy: ">\(twice.number)</a>").count == 2)  // once
            #expect(list.components(separatedBy: ">\(once.number)</a>").count == 2)
            #expect(list.contains("Belum ditanggapi, tingkat 2"))
            #expect(list.components(separatedBy: "Belum ditanggapi, tingkat 1").count == 2)  // only the other report
            // Newest first: the report escalated last comes first.
            let first = try #require(list.range(of: twice.number))
            let second = try #require(list.range(of: once.number))
            #expect(first.lowerBound < second.lowerBound)
        }
    }
}
