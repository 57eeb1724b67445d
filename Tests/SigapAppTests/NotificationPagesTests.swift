import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

@Suite struct NotificationPagesTests {
    @Test func everyAccountReadsItsInAppNotificationsAndMarksThemRead() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let number = try await ReportFixtures.file(try await APIClient.signedIn("081234567890", context))
            let browser = Browser(context.app)
            try await browser.logIn("081234567890")
            let page = try await browser.get("/notifikasi")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Laporan \(number) sudah kami terima"))
            #expect(page.body.string.contains("class=\"unread\""))
            #expect(try await browser.submit("/notifikasi", to: "/notifikasi/dibaca", [:]).status == .seeOther)
            #expect(!(try await browser.get("/notifikasi")).body.string.contains("class=\"unread\""))
            #expect(try await Browser(context.app).get("/notifikasi").status != .ok)  // guests sign in first
        }
    }

    @Test func preferencesChooseWhichEventsReachTelegramAndTheCodeLinksTheChat() async throws {
        try await withTelegram { context, telegram in
            let citizen = try await Fixtures.citizen(in: context)
            let browser = Browser(context.app)
            try await browser.logIn("081234567890")
            // a link code from the settings page, sent to the bot, links the chat
            let coded = try await browser.submit("/akun/notifikasi", to: "/akun/telegram", [:])
            let code = try #require(Browser.firstMatch(#"/start ([A-Za-z0-9_-]+)"#, in: coded.body.string))
            var headers = HTTPHeaders()
            headers.contentType = .json
            headers.add(name: "X-Telegram-Bot-Api-Secret-Token", value: "rahasia-webhook")
            _ = try await context.app.testing().sendRequest(
                .POST, "/api/v1/webhooks/telegram", headers: headers,
                body: ByteBuffer(
                    string:
                        #"{"update_id":1,"message":{"message_id":1,"chat":{"id":31337},"date":1,"text":"/start \#(code)"}}"#
                ))
            #expect(
                try await ChatLink.query(on: context.db).filter(\.$userID == citizen.id!).first()?.chatID == "31337")

            // only "received" on Telegram from now on
            let saved = try await browser.submit(
                "/akun/notifikasi", ["channels[]": "telegram", "events[]": "report.received"])
            #expect(saved.status == .seeOther)
            let citizenAPI = try await APIClient.signedIn("081234567890", context)
            let number = try await ReportFixtures.file(citizenAPI)
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let staff = try await APIClient.signedIn(clerk.email, staff: clerk, context)
            _ = try await staff.send(.POST, "/api/v1/reports/\(number)/actions", json: ["action": "verify"])
            let telegramRows = try await OutboxMessage.query(on: context.db).filter(\.$channel == .telegram)
                .filter(\.$event != .chatReply).all()
            #expect(telegramRows.map(\.event) == [.reportReceived])
            let inApp = try await OutboxMessage.query(on: context.db).filter(\.$recipientUserID == citizen.id!)
                .filter(\.$channel == .inApp).all()
            #expect(Set(inApp.map(\.event)) == [.reportReceived, .reportStatusChanged])
            _ = telegram
        }
    }

    @Test func adminsSeeUndeliveredMessagesAndRetryThem() async throws {
        try await withTelegram { context, telegram in
            let citizen = try await Fixtures.citizen(in: context)
            try await ChatLink(userID: citizen.id!, channel: .telegram, chatID: "1", at: context.clock.now)
                .create(on: context.db)
            telegram.reply(.chatNotFound)
            _ = try await ReportFixtures.file(try await APIClient.signedIn("081234567890", context))
            let delivery = OutboxDelivery(
                app: context.app, senders: context.app.channelSenders, logger: context.app.logger)
            try await delivery.runOnce()

            let admin = try await Fixtures.staff(.admin, in: context)
            let browser = Browser(context.app)
            try await browser.logIn(admin, context)
            let page = try await browser.get("/dasbor/admin/pesan")
            #expect(page.body.string.contains("chat not found"))
            let failed = try #require(try await OutboxMessage.query(on: context.db).filter(\.$failedAt != nil).first())
            let retried = try await browser.submit(
                "/dasbor/admin/pesan", to: "/dasbor/admin/pesan/\(failed.id!)/ulang", [:])
            #expect(retried.status == .seeOther)
            #expect(try await delivery.runOnce() == 1)
            #expect(try await OutboxMessage.find(failed.id, on: context.db)?.sentAt != nil)
            #expect(try await AuditEvent.query(on: context.db).filter(\.$action == "outbox.retried").count() == 1)
        }
    }
}
