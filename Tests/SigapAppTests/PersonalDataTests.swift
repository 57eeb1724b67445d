import Fluent
import Foundation
import SQLKit
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 21: a citizen's personal data is theirs to see, correct and erase (UU No. 27/2022); what outlives its
/// purpose is erased by the housekeeping; every request is recorded with its dates.
@Suite struct PersonalDataTests {
    /// A citizen with a filed report, a Telegram link and an API token, signed in in a browser.
    struct Citizen {
        let user: User
        let browser: Browser
        let api: APIClient
        let report: String
    }

    func citizen(_ context: TestContext) async throws -> Citizen {
        let user = try await Fixtures.citizen(in: context)
        user.email = "siti@contoh.id"
        try Accounts.setNIK(NIK("1271014101900001"), of: user, cipher: context.app.sigap.cipher)
        try await user.save(on: context.db)
        try await ChatLink(userID: user.id!, channel: .telegram, chatID: "5550001", at: context.clock.now)
            .create(on: context.db)
        let api = try await APIClient.signedIn("081234567890", context)
        let report = try await ReportFixtures.file(api)
        let browser = Browser(context.app)
        let login = try await browser.logIn("081234567890")
        guard login.status == .seeOther else { throw TestFailure("log-in: \(login.status)") }
        return Citizen(user: user, browser: browser, api: api, report: report)
    }

    func requests(of userID: UUID, _ context: TestContext) async throws -> [DataRequest] {
        try await DataRequest.query(on: context.db).filter(\.$userID == userID).all()
    }

