import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

@Suite struct TwoFactorTests {
    @Test func staffWithoutTwoFactorMustEnrolBeforeAnyStaffPage() async throws {
        try await withSigap { context in
            let staff = try await Fixtures.staff(.opdStaf, agency: "PUPR", enrolled: false, in: context)
            let browser = Browser(context.app)
            let login = try await browser.logIn(staff.email)
            #expect(login.location == "/akun/2fa/daftar")
            #expect(try await browser.get("/dasbor").location == "/akun/2fa/daftar")

            let page = try await browser.get("/akun/2fa/daftar")
            let secretText = try #require(
                Browser.firstMatch(#"<code class="secret">([A-Z2-7]+)</code>"#, in: page.body.string))
            #expect(page.body.string.contains("otpauth://totp/Sigap%3A"))
            #expect(page.body.string.contains("secret=\(secretText)"))
            // The same link as a QR code to scan (issue 14): exactly the code of the link shown beside it.
            let uri = try #require(Browser.firstMatch(#"<code class="uri">([^<]+)</code>"#, in: page.body.string))
            let qr = try QRCode(uri.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(page.body.string.contains("<svg class=\"qr\""))
            #expect(page.body.string.contains("<path d=\"\(qr.pathData)\""))
            let secret = try #require(
                Array(decodingBase32: secretText + String(repeating: "=", count: (8 - secretText.count % 8) % 8)))

            let wrong = try await browser.post("/akun/2fa/daftar", ["code": "000000"])
            #expect(wrong.status == .unprocessableEntity)

            let code = TwoFactor.code(secret: secret, step: TwoFactor.window.step(at: context.clock.now))
            let done = try await browser.post("/akun/2fa/daftar", ["code": code])
            #expect(done.status == .ok)
            let codes = done.body.string.components(separatedBy: "<li><code>").dropFirst()
            #expect(codes.count == 10)
            #expect(try await browser.get("/dasbor").status == .ok)
            let stored = try #require(try await User.find(staff.user.id, on: context.db))
            #expect(stored.hasTwoFactor)
            #expect(stored.totpSecretCipher?.contains(secretText) == false)
        }
    }

    @Test func aPasswordAloneNeverReachesStaffPages() async throws {
        try await withSigap { context in
            let staff = try await Fixtures.staff(.admin, in: context)
            let browser = Browser(context.app)
            #expect(try await browser.logIn(staff.email).location == "/masuk/2fa")
            #expect(try await browser.get("/dasbor").location == "/masuk/2fa")
            #expect(try await browser.get("/dasbor/admin/audit").location == "/masuk/2fa")
            #expect(try await browser.get("/akun").location == "/masuk/2fa")
        }
    }

    @Test func codesOfTheNeighbouringStepsWorkButNotFurther() async throws {
        try await withSigap { context in
            let staff = try await Fixtures.staff(.admin, in: context)
            for (offset, expected) in [(Int64(-2), false), (2, false), (-1, true), (1, true)] {
                let browser = Browser(context.app)
                try await browser.logIn(staff.email)
                let response = try await browser.submit(
                    "/masuk/2fa", ["code": Fixtures.currentCode(staff, context, offsetSteps: offset)])
                #expect((response.status == .seeOther) == expected, "offset \(offset)")
                context.clock.advance(seconds: 90)  // leave the used steps behind
            }
        }
    }

    @Test func eachCodeWorksOnlyOnce() async throws {
        try await withSigap { context in
            let staff = try await Fixtures.staff(.admin, in: context)
            let code = Fixtures.currentCode(staff, context)
            let first = Browser(context.app)
            try await first.logIn(staff.email)
            #expect(try await first.submit("/masuk/2fa", ["code": code]).status == .seeOther)
            let second = Browser(context.app, address: "192.0.2.55")
            try await second.logIn(staff.email)
            #expect(try await second.submit("/masuk/2fa", ["code": code]).status == .unauthorized)
        }
    }

    @Test func aRecoveryCodeSignsInOnce() async throws {
        try await withSigap { context in
            let staff = try await Fixtures.staff(.opdAdmin, agency: "DLH", in: context)
            let codes = try await TwoFactor.issueRecoveryCodes(for: staff.user, on: context.db)
            let browser = Browser(context.app)
            try await browser.logIn(staff.email)
            #expect(try await browser.submit("/masuk/2fa", ["code": codes[3].lowercased()]).status == .seeOther)
            #expect(try await browser.get("/dasbor").status == .ok)

            let again = Browser(context.app, address: "192.0.2.56")
            try await again.logIn(staff.email)
            #expect(try await again.submit("/masuk/2fa", ["code": codes[3]]).status == .unauthorized)
        }
    }

    @Test func guessingTheSecondFactorIsThrottled() async throws {
        try await withSigap { context in
            let staff = try await Fixtures.staff(.admin, in: context)
            let browser = Browser(context.app)
            try await browser.logIn(staff.email)
            try await browser.get("/masuk/2fa")
            for guess in 0..<5 {
                #expect(
                    try await browser.post("/masuk/2fa", ["code": String(format: "%06d", guess)]).status
                        == .unauthorized)
            }
            let blocked = try await browser.post("/masuk/2fa", ["code": Fixtures.currentCode(staff, context)])
            #expect(blocked.status == .tooManyRequests)
        }
    }

