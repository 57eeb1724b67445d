import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 12: e-mail is a real channel: a guest's receipt with the private follow-up link and one-time codes go
/// out through SMTP; a refusal for good fails the row, a refusal for now retries it.
@Suite struct EmailTests {
    @Test func aGuestWhoLeftAnEMailAddressGetsTheReceiptWithTheirPrivateLink() async throws {
        try await withMail { context, smtp in
            let filed = try await APIClient(app: context.app).send(
                .POST, "/api/v1/reports", json: ReportFixtures.draft(contact: "Tamu@Contoh.id"))
            #expect(filed.status == .created)
            let number = try filed.content.get(String.self, at: "number")
            let followURL = try filed.content.get(String.self, at: "followUrl")
            #expect(followURL.contains("?kunci="))
            #expect(try await context.deliverOutbox() == 1)
            let mail = try #require(smtp.received.first)
            #expect(smtp.received.count == 1)
            #expect(mail.from == "MAIL FROM:<sigap@pemkab.test>")
            #expect(mail.to == ["RCPT TO:<tamu@contoh.id>"])
            #expect(mail.text.contains(number))
            #expect(mail.text.contains(followURL))  // the private link, whole
            #expect(mail.data.contains("Subject: =?UTF-8?B?"))
            let row = try #require(try await OutboxMessage.query(on: context.db).filter(\.$channel == .email).first())
            #expect(row.sentAt != nil && row.recipientUserID == nil)
            #expect(!row.payload.contains(followURL.components(separatedBy: "kunci=")[1]))  // sealed in the row
        }
    }

    @Test func registeringWithAnEMailAddressSendsTheCodeByEMail() async throws {
        try await withMail { context, smtp in
            let browser = Browser(context.app)
            let started = try await browser.submit(
                "/daftar",
                [
                    "name": "Dewi Lestari", "contact": "dewi@contoh.id", "password": "sawah hijau di lereng",
                    "password_confirmation": "sawah hijau di lereng", "consent": "on",
                ])
            #expect(started.location == "/daftar/kode")
            #expect(try await context.deliverOutbox() == 1)
            let text = try #require(smtp.received.first?.text)
            let code = try #require(text.split(separator: " ").first { $0.count == 7 && $0.hasSuffix(".") }?.dropLast())
            #expect(try await browser.submit("/daftar/kode", ["code": String(code)]).location == "/akun")
            let dewi = try #require(try await User.query(on: context.db).filter(\.$email == "dewi@contoh.id").first())
            #expect(dewi.emailVerifiedAt != nil)
        }
    }

    @Test func aPermanentRefusalFailsTheRowAndATemporaryOneRetriesIt() async throws {
        try await withMail { context, smtp in
            let guest = APIClient(app: context.app)
            smtp.answer("RCPT", with: "550 5.1.1 no such user")
            #expect(
                try await guest.send(.POST, "/api/v1/reports", json: ReportFixtures.draft(contact: "a@contoh.id"))
                    .status == .created)
            #expect(try await context.deliverOutbox() == 0)
            let refused = try #require(
                try await OutboxMessage.query(on: context.db).filter(\.$channel == .email).first())
            #expect(refused.failedAt != nil && refused.lastError?.contains("550") == true)

            smtp.answer("MAIL", with: "451 4.3.0 try again later")
            #expect(
                try await guest.send(.POST, "/api/v1/reports", json: ReportFixtures.draft(contact: "b@contoh.id"))
                    .status == .created)
            #expect(try await context.deliverOutbox() == 0)
            let later = try #require(
                try await OutboxMessage.query(on: context.db).filter(\.$channel == .email).sort(\.$id, .descending)
                    .first())
            #expect(later.failedAt == nil && later.attempts == 1 && later.availableAt > context.clock.now)
            context.clock.advance(seconds: DeliveryRetry.base + 1)
            #expect(try await context.deliverOutbox() == 1)
            #expect(smtp.received.count == 1)
        }
    }
}
