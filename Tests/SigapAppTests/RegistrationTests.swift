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
            let response = try await browser.submit("/daftar", valid)
            #expect(response.status == .seeOther)
            #expect(response.location == "/akun")
            let account = try await browser.get("/akun")
            #expect(account.body.string.contains("1205••••••••0003"))
            #expect(account.body.string.contains("62812••••7890"))

            let user = try #require(try await User.query(on: context.db).filter(\.$role == .warga).first())
            let token = context.app.sigap.cipher.lookupToken("6281234567890", purpose: "phone")
            #expect(user.phoneLookup == token)

            let other = Browser(context.app, address: "192.0.2.20")
            let login = try await other.logIn("+62 812 3456 7890", password: "sawah hijau di lereng")
            #expect(login.location == "/akun")
        }
    }

    @Test func nikAndPhoneAreEncryptedAtRestWithTheKeyOutsideTheDatabase() async throws {
        try await withSigap { context in
            try await Browser(context.app).submit("/daftar", valid)
            let sql = context.db as! any SQLDatabase
            let rows = try await sql.raw("SELECT * FROM users").all()
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

    @Test func aContactOrNIKCanOnlyBeRegisteredOnce() async throws {
        try await withSigap { context in
            try await Browser(context.app).submit("/daftar", valid)
            var again = valid
            again["contact"] = "6281234567890"
            let body = try await Browser(context.app, address: "192.0.2.30").submit("/daftar", again).body.string
            #expect(body.contains("sudah terdaftar"))
            #expect(body.contains("NIK ini sudah dipakai"))
        }
    }
}
