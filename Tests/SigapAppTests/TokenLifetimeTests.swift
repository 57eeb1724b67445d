import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 12: API tokens end — with the credentials and rights they were issued under, at their owner's word,
/// and for staff no later than a staff session would.
@Suite struct TokenLifetimeTests {
    /// 200 while the token is good, 401 once it is not (any `/api/` request with a bearer token is checked).
    func status(_ client: APIClient) async throws -> HTTPStatus {
        try await client.send(.GET, "/api/v1/reports").status
    }

    func signedInAdmin(_ context: TestContext) async throws -> Browser {
        let admin = try await Fixtures.staff(.admin, in: context)
        let browser = Browser(context.app, address: "192.0.2.10")
        try await browser.logIn(admin, context)
        return browser
    }

    /// A fresh token for a staff member; the clock moves on a TOTP step first, as each code is accepted once.
    func staffToken(_ staff: Fixtures.Staff, _ context: TestContext) async throws -> APIClient {
        context.clock.advance(seconds: 30)
        return try await APIClient.signedIn(staff.email, staff: staff, context)
    }

    @Test func aPasswordChangeRevokesEveryTokenOfTheAccount() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let phone = try await APIClient.signedIn("081234567890", context)
            let laptop = try await APIClient.signedIn("081234567890", context)
            #expect(try await status(phone) == .ok)
            let browser = Browser(context.app)
            try await browser.logIn("081234567890")
            let changed = try await browser.submit(
                "/akun/kata-sandi",
                [
                    "current": Fixtures.password, "password": "teh manis hangat sore hari",
                    "password_confirmation": "teh manis hangat sore hari",
                ])
            #expect(changed.status == .seeOther)
            #expect(try await status(phone) == .unauthorized)
            #expect(try await status(laptop) == .unauthorized)
        }
    }

    @Test func disablingResetsAndRoleChangesRevokeAStaffMembersTokens() async throws {
        try await withSigap { context in
            let admin = try await signedInAdmin(context)
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let page = "/dasbor/admin/pengguna/\(clerk.user.id!)"
            let pupr = try await Fixtures.agency("PUPR", on: context.db)

            // an edit that changes neither role nor scope leaves the token alone…
            var token = try await staffToken(clerk, context)
            let renamed = try await admin.submit(
                page, ["name": "Petugas Baru", "role": "opd_staf", "agency_id": pupr.id!.uuidString])
            #expect(renamed.status == .seeOther)
            #expect(try await status(token) == .ok)
            // …a new role ends it
            let promoted = try await admin.submit(
                page, ["name": "Petugas Baru", "role": "opd_admin", "agency_id": pupr.id!.uuidString])
            #expect(promoted.status == .seeOther)
            #expect(try await status(token) == .unauthorized)

            // disabled and enabled again: the token from before stays dead
            token = try await staffToken(clerk, context)
            #expect(try await status(token) == .ok)
            #expect(try await admin.post(page + "/status", ["reason": "Cuti panjang"]).status == .seeOther)
            #expect(try await admin.post(page + "/status").status == .seeOther)
            #expect(try await User.find(clerk.user.id, on: context.db)?.disabledAt == nil)
            #expect(try await status(token) == .unauthorized)

            // a two-factor reset
            token = try await staffToken(clerk, context)
            #expect(try await status(token) == .ok)
            #expect(try await admin.post(page + "/reset-2fa", ["reason": "Ponsel hilang"]).status == .seeOther)
            #expect(try await status(token) == .unauthorized)

            let revocations = try await APIToken.query(on: context.db).filter(\.$userID == clerk.user.id!)
                .filter(\.$revokedAt != nil).count()
            #expect(revocations == 3)
        }
    }

    @Test func anAdminPasswordResetRevokesAndAMustChangeAccountsTokenIsRefused() async throws {
        try await withSigap { context in
            let admin = try await signedInAdmin(context)
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let token = try await staffToken(clerk, context)
            #expect(try await admin.get("/dasbor/admin/pengguna/\(clerk.user.id!)").status == .ok)
            #expect(
                try await admin.post(
                    "/dasbor/admin/pengguna/\(clerk.user.id!)/reset-password", ["reason": "Lupa sandi"]
                )
                .status == .ok)
            #expect(try await status(token) == .unauthorized)

            // an account that must choose a new password cannot use a token it still holds
            _ = try await Fixtures.citizen(in: context)
            let citizen = try await APIClient.signedIn("081234567890", context)
            #expect(try await status(citizen) == .ok)
            let user = try #require(try await User.query(on: context.db).filter(\.$role == .warga).first())
            user.mustChangePassword = true
            try await user.save(on: context.db)
            let refused = try await citizen.send(.GET, "/api/v1/reports")
            #expect(refused.status == .unauthorized)
            #expect(refused.body.string.contains("password_change_required"))
        }
    }

    @Test func staffTokensLiveNoLongerThanAStaffSession() async throws {
        try await withSigap { context in
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let config = context.app.sigap.config
            let issued = context.clock.now.addingTimeInterval(30)
            var token = try await staffToken(clerk, context)
            let row = try #require(
                try await APIToken.query(on: context.db).filter(\.$userID == clerk.user.id!).first())
            #expect(row.expiresAt == issued.addingTimeInterval(config.sessionAbsoluteTimeout))
            // used every 20 minutes it lasts until the session's absolute time-out, not a second longer
            var elapsed: TimeInterval = 0
            while elapsed + 1200 < config.sessionAbsoluteTimeout {
                context.clock.advance(seconds: 1200)
                elapsed += 1200
                #expect(try await status(token) == .ok)
            }
            context.clock.advance(seconds: config.sessionAbsoluteTimeout - elapsed + 1)
            #expect(try await status(token) == .unauthorized)

            // idle longer than a staff session may be, it ends
            token = try await staffToken(clerk, context)
            #expect(try await status(token) == .ok)
            context.clock.advance(seconds: config.sessionIdleTimeout + 1)
            #expect(try await status(token) == .unauthorized)

            // a citizen's token is not a staff session: 30 days, idle or not
            _ = try await Fixtures.citizen(in: context)
            let citizen = try await APIClient.signedIn("081234567890", context)
            context.clock.advance(seconds: 29 * 86_400)
            #expect(try await status(citizen) == .ok)
            context.clock.advance(seconds: 2 * 86_400)
            #expect(try await status(citizen) == .unauthorized)
        }
    }

    @Test func theAccountPageListsTokensAndRevokesOneOrAll() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let phone = try await APIClient.signedIn("081234567890", context, client: "Sigap Android 1.0")
            let laptop = try await APIClient.signedIn("081234567890", context, client: "Skrip warga")
            let spare = try await APIClient.signedIn("081234567890", context, client: "Tablet")
            let browser = Browser(context.app)
            try await browser.logIn("081234567890")
            let page = try await browser.get("/akun")
            #expect(page.body.string.contains("Sigap Android 1.0"))
            #expect(page.body.string.contains("Skrip warga"))
            let phoneRow = try #require(
                try await APIToken.query(on: context.db).filter(\.$client == "Sigap Android 1.0").first())
            #expect(try await browser.post("/akun/token/\(phoneRow.id!)/cabut").status == .seeOther)
            #expect(try await status(phone) == .unauthorized)
            #expect(try await status(laptop) == .ok)
            #expect(!(try await browser.get("/akun")).body.string.contains("Sigap Android 1.0"))

            // someone else's token is not found from this account
            let other = try await Fixtures.citizen(phone: "081298765432", in: context)
            _ = try await APIClient.signedIn("081298765432", context)
            let othersRow = try #require(
                try await APIToken.query(on: context.db).filter(\.$userID == other.id!).first())
            #expect(try await browser.post("/akun/token/\(othersRow.id!)/cabut").status == .notFound)
            #expect(try await APIToken.find(othersRow.id, on: context.db)?.revokedAt == nil)

            #expect(try await browser.post("/akun/token/cabut-semua").status == .seeOther)
            #expect(try await status(laptop) == .unauthorized)
            #expect(try await status(spare) == .unauthorized)
            let audited = try await AuditEvent.query(on: context.db).all().map(\.action)
            #expect(audited.contains("token.revoked") && audited.contains("token.revoked_all"))
        }
    }
}
