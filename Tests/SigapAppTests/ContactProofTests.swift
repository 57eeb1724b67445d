import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 12: a phone number or e-mail address identifies someone only once its owner proved it with a code.
@Suite struct ContactProofTests {
    func message(_ body: String, id: Int) -> String {
        #"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"1055"},"messages":[{"from":"6281299990000","id":"wamid.p\#(id)","timestamp":"1",\#(body)}]}}]}]}"#
    }

    /// Files one report over WhatsApp from 6281299990000; returns who filed it.
    func fileOverWhatsApp(_ context: TestContext, from first: Int) async throws -> UUID? {
        let steps = [
            #""type":"text","text":{"body":"LAPOR"}"#, #""type":"text","text":{"body":"Air Bersih"}"#,
            #""type":"text","text":{"body":"Air PDAM keruh dan berbau sejak tiga hari"}"#,
            #""type":"location","location":{"latitude":3.6055,"longitude":98.4821}"#,
            #""type":"text","text":{"body":"LEWATI"}"#, #""type":"text","text":{"body":"YA"}"#,
        ]
        let before = try await Report.query(on: context.db).count()
        for (index, step) in steps.enumerated() {
            let body = message(step, id: first + index)
            var headers = HTTPHeaders()
            headers.contentType = .json
            headers.add(
                name: "X-Hub-Signature-256",
                value: WhatsAppWebhookController.signature(of: Data(body.utf8), secret: "app-secret"))
            let status = try await context.app.testing().sendRequest(
                .POST, "/api/v1/webhooks/whatsapp", headers: headers, body: ByteBuffer(string: body)
            ).status
            #expect(status == .ok)
        }
        let reports = try await Report.query(on: context.db).sort(\.$id).all()
        #expect(reports.count == before + 1)
        return reports.last?.reporterID
    }

    @Test func aWhatsAppNumberNobodyProvedIsAGuestUntilItsOwnerProvesIt() async throws {
        try await withWhatsApp { context, _ in
            let citizen = try await Fixtures.citizen(phone: "081299990000", phoneProven: false, in: context)
            #expect(citizen.phoneVerifiedAt == nil)
            // typed by somebody, proven by nobody: the sender is a guest
            #expect(try await fileOverWhatsApp(context, from: 1) == nil)

            // the owner proves it from the account page
            let browser = Browser(context.app)
            #expect(try await browser.logIn("081299990000").location == "/akun")
            let asked = try await browser.submit("/akun/kontak", ["contact": "0812-9999-0000"])
            #expect(asked.status == .seeOther && asked.location == "/akun/kontak")
            let page = try await browser.get("/akun/kontak")
            #expect(page.body.string.contains("62812••••0000"))
            let code = try #require(try await context.lastCode(sentTo: "081299990000"))
            let proven = try await browser.submit("/akun/kontak", to: "/akun/kontak/kode", ["code": code])
            #expect(proven.status == .seeOther && proven.location == "/akun")
            let stored = try #require(try await User.find(citizen.id, on: context.db))
            #expect(stored.phoneVerifiedAt != nil)
            let audited = try await AuditEvent.query(on: context.db).filter(\.$action == "account.contact_verified")
                .count()
            #expect(audited == 1)

            // now the number acts as the account
            #expect(try await fileOverWhatsApp(context, from: 100) == citizen.id)
        }
    }

    @Test func anAccountAddsAnEMailAddressOnlyWithTheCodeSentToIt() async throws {
        try await withSigap { context in
            let citizen = try await Fixtures.citizen(in: context)
            let browser = Browser(context.app)
            #expect(try await browser.logIn("081234567890").location == "/akun")
            #expect(try await browser.submit("/akun/kontak", ["contact": "siti@contoh.id"]).status == .seeOther)
            // a wrong code changes nothing
            let wrong = try await browser.submit("/akun/kontak", to: "/akun/kontak/kode", ["code": "12"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(try await User.find(citizen.id, on: context.db)?.email == nil)
            let code = try #require(try await context.lastCode(sentTo: "siti@contoh.id"))
            let row = try #require(
                try await OutboxMessage.query(on: context.db).filter(\.$event == .contactCode).first())
            #expect(row.channel == .email && row.recipientUserID == nil)
            #expect(!row.payload.contains(code))  // sealed in the row
            #expect(
                try await browser.submit("/akun/kontak", to: "/akun/kontak/kode", ["code": code]).location == "/akun")
            let stored = try #require(try await User.find(citizen.id, on: context.db))
            #expect(stored.email == "siti@contoh.id" && stored.emailVerifiedAt != nil)
            // and it signs in with it
            #expect(try await Browser(context.app, address: "192.0.2.77").logIn("siti@contoh.id").location == "/akun")
        }
    }

    @Test func aContactAnotherAccountHoldsIsNotMoved() async throws {
        try await withSigap { context in
            let owner = try await Fixtures.citizen(phone: "081311112222", in: context)
            let other = try await Fixtures.citizen(phone: "081344445555", in: context)
            let browser = Browser(context.app)
            #expect(try await browser.logIn("081344445555").location == "/akun")
            #expect(try await browser.submit("/akun/kontak", ["contact": "081311112222"]).status == .seeOther)
            let code = try #require(try await context.lastCode(sentTo: "081311112222"))
            #expect(
                try await browser.submit("/akun/kontak", to: "/akun/kontak/kode", ["code": code]).location == "/akun")
            #expect(try await browser.get("/akun").body.string.contains("dipakai akun lain"))
            let cipher = context.app.sigap.cipher
            #expect(
                try await User.find(other.id, on: context.db)?.phoneLookup
                    == cipher.lookupToken("6281344445555", purpose: "phone"))
            #expect(
                try await User.find(owner.id, on: context.db)?.phoneLookup
                    == cipher.lookupToken("6281311112222", purpose: "phone"))
        }
    }

    /// Issue 12: whoever types a stranger's number cannot have it flooded: messages to a contact nobody proved
    /// stop at the day's cap, the rest are marked failed and never sent.
    @Test func messagesToAnUnprovenContactStopAtTheDailyCap() async throws {
        try await withWhatsApp(adjust: { $0.messagesPerContactPerDay = 2 }) { context, whatsapp in
            let guest = APIClient(app: context.app)
            for index in 0..<3 {
                let draft = ReportFixtures.draft(contact: "0812-7777-0000", title: "Lampu jalan mati nomor \(index)")
                #expect(try await guest.send(.POST, "/api/v1/reports", json: draft).status == .created)
            }
            #expect(try await context.deliverOutbox() == 2)
            #expect(whatsapp.received.count == 2)
            let capped = try await OutboxMessage.query(on: context.db).filter(\.$failedAt != nil).all()
            #expect(capped.count == 1)
            #expect(capped.first?.lastError?.contains("unverified contact") == true)
            // a day later the contact hears again
            context.clock.advance(seconds: 86_401)
            let draft = ReportFixtures.draft(contact: "0812-7777-0000")
            #expect(try await guest.send(.POST, "/api/v1/reports", json: draft).status == .created)
            #expect(try await context.deliverOutbox() == 1)
        }
    }
}
