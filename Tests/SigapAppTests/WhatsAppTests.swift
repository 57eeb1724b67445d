import Fluent
import Foundation
import SQLKit
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

@Suite struct WhatsAppTests {
    func event(_ value: String) -> String {
        #"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"1055"},\#(value)}}]}]}"#
    }

    func message(_ body: String, from: String = "6281299990000", id: Int) -> String {
        event(
            #""contacts":[{"profile":{"name":"Warga"},"wa_id":"\#(from)"}],"messages":[{"from":"\#(from)","id":"wamid.in\#(id)","timestamp":"1","\#(body)}]"#
        )
    }

    /// Issue 12: Meta redelivers; the same message id is handled once.
    @Test func theSameMessageDeliveredTwiceIsHandledOnce() async throws {
        try await withWhatsApp { context, whatsapp in
            let help = message(#"type":"text","text":{"body":"BANTUAN"}"#, id: 77)
            let first = try await post(help, context)
            let again = try await post(help, context)
            #expect(first == .ok && again == .ok)
            #expect(whatsapp.received.count == 1)
            let next = try await post(message(#"type":"text","text":{"body":"BANTUAN"}"#, id: 78), context)
            #expect(next == .ok)
            #expect(whatsapp.received.count == 2)
        }
    }

    func post(_ body: String, signature: String? = nil, _ context: TestContext) async throws -> HTTPStatus {
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.add(
            name: "X-Hub-Signature-256",
            value: signature ?? WhatsAppWebhookController.signature(of: Data(body.utf8), secret: "app-secret"))
        let response = try await context.app.testing().sendRequest(
            .POST, "/api/v1/webhooks/whatsapp", headers: headers, body: ByteBuffer(string: body))
        try await context.deliverOutbox()  // the answers go out through the outbox, as the serve loop sends them
        return response.status
    }

    @Test func theVerificationHandshakeEchoesTheChallengeOnlyForTheRightToken() async throws {
        try await withWhatsApp { context, _ in
            let ok = try await context.app.testing().sendRequest(
                .GET, "/api/v1/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verif&hub.challenge=1158201444")
            #expect(ok.status == .ok && ok.body.string == "1158201444")
            let wrong = try await context.app.testing().sendRequest(
                .GET, "/api/v1/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=salah&hub.challenge=1")
            #expect(wrong.status == .forbidden)
        }
    }

    @Test func aBadSignatureIsRefusedAndIgnored() async throws {
        try await withWhatsApp { context, whatsapp in
            let body = message(#"type":"text","text":{"body":"LAPOR"}"#, id: 1)
            let forged = try await post(body, signature: "sha256=" + String(repeating: "0", count: 64), context)
            let tampered = try await post(
                body, signature: WhatsAppWebhookController.signature(of: Data("x".utf8), secret: "app-secret"), context)
            #expect(forged == .unauthorized && tampered == .unauthorized)
            #expect(whatsapp.received.isEmpty)
            let conversations = try await ChatConversation.query(on: context.db).count()
            #expect(conversations == 0)
        }
    }

    /// Issue 12: the conversation's step is saved after its effect: a confirmation whose filing fails is not
    /// lost, and the channel's retry of the same message files the report.
    @Test func aFilingThatFailsLeavesTheConversationAtTheConfirmation() async throws {
        try await withWhatsApp { context, whatsapp in
            let steps = [
                #"type":"text","text":{"body":"LAPOR"}"#,
                #"type":"text","text":{"body":"Air Bersih"}"#,
                #"type":"text","text":{"body":"Air PDAM keruh dan berbau sejak tiga hari"}"#,
                #"type":"location","location":{"latitude":3.6055,"longitude":98.4821}"#,
                #"type":"text","text":{"body":"LEWATI"}"#,
            ]
            for (index, step) in steps.enumerated() {
                let status = try await post(message(step, id: 100 + index), context)
                #expect(status == .ok)
            }
            let before = try #require(try await ChatConversation.query(on: context.db).first()).botState
            let sql = context.db as! any SQLDatabase
            try await sql.raw("ALTER TABLE report_counters RENAME TO report_counters_away").run()
            let confirm = message(#"type":"text","text":{"body":"YA"}"#, id: 200)
            let failed = try await post(confirm, context)
            #expect(failed == .internalServerError)
            try await sql.raw("ALTER TABLE report_counters_away RENAME TO report_counters").run()
            let none = try await Report.query(on: context.db).count()
            #expect(none == 0)
            let after = try await ChatConversation.query(on: context.db).first()?.botState
            #expect(after == before)
            // Meta retries the same message: now it files, once
            let retried = try await post(confirm, context)
            #expect(retried == .ok)
            let one = try await Report.query(on: context.db).count()
            #expect(one == 1)
            let again = try await post(confirm, context)
            #expect(again == .ok)
            let reports = try await Report.query(on: context.db).count()
            #expect(reports == 1)
            _ = whatsapp
        }
    }

    @Test func aWhatsAppConversationFilesAGuestReportWithTheSendersNumberAndPhoto() async throws {
        try await withWhatsApp { context, whatsapp in
            let steps = [
                #"type":"text","text":{"body":"LAPOR"}"#,
                #"type":"text","text":{"body":"Air Bersih"}"#,
                #"type":"text","text":{"body":"Air PDAM keruh dan berbau sejak tiga hari"}"#,
                #"type":"location","location":{"latitude":3.6055,"longitude":98.4821}"#,
                #"type":"image","image":{"id":"media-77","mime_type":"image/jpeg"}"#,
                #"type":"text","text":{"body":"YA"}"#,
            ]
            for (index, step) in steps.enumerated() {
                let status = try await post(message(step, id: index), context)
                #expect(status == .ok)
            }
            let report = try #require(try await Report.query(on: context.db).first())
            let category = try await Category.find(report.categoryID, on: context.db)
            #expect(category?.code == "air-bersih")
            #expect(report.reporterID == nil)
            let contact = try context.app.sigap.cipher.open(try #require(report.guestContactCipher))
            #expect(contact == "6281299990000")
            let photos = try await ReportPhoto.query(on: context.db).filter(\.$reportID == report.id!).count()
            #expect(photos == 1)
            let last = try #require(whatsapp.received.last)
            #expect(last["to"] as? String == "6281299990000")
            #expect(((last["text"] as? [String: Any])?["body"] as? String)?.contains(report.number) == true)
            #expect(whatsapp.authorizations.allSatisfy { $0 == "Bearer EAAG-test-token" })
        }
    }

    @Test func notificationsUseTextInsideTheWindowTemplatesOutsideAndStatusEventsUpdateTheRow() async throws {
        try await withWhatsApp { context, whatsapp in
            // a guest files on the web with a phone number: the outbox row goes to WhatsApp
            _ = try await ReportFixtures.file(
                APIClient(app: context.app), ReportFixtures.draft(contact: "0812 9999 0000"))
            let delivery = OutboxDelivery(
                app: context.app, senders: context.app.channelSenders, logger: context.app.logger)
            // they never wrote to us: the approved template, in Indonesian, with the number as first parameter
            #expect(try await delivery.runOnce() == 1)
            let template = try #require(whatsapp.received.last?["template"] as? [String: Any])
            #expect(template["name"] as? String == "sigap_kabar_laporan")
            #expect((template["language"] as? [String: Any])?["code"] as? String == "id")
            let row = try #require(
                try await OutboxMessage.query(on: context.db).filter(\.$channel == .whatsapp).first())
            #expect(row.externalID == "wamid.1")

            // Meta reports delivery, then a late "sent" that must not move it back
            for status in ["delivered", "sent", "read"] {
                let code = try await post(
                    event(
                        #""statuses":[{"id":"wamid.1","status":"\#(status)","timestamp":"2","recipient_id":"6281299990000"}]"#
                    ),
                    context)
                #expect(code == .ok)
            }
            #expect(try await OutboxMessage.find(row.id, on: context.db)?.deliveryStatus == "read")

            // after the person writes, a rate limit is retried and the news goes out as text
            _ = try await post(
                message(#"type":"text","text":{"body":"BANTUAN"}"#, from: "6281299990000", id: 9), context)
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let staff = try await APIClient.signedIn(clerk.email, staff: clerk, context)
            let number = try #require(try await Report.query(on: context.db).first()?.number)
            whatsapp.reply(.rateLimited)
            _ = try await staff.send(.POST, "/api/v1/reports/\(number)/actions", json: ["action": "verify"])
            #expect(try await delivery.runOnce() == 0)  // rate limited
            context.clock.advance(seconds: 31)
            #expect(try await delivery.runOnce() == 1)
            let text = try #require(whatsapp.received.last?["text"] as? [String: Any])
            #expect((text["body"] as? String)?.contains("Diverifikasi") == true)

            // a number WhatsApp cannot reach fails for good, with Meta's reason
            whatsapp.reply(.undeliverable)
            _ = try await staff.send(.POST, "/api/v1/reports/\(number)/actions", json: ["action": "start"])
            try await delivery.runOnce()
            let failed = try await OutboxMessage.query(on: context.db).filter(\.$failedAt != nil).first()
            #expect(failed?.lastError?.contains("131026") == true)
        }
    }
}
