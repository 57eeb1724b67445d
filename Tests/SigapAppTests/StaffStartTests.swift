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