    @Test func consentAndPurposeAreStatedWhereDataIsGivenAndThePolicyNamesPeriodsAndRights() async throws {
        try await withSigap(adjust: { $0.retention.closedReportContactDays = 200 }) { context in
            let guest = Browser(context.app)
            let form = try await guest.get("/lapor")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("Data yang Anda kirim hanya dipakai untuk menangani laporan ini"))
            #expect(form.body.string.contains("href=\"/privasi\""))
            let registration = try await guest.get("/daftar")
            #expect(registration.body.string.contains("name=\"consent\""))
            let policy = try await guest.get("/privasi").body.string
            #expect(policy.contains("dihapus 200 hari setelah laporannya selesai"))  // the configured period
            #expect(policy.contains("3 × 24 jam"))
            for right in ["Melihat dan mengunduh", "Membetulkan data", "Menghapus akun", "Keberatan atas pemrosesan"] {
                #expect(policy.contains(right), "\(right)")
            }
        }
    }

    @Test func aCitizenDownloadsAllTheirDataAsJSONAndReadsItOnAPage() async throws {
        try await withSigap { context in
            let citizen = try await citizen(context)
            let download = try await citizen.browser.get("/akun/data.json")
            #expect(download.status == .ok)
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
            #expect(download.headers.first(name: .cacheControl) == "no-store")
            let json = try download.json()
            let account = try #require(json["account"] as? [String: String])
            #expect(account["name"] == "Siti Aminah")
            #expect(account["phone"] == "6281234567890")  // opened from its cipher
            #expect(account["nik"] == "1271014101900001")
            #expect(account["email"] == "siti@contoh.id")
            let sections = try #require(json["sections"] as? [String: [[String: String]]])
            #expect(sections["reports"]?.map { $0["number"] } == [citizen.report])
            #expect(sections["chat_links"]?.first?["chat_id"] == "5550001")
            #expect(sections["api_tokens"]?.count == 1)
            #expect((sections["messages"]?.count ?? 0) >= 1)  // the filing's receipt
            // the readable page holds the same, in the reader's language
            let page = try await citizen.browser.get("/akun/data")
            #expect(page.status == .ok)
            #expect(page.body.string.contains(citizen.report))
            #expect(page.body.string.contains("1271014101900001"))
            #expect(page.body.string.contains("Laporan (1)"))
            // both are one access request, answered when made
            let recorded = try await requests(of: citizen.user.id!, context)
            #expect(recorded.map(\.kind) == [.access])
            #expect(recorded.first?.answeredAt == recorded.first?.receivedAt)
            // nobody else's data: a guest is sent to sign in
            #expect(try await Browser(context.app).get("/akun/data.json").status == .seeOther)
        }
    }

    @Test func aCitizenCorrectsTheirNameAndTheCorrectionIsRecorded() async throws {
        try await withSigap { context in
            let citizen = try await citizen(context)
            let empty = try await citizen.browser.submit("/akun/data", to: "/akun/data/nama", ["name": "   "])
            #expect(empty.status == .unprocessableEntity)
            let corrected = try await citizen.browser.submit(
                "/akun/data", to: "/akun/data/nama", ["name": "Siti Aminah Lubis"])
            #expect(corrected.status == .seeOther)
            #expect(try await User.find(citizen.user.id, on: context.db)?.name == "Siti Aminah Lubis")
            let kinds = try await requests(of: citizen.user.id!, context).map(\.kind)
            #expect(kinds.contains(.correction))
        }
    }

    @Test func deletingTheAccountErasesPersonalFieldsKeepsReportsAnonymousAndStopsEverything() async throws {
        try await withSigap(adjust: { $0.publication = .onFiling }) { context in
            let citizen = try await citizen(context)
            let userID = citizen.user.id!
            let sql = context.db as! any SQLDatabase
            func count(_ query: SQLQueryString) async throws -> Int {
                try await sql.raw(query).first()!.decode(column: "n", as: Int.self)
            }
            let pending = try await count(
                "SELECT COUNT(*) AS n FROM outbox_messages WHERE recipient_user_id = \(bind: userID) AND sent_at IS NULL"
            )
            #expect(pending >= 2)  // in-app and Telegram receipts wait to be sent
            #expect(try await citizen.api.send(.GET, "/api/v1/reports").status == .ok)

            // a wrong password or a missing confirmation deletes nothing
            let wrong = try await citizen.browser.submit(
                "/akun/hapus", ["password": "bukan kata sandinya", "confirm": "HAPUS"])
            #expect(wrong.status == .unprocessableEntity)
            let unconfirmed = try await citizen.browser.submit(
                "/akun/hapus", ["password": Fixtures.password, "confirm": "ya"])
            #expect(unconfirmed.status == .unprocessableEntity)
            #expect(try await User.find(userID, on: context.db)?.erasedAt == nil)

            let erased = try await citizen.browser.submit(
                "/akun/hapus", ["password": Fixtures.password, "confirm": "hapus"])
            #expect(erased.status == .seeOther)
            let user = try #require(try await User.find(userID, on: context.db))
            #expect(user.erasedAt != nil)
            #expect(user.name == AccountErasure.erasedName)
            #expect(user.email == nil && user.phoneCipher == nil && user.phoneLookup == nil)
            #expect(user.nikCipher == nil && user.nikLookup == nil && user.totpSecretCipher == nil)
            // the report stays, public and without its reporter
            let report = try #require(
                try await Report.query(on: context.db).filter(\.$number == citizen.report).first())
            #expect(report.reporterID == nil)
            #expect(try await Browser(context.app).get("/laporan/\(citizen.report)").status == .ok)
            // sessions, tokens, chat links and the outbox end
            #expect(try await citizen.browser.get("/akun").status == .seeOther)
            #expect(try await citizen.api.send(.GET, "/api/v1/reports").status == .unauthorized)
            #expect(try await count("SELECT COUNT(*) AS n FROM chat_links WHERE user_id = \(bind: userID)") == 0)
            #expect(
                try await count(
                    "SELECT COUNT(*) AS n FROM outbox_messages WHERE recipient_user_id = \(bind: userID) AND sent_at IS NULL"
                ) == 0)
            #expect(try await count("SELECT COUNT(*) AS n FROM web_sessions WHERE user_id = \(bind: userID)") == 0)
            // nobody can sign in as them again, with the old password or the old number
            #expect(try await Browser(context.app).logIn("081234567890").status == .unauthorized)
            // the erasure is audited and recorded as an answered request
            #expect(try await AuditEvent.query(on: context.db).filter(\.$action == "account.erased").count() == 1)
            let deletion = try await requests(of: userID, context).first { $0.kind == .deletion }
            #expect(deletion?.answeredAt != nil)
        }
    }

    @Test func staffAccountsAreNotDeletedByTheirHolders() async throws {
        try await withSigap { context in
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let browser = Browser(context.app)
            try await browser.logIn(clerk, context)
            #expect(try await browser.get("/akun/hapus").status == .forbidden)
            #expect(
                try await browser.post("/akun/hapus", ["password": Fixtures.password, "confirm": "HAPUS"]).status
                    == .forbidden)
            #expect(try await User.find(clerk.user.id, on: context.db)?.erasedAt == nil)
            #expect(try await browser.get("/akun/data").status == .ok)  // seeing one's data is everyone's right
        }
    }

    @Test func anObjectionWaitsForAnAdministratorWhoSeesItsAgeAndAnswersIt() async throws {
        try await withSigap { context in
            let citizen = try await citizen(context)
            let missing = try await citizen.browser.submit(
                "/akun/data", to: "/akun/data/permintaan", ["kind": "objection", "detail": ""])
            #expect(missing.status == .unprocessableEntity)
            let deletionByForm = try await citizen.browser.submit(
                "/akun/data", to: "/akun/data/permintaan", ["kind": "deletion", "detail": "hapus"])
            #expect(deletionByForm.status == .unprocessableEntity)  // deleting has its own confirmed page
            let sent = try await citizen.browser.submit(
                "/akun/data", to: "/akun/data/permintaan",
                ["kind": "objection", "detail": "Saya keberatan nomor HP saya dipakai untuk survei."])
            #expect(sent.status == .seeOther)
            let open = try #require(try await requests(of: citizen.user.id!, context).first { $0.kind == .objection })
            #expect(open.answeredAt == nil)

            // citizens cannot see the list
            #expect(try await citizen.browser.get("/dasbor/admin/privasi").status == .forbidden)

            context.clock.advance(seconds: 80 * 3600)
            let admin = try await Fixtures.staff(.admin, in: context)
            let browser = Browser(context.app, address: "192.0.2.20")
            try await browser.logIn(admin, context)
            let list = try await browser.get("/dasbor/admin/privasi")
            #expect(list.status == .ok)
            #expect(list.body.string.contains("Saya keberatan nomor HP saya"))
            #expect(list.body.string.contains("umur 80 jam"))
            #expect(list.body.string.contains("lewat 3 × 24 jam"))  // past the law's limit

            let answered = try await browser.post(
                "/dasbor/admin/privasi/\(open.id!)/jawab", ["answer": "Nomor Anda dikeluarkan dari survei."])
            #expect(answered.status == .seeOther)
            let again = try await browser.post("/dasbor/admin/privasi/\(open.id!)/jawab", ["answer": "Lagi"])
            #expect(again.status == .seeOther)
            let stored = try #require(try await DataRequest.find(open.id, on: context.db))
            #expect(stored.answer == "Nomor Anda dikeluarkan dari survei.")  // the second answer changed nothing
            #expect(stored.answeredBy == admin.user.id)
            #expect(
                try await browser.post("/dasbor/admin/privasi/\(UUID())/jawab", ["answer": "x"]).status == .notFound)
            // the citizen (signed in again: 80 hours passed) reads the answer on their page
            #expect(try await citizen.browser.logIn("081234567890").status == .seeOther)
            let mine = try await citizen.browser.get("/akun/data")
            #expect(mine.body.string.contains("Nomor Anda dikeluarkan dari survei."))
        }
    }

    @Test func retentionErasesOldGuestContactsMessageAddressesAndAuditEntries() async throws {
        try await withSigap { context in
            let guest = APIClient(app: context.app)
            let old = try await ReportFixtures.file(guest, ReportFixtures.draft(contact: "lama@contoh.id"))
            let recent = try await ReportFixtures.file(guest, ReportFixtures.draft(contact: "baru@contoh.id"))
            let sql = context.db as! any SQLDatabase
            let now = context.clock.now
            // one report resolved 400 days ago, one 10 days ago; both were guests'
            for (number, days) in [(old, 400.0), (recent, 10.0)] {
                try await sql.raw(
                    """
                    UPDATE reports SET status = 'selesai', resolved_at = \(bind: now.addingTimeInterval(-days * 86_400))
                    WHERE number = \(bind: number)
                    """
                ).run()
            }
            // the receipts e-mailed to them: one sent 100 days ago, the other yesterday
            let mails = try await OutboxMessage.query(on: context.db).filter(\.$channel == .email).sort(\.$id).all()
            #expect(mails.count == 2)
            mails[0].sentAt = now.addingTimeInterval(-100 * 86_400)
            mails[1].sentAt = now.addingTimeInterval(-86_400)
            for mail in mails { try await mail.save(on: context.db) }
            try await AuditEvent(
                occurredAt: now.addingTimeInterval(-2000 * 86_400), actorID: nil, actorRole: nil, action: "lama",
                subjectType: nil, subjectID: nil, detail: ""
            ).create(on: context.db)
            try await AuditEvent(
                occurredAt: now.addingTimeInterval(-86_400), actorID: nil, actorRole: nil, action: "baru",
                subjectType: nil, subjectID: nil, detail: ""
            ).create(on: context.db)

            let outcome = try await Housekeeping.run(context.app.context()).retention
            #expect(outcome == Retention.Outcome(reportContacts: 1, messages: 1, auditEntries: 1))
            func contact(_ number: String) async throws -> String? {
                try await Report.query(on: context.db).filter(\.$number == number).first()?.guestContactCipher
            }
            #expect(try await contact(old) == nil)
            #expect(try await contact(recent) != nil)
            let after = try await OutboxMessage.query(on: context.db).filter(\.$channel == .email).sort(\.$id).all()
            #expect(after[0].recipientContactCipher == nil && after[0].payload == "{}")
            #expect(after[1].recipientContactCipher != nil && after[1].payload != "{}")
            #expect(try await AuditEvent.query(on: context.db).filter(\.$action == "lama").count() == 0)
            #expect(try await AuditEvent.query(on: context.db).filter(\.$action == "baru").count() == 1)
            // a second run finds nothing more
            #expect(try await Housekeeping.run(context.app.context()).retention == Retention.Outcome())
        }
    }
}
