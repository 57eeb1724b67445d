import Fluent
import Foundation
import SQLKit
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

@Suite struct RegistrationTests {
    let valid = [
        "name": "Budi Santoso", "contact": "0812-3456-7890", "password": "sawah hijau di lereng",
        "password_confirmation": "sawah hijau di lereng", "nik": "1205014507900003", "consent": "on",
    ]

    /// Issue 12: registering says whether a contact is taken, so one address may try only so often.
    @Test func registrationAttemptsFromOneAddressAreLimited() async throws {
        try await withSigap { context in
            let browser = Browser(context.app, address: "198.51.100.44")
            for attempt in 0..<10 {
                var fields = valid
                fields["contact"] = "coba\(attempt)@contoh.id"
                fields["nik"] = ""
                fields["password"] = "x"  // refused, but counted all the same
                #expect(try await browser.submit("/daftar", fields).status == .unprocessableEntity)
            }
            let refused = try await browser.submit("/daftar", valid)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers.first(name: "Retry-After") != nil)
            #expect(try await User.query(on: context.db).filter(\.$role == .warga).count() == 0)
            #expect(
                try await Browser(context.app, address: "198.51.100.45").submit("/daftar", valid).status == .seeOther)
        }
    }

    @Test func aCitizenRegistersWithAPhoneNumberNormalisedTo62AndCanLogInWithAnyFormat() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            let response = try await browser.register(valid, context)
            #expect(response.status == .seeOther)
            #expect(response.location == "/akun")
            let account = try await browser.get("/akun")
            #expect(account.body.string.contains("1205••••••••0003"))
            #expect(account.body.string.contains("62812••••7890"))

            let user = try #require(try await User.query(on: context.db).filter(\.$role == .warga).first())
            let token = context.app.sigap.cipher.lookupToken("6281234567890", purpose: "phone")
            #expect(user.phoneLookup == token)
            #expect(user.phoneVerifiedAt == context.clock.now)  // proven with the code

            let other = Browser(context.app, address: "192.0.2.20")
            let login = try await other.logIn("+62 812 3456 7890", password: "sawah hijau di lereng")
            #expect(login.location == "/akun")
        }
    }

    @Test func nikAndPhoneAreEncryptedAtRestWithTheKeyOutsideTheDatabase() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            let started = try await browser.submit("/daftar", valid)
            #expect(started.location == "/daftar/kode")
            let sql = context.db as! any SQLDatabase
            // while the code is pending, and after
            var rows = try await sql.raw("SELECT * FROM verification_codes").all()
            rows += try await sql.raw("SELECT * FROM outbox_messages").all()
            #expect(rows.count == 2)
            let code = try #require(try await context.lastCode(sentTo: valid["contact"]!))
            #expect(try await browser.submit("/daftar/kode", ["code": code]).location == "/akun")
            rows += try await sql.raw("SELECT * FROM users").all()
            for row in rows {
                for column in row.allColumns {
                    let text = (try? row.decode(column: column, as: String?.self)) ?? nil
                    #expect(text?.contains("1205014507900003") != true, "NIK in clear in column \(column)")
                    #expect(text?.contains("81234567890") != true, "phone in clear in column \(column)")
                }
            }
            let keyFile = context.dataDirectory.appendingPathComponent("field.key")
            let attributes = try FileManager.default.attributesOfItem(atPath: keyFile.path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let key = try String(contentsOf: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            for table in ["users", "web_sessions", "audit_events"] {
                let dump = try await sql.raw("SELECT * FROM \(unsafeRaw: table)").all()
                for row in dump {
                    for column in row.allColumns {
                        let text = (try? row.decode(column: column, as: String?.self)) ?? nil
                        #expect(text?.contains(key) != true)
                    }
                }
            }
        }
    }

    @Test(arguments: [
        ("password", "password123", "terlalu umum"),
        ("password", "pendek1!", "minimal 10"),
        ("contact", "budi@", "nomor HP Indonesia"),
        ("nik", "1205019907900003", "16 angka yang sah"),
        ("name", " ", "2 sampai 100"),
    ])
    func invalidFieldsGetAMessageNextToThemAndTypedValuesAreKept(field: String, value: String, message: String)
        async throws
    {
        try await withSigap { context in
            var form = valid
            form[field] = value
            if field == "password" { form["password_confirmation"] = value }
            let response = try await Browser(context.app).submit("/daftar", form)
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains(message))
            #expect(response.body.string.contains("Budi Santoso") || field == "name")
            #expect(!response.body.string.contains(form["password"]!) || field != "password")
            #expect(try await User.query(on: context.db).filter(\.$role == .warga).count() == 0)
        }
    }

    @Test func consentAndMatchingPasswordsAreRequired() async throws {
        try await withSigap { context in
            var form = valid
            form["consent"] = nil
            form["password_confirmation"] = "something else entirely"
            let body = try await Browser(context.app).submit("/daftar", form).body.string
            #expect(body.contains("Persetujuan diperlukan"))
            #expect(body.contains("tidak sama"))
        }
    }

    /// Issue 12: the page answers the same whether or not the contact has an account; its owner is told instead,
    /// and no code can finish the second registration.
    @Test func registeringATakenContactAnswersTheSameAndTellsItsOwner() async throws {
        try await withSigap { context in
            #expect(try await Browser(context.app).register(valid, context).location == "/akun")
            var again = valid
            again["contact"] = "+62 812-3456-7890"  // the same number written differently
            again["nik"] = ""
            var fresh = valid
            fresh["contact"] = "0813-1111-2222"
            fresh["nik"] = ""
            let taken = Browser(context.app, address: "192.0.2.30")
            let free = Browser(context.app, address: "192.0.2.31")
            let takenAnswer = try await taken.submit("/daftar", again)
            let freeAnswer = try await free.submit("/daftar", fresh)
            #expect(takenAnswer.status == .seeOther && freeAnswer.status == .seeOther)
            #expect(takenAnswer.location == "/daftar/kode" && freeAnswer.location == "/daftar/kode")
            let takenPage = try await taken.get("/daftar/kode")
            let freePage = try await free.get("/daftar/kode")
            #expect(takenPage.status == .ok && freePage.status == .ok)
            #expect(
                takenPage.body.string.replacingOccurrences(of: taken.csrf ?? "-", with: "")
                    .replacingOccurrences(of: "62812••••7890", with: "X")
                    == freePage.body.string.replacingOccurrences(of: free.csrf ?? "-", with: "")
                    .replacingOccurrences(of: "62813••••2222", with: "X"))

            // the owner got a notice, not a code; the free number got a code
            let rows = try await OutboxMessage.query(on: context.db).sort(\.$id).all()
            #expect(rows.map(\.event) == [.contactCode, .registrationAttempt, .contactCode])
            #expect(rows.allSatisfy { $0.channel == .whatsapp && $0.recipientUserID == nil })
            // the first code, used already, and guesses cannot finish the taken one
            let used = try #require(try await context.lastCode(sentTo: valid["contact"]!))
            for guess in [used, "000000", "123456"] {
                #expect(try await taken.submit("/daftar/kode", ["code": guess]).status == .unprocessableEntity)
            }
            #expect(try await User.query(on: context.db).filter(\.$role == .warga).count() == 1)
            #expect(try await free.register(fresh, context).location == "/akun")
            #expect(try await User.query(on: context.db).filter(\.$role == .warga).count() == 2)
        }
    }

    @Test func aNIKHeldByAnotherAccountIsLeftOutOnceTheContactIsProven() async throws {
        try await withSigap { context in
            #expect(try await Browser(context.app).register(valid, context).location == "/akun")
            var other = valid
            other["contact"] = "dewi@contoh.id"
            let browser = Browser(context.app, address: "192.0.2.32")
            #expect(try await browser.register(other, context).location == "/akun")
            #expect(try await browser.get("/akun").body.string.contains("NIK tidak disimpan"))
            let dewi = try #require(try await User.query(on: context.db).filter(\.$email == "dewi@contoh.id").first())
            #expect(dewi.nikLookup == nil && dewi.emailVerifiedAt != nil)
        }
    }

    @Test func fiveWrongCodesEndTheRegistration() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            #expect(try await browser.submit("/daftar", valid).location == "/daftar/kode")
            let code = try #require(try await context.lastCode(sentTo: valid["contact"]!))
            let wrong = code == "000000" ? "111111" : "000000"
            for left in (0..<ContactCode.maxAttempts).reversed() {
                let answer = try await browser.submit("/daftar/kode", ["code": wrong])
                #expect(answer.status == .unprocessableEntity)
                #expect(answer.body.string.contains("Sisa percobaan: \(left)"))
            }
            // the right code no longer helps
            let late = try await browser.submit("/daftar/kode", ["code": code])
            #expect(late.status == .seeOther && late.location == "/daftar")
            #expect(try await User.query(on: context.db).filter(\.$role == .warga).count() == 0)
        }
    }

    @Test func aCodeExpiresAfterFifteenMinutes() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            #expect(try await browser.submit("/daftar", valid).location == "/daftar/kode")
            let code = try #require(try await context.lastCode(sentTo: valid["contact"]!))
            context.clock.advance(seconds: ContactCode.lifetime + 1)
            let late = try await browser.submit("/daftar/kode", ["code": code])
            #expect(late.status == .seeOther && late.location == "/daftar")
            #expect(try await User.query(on: context.db).filter(\.$role == .warga).count() == 0)
        }
    }
}