    @Test func theSessionIdChangesWhenTwoFactorIsPassed() async throws {
        try await withSigap { context in
            let staff = try await Fixtures.staff(.admin, in: context)
            let browser = Browser(context.app)
            try await browser.logIn(staff.email)
            let afterPassword = browser.cookies["sigap_session"]
            try await browser.submit("/masuk/2fa", ["code": Fixtures.currentCode(staff, context)])
            #expect(browser.cookies["sigap_session"] != afterPassword)
        }
    }
}

@Suite struct FirstAdminTests {
    @Test func theFirstStartCreatesOneAdminWithAOneTimePasswordAndTheSecondStartNone() async throws {
        try await withSigap { context in
            let console = RecordingConsole()
            try await Bootstrap.run(context.app, console: console)
            let printed = console.lines.joined(separator: "\n")
            let password = try #require(Browser.firstMatch(#"one-time password: ([A-Z0-9-]+)"#, in: printed))
            #expect(try await User.query(on: context.db).filter(\.$role == .admin).count() == 1)

            let second = RecordingConsole()
            try await Bootstrap.run(context.app, console: second)
            #expect(!second.lines.joined().contains("password"))
            #expect(try await User.query(on: context.db).filter(\.$role == .admin).count() == 1)

            // The one-time password leads through two-factor enrolment to a forced password change.
            let admin = try #require(try await User.query(on: context.db).filter(\.$role == .admin).first())
            let secret = TwoFactor.newSecret()
            admin.totpSecretCipher = try context.app.sigap.cipher.seal(secret.base32String())
            admin.totpEnabledAt = context.clock.now
            try await admin.save(on: context.db)
            let browser = Browser(context.app)
            try await browser.logIn(admin.email!, password: password)
            let code = TwoFactor.code(secret: secret, step: TwoFactor.window.step(at: context.clock.now))
            #expect(try await browser.submit("/masuk/2fa", ["code": code]).location == "/akun/kata-sandi")
            #expect(try await browser.get("/dasbor").location == "/akun/kata-sandi")
            let changed = try await browser.submit(
                "/akun/kata-sandi",
                [
                    "current": password, "password": "gunung kerinci berkabut",
                    "password_confirmation": "gunung kerinci berkabut",
                ])
            #expect(changed.location == "/dasbor")
            #expect(try await browser.get("/dasbor").status == .ok)
        }
    }

    @Test func theReferenceDataHasTheUsualAgenciesAndEnoughRegions() async throws {
        try await withSigap { context in
            let codes = Set(try await Agency.query(on: context.db).all().map(\.code))
            for required in [
                "PUPR", "DISHUB", "DLH", "DINKES", "DISDIK", "DISDUKCAPIL", "DPMPTSP", "INSPEKTORAT", "BAPPEDA",
                "DISKOMINFO", "SETWAN",
            ] {
                #expect(codes.contains(required))
            }
            let kecamatan = try await Kecamatan.query(on: context.db).with(\.$desa).all()
            #expect(kecamatan.count >= 5)
            #expect(kecamatan.allSatisfy { $0.desa.count >= 3 })
            #expect(try await Category.query(on: context.db).count() >= 10)
            #expect(try await ReferenceData.seedIfEmpty(on: context.db) == false)
        }
    }

    @Test func demoReportsCoverEveryStatusWithTimelines() async throws {
        try await withSigap { context in
            _ = try await DemoData.createAccounts(context.app)
            let reporter = try #require(
                try await User.query(on: context.db).filter(\.$email == "warga@demo.sigap.local").first())
            let admin = try #require(
                try await User.query(on: context.db).filter(\.$email == "admin@demo.sigap.local").first())
            let filed = try await DemoReports.create(context.app, reporter: reporter, staff: admin)
            #expect(filed >= 8)
            let statuses = Set(try await Report.query(on: context.db).all().map(\.status))
            #expect(statuses == Set(ReportStatus.allCases))
            #expect(try await HistoryEvent.query(on: context.db).filter(\.$subjectKind == .report).count() > filed)
            // untouched demo reports are weeks old and already escalated, so the dashboards are not empty
            #expect(try await Escalation.query(on: context.db).count() > 0)
            #expect(try await Report.query(on: context.db).filter(\.$late == true).count() > 0)
            #expect(try await DemoReports.create(context.app, reporter: reporter, staff: admin) == 0)
        }
    }

    @Test func demoAddsOneAccountPerRoleOnlyOnce() async throws {
        try await withSigap { context in
            let first = try await DemoData.createAccounts(context.app)
            #expect(Set(first.map(\.role)) == Set(Role.allCases))
            #expect(try await DemoData.createAccounts(context.app).isEmpty)
            let warga = try #require(first.first { $0.role == .warga })
            #expect(try await Browser(context.app).logIn(warga.login, password: warga.password).location == "/akun")
        }
    }
}

/// Captures what a command prints.
final class RecordingConsole: Console, @unchecked Sendable {
    var lines: [String] = []
    var userInfo: [AnySendableHashable: any Sendable] = [:]
    var size: (width: Int, height: Int) { (80, 24) }
    func input(isSecure: Bool) -> String { "" }
    func output(_ text: ConsoleText, newLine: Bool) { lines.append(text.description) }
    func report(error: String, newLine: Bool) { lines.append(error) }
    func clear(_ type: ConsoleClear) {}
}
