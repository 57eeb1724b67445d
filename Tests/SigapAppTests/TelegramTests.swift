import Fluent
import Foundation
import SQLKit
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

@Suite struct TelegramTests {
    /// Posts a Telegram update to the webhook, as Telegram would.
    func deliver(_ update: String, secret: String? = "rahasia-webhook", _ context: TestContext) async throws
        -> HTTPStatus
    {
        var headers = HTTPHeaders()
        headers.contentType = .json
        if let secret { headers.add(name: "X-Telegram-Bot-Api-Secret-Token", value: secret) }
        let status = try await context.app.testing().sendRequest(
            .POST, "/api/v1/webhooks/telegram", headers: headers, body: ByteBuffer(string: update)
        ).status
        try await context.deliverOutbox()  // the answers go out through the outbox, as the serve loop sends them
        return status
    }

    func text(_ text: String, chat: Int = 777, id: Int = 1) -> String {
        #"{"update_id":\#(id),"message":{"message_id":\#(id),"chat":{"id":\#(chat),"type":"private"},"date":1,"text":"\#(text)"}}"#
    }

    @Test func aWrongOrMissingSecretIsRefusedAndIgnored() async throws {
        let update = text("/lapor")
        try await withTelegram { context, telegram in
            let wrong = try await deliver(update, secret: "salah", context)
            let missing = try await deliver(update, secret: nil, context)
            #expect(wrong == .unauthorized && missing == .unauthorized)
            #expect(telegram.received.isEmpty)
            let conversations = try await ChatConversation.query(on: context.db).count()
            #expect(conversations == 0)
            let help = try await deliver(text("/bantuan"), context)
            #expect(help == .ok && telegram.received.count == 1)
        }
        // with the channel off the route exists and refuses everything
        try await withSigap { context in
            let refused = try await deliver(update, context)
            #expect(refused == .unauthorized)
        }
    }

    /// Issue 12: Telegram retries a webhook it thinks failed; the same update is handled once.
    @Test func theSameUpdateDeliveredTwiceIsHandledOnce() async throws {
        try await withTelegram { context, telegram in
            let update = text("/bantuan", chat: 31, id: 500)
            #expect(try await deliver(update, context) == .ok)
            #expect(try await deliver(update, context) == .ok)
            #expect(telegram.received.count == 1)
            // a new update from the same chat is answered
            #expect(try await deliver(text("/bantuan", chat: 31, id: 501), context) == .ok)
            #expect(telegram.received.count == 2)
            // after a week the ids are forgotten
            context.clock.advance(seconds: 8 * 86_400)
            try await Housekeeping.run(context.app.context())
            #expect(try await deliver(update, context) == .ok)
            #expect(telegram.received.count == 3)
        }
    }

    /// Issue 12: the webhook only queues the answer; the outbox sends it, retries it, and keeps one chat's
    /// answers in order: a later answer waits while an earlier one is being retried.
    @Test func answersGoThroughTheOutboxInOrderAndARetriedAnswerHoldsBackTheNext() async throws {
        try await withTelegram { context, telegram in
            var headers = HTTPHeaders()
            headers.contentType = .json
            headers.add(name: "X-Telegram-Bot-Api-Secret-Token", value: "rahasia-webhook")
            for (index, line) in ["/bantuan", "/lapor"].enumerated() {
                let status = try await context.app.testing().sendRequest(
                    .POST, "/api/v1/webhooks/telegram", headers: headers,
                    body: ByteBuffer(string: text(line, chat: 55, id: 900 + index))
                ).status
                #expect(status == .ok)
            }
            #expect(telegram.received.isEmpty)  // nothing is sent inside the webhook request
            let queued = try await OutboxMessage.query(on: context.db).filter(\.$event == .chatReply).sort(\.$id).all()
            #expect(queued.count == 2 && queued.allSatisfy { $0.channel == .telegram })

            telegram.reply(.serverError)
            #expect(try await context.deliverOutbox() == 0)
            #expect(telegram.received.count == 1)  // the first answer failed; the second waits behind it
            context.clock.advance(seconds: DeliveryRetry.base + 1)
            #expect(try await context.deliverOutbox() == 2)
            let texts = telegram.received.map(\.text)
            #expect(texts.count == 3 && texts[0] == texts[1])
            #expect(texts[2].contains("kategori") || texts[2].contains("Kategori"))
            #expect(telegram.received.allSatisfy { $0.chatID == "55" })
        }
    }

    @Test func aFullLaporChatFromALinkedAccountCreatesTheReportWithCategoryLocationAndPhoto() async throws {
        try await withTelegram { context, telegram in
            let citizen = try await Fixtures.citizen(in: context)
            let code = try await ChatLinkCode.issue(for: citizen.id!, on: context.db, now: context.clock.now)
            var id = 0
            func say(_ update: String) async throws {
                #expect(try await deliver(update, context) == .ok)
            }
            func message(_ body: String) -> String {
                id += 1
                return #"{"update_id":\#(id),"message":{"message_id":\#(id),"chat":{"id":4242},"date":1,\#(body)}}"#
            }
            try await say(message(#""text":"/start \#(code)""#))
            #expect(try await ChatLink.query(on: context.db).filter(\.$chatID == "4242").first()?.userID == citizen.id)
            #expect(telegram.received.last?.text.contains("terhubung") == true)

            try await say(message(#""text":"/lapor""#))
            try await say(message(#""text":"Jalan dan Jembatan""#))
            // the step is stored, not kept in memory
            let stored = try await ChatConversation.query(on: context.db).filter(\.$chatID == "4242").first()
            #expect(stored?.botState.step == .text)
            try await say(message(#""text":"Jalan berlubang besar di depan pasar, motor sering jatuh""#))
            try await say(message(#""location":{"latitude":3.6031,"longitude":98.4821}"#))
            try await say(
                message(
                    #""photo":[{"file_id":"small","file_unique_id":"a","width":90,"height":90},{"file_id":"big","file_unique_id":"b","width":800,"height":600}]"#
                ))
            #expect(telegram.received.last?.text.contains("Kirim sekarang?") == true)
            try await say(message(#""text":"Ya""#))

            let report = try #require(try await Report.query(on: context.db).first())
            #expect(report.reporterID == citizen.id)
            #expect(
                report.categoryID == (try await Category.query(on: context.db).filter(\.$code == "jalan").first())?.id)
            #expect(report.latitude == 3.6031 && report.longitude == 98.4821)
            let desa = try #require(try await Desa.find(report.desaID, on: context.db))
            #expect(desa.code == "99.01.01.1001")  // Pasar Baru, the nearest
            let photos = try await ReportPhoto.query(on: context.db).filter(\.$reportID == report.id!).all()
            #expect(photos.count == 1)
            #expect(telegram.received.last?.text.contains(report.number) == true)
            #expect(try await ChatConversation.query(on: context.db).first()?.botState.step == .idle)

            // and /status answers with the report's state
            try await say(message(#""text":"/status \#(report.number.lowercased())""#))
            #expect(telegram.received.last?.text.contains("Status: Diterima") == true)
        }
    }

    @Test func aGuestReportsByTypingTheDesaAndGivingAPhoneNumber() async throws {
        try await withTelegram { context, telegram in
            for (index, line) in [
                "/lapor", "Sampah dan Kebersihan", "Sampah menumpuk di TPS dekat sekolah sudah seminggu",
                "Pasar Baru", "Lewati", "0812 7777 8888", "ya",
            ].enumerated() {
                #expect(try await deliver(text(line, chat: 9001, id: index + 1), context) == .ok)
            }
            let report = try #require(try await Report.query(on: context.db).first())
            #expect(report.reporterID == nil && report.guestContactCipher != nil)
            #expect(telegram.received.last?.text.contains("?kunci=") == true)  // the guest's private link
        }
    }
}

@Suite struct TelegramSetupTests {
    @Test func setWebhookRegistersTheURLWithTheSecretToken() async throws {
        try await withTelegram { context, telegram in
            let console = RecordingConsole()
            var command = CommandContext(console: console, input: CommandInput(arguments: ["sigap", "telegram"]))
            command.application = context.app
            var input = CommandInput(arguments: ["sigap", "set-webhook"])
            try await TelegramCommand().run(using: command, signature: try .init(from: &input))
            let body = try #require(telegram.webhookCalls.first)
            #expect(body.contains(#"127.0.0.1:8080\/api\/v1\/webhooks\/telegram"#))
            #expect(body.contains(#""secret_token":"rahasia-webhook""#))
        }
    }

    /// Issue 12: an update whose handling fails is passed, not retried forever ahead of every later one.
    @Test func oneBadUpdateDoesNotStallThePoller() async throws {
        try await withTelegram { context, telegram in
            let poller = TelegramPoller(
                telegram: TelegramClient(settings: context.app.sigap.config.telegram!, client: context.app.client))
            let sql = context.db as! any SQLDatabase
            // the bad one: the database refuses it (its table is away for a moment)
            try await sql.raw("ALTER TABLE chat_inbound RENAME TO chat_inbound_away").run()
            telegram.queue(
                update: 20, #"{"update_id":20,"message":{"message_id":1,"chat":{"id":89},"date":1,"text":"/bantuan"}}"#)
            let handled = try await poller.pollOnce(context.app.context(), wait: 0)
            #expect(handled == 1)
            try await context.deliverOutbox()
            try await sql.raw("ALTER TABLE chat_inbound_away RENAME TO chat_inbound").run()
            #expect(telegram.received.isEmpty)
            // the next update is handled, and the bad one is not offered again
            telegram.queue(
                update: 21, #"{"update_id":21,"message":{"message_id":2,"chat":{"id":89},"date":1,"text":"/bantuan"}}"#)
            #expect(try await poller.pollOnce(context.app.context(), wait: 0) == 1)
            try await context.deliverOutbox()
            #expect(telegram.received.count == 1)
        }
    }

    @Test func longPollingHandlesEachUpdateOnce() async throws {
        try await withTelegram { context, telegram in
            telegram.queue(
                update: 10, #"{"update_id":10,"message":{"message_id":1,"chat":{"id":88},"date":1,"text":"/bantuan"}}"#)
            telegram.queue(
                update: 11, #"{"update_id":11,"message":{"message_id":2,"chat":{"id":88},"date":1,"text":"/lapor"}}"#)
            let poller = TelegramPoller(
                telegram: TelegramClient(settings: context.app.sigap.config.telegram!, client: context.app.client))
            let first = try await poller.pollOnce(context.app.context(), wait: 0)
            let second = try await poller.pollOnce(context.app.context(), wait: 0)
            #expect(first == 2 && second == 0)
            try await context.deliverOutbox()
            #expect(telegram.received.count == 2)  // help, then the category question
            let state = try await ChatConversation.query(on: context.db).first()?.botState.step
            #expect(state == .category)
        }
    }
}

/// Issue 12: one chat's messages are handled one at a time, in arrival order; other chats are not held up.
@Suite struct ChatTurnTests {
    actor Trace {
        var running = 0
        var overlapped = false
        var order: [Int] = []
        func enter(_ index: Int) {
            running += 1
            if running > 1 { overlapped = true }
            order.append(index)
        }
        func leave() { running -= 1 }
    }

    @Test func oneKeysBodiesNeverOverlapAndRunInArrivalOrder() async throws {
        let turns = SerialByKey()
        let trace = Trace()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<8 {
                group.addTask {
                    try await turns.run("telegram:55") {
                        await trace.enter(index)
                        try await Task.sleep(nanoseconds: 5_000_000)
                        await trace.leave()
                    }
                }
                try await Task.sleep(nanoseconds: 1_000_000)  // arrive one after another
            }
            try await group.waitForAll()
        }
        #expect(await trace.overlapped == false)
        #expect(await trace.order == Array(0..<8))
    }

    @Test func differentKeysRunSideBySide() async throws {
        let turns = SerialByKey()
        let trace = Trace()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<2 {
                group.addTask {
                    try await turns.run("telegram:\(index)") {
                        await trace.enter(index)
                        try await Task.sleep(nanoseconds: 50_000_000)
                        await trace.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(await trace.overlapped == true)
    }

    @Test func aFailingBodyDoesNotStopTheNext() async throws {
        let turns = SerialByKey()
        struct Boom: Error {}
        await #expect(throws: Boom.self) { try await turns.run("k") { throw Boom() } }
        #expect(try await turns.run("k") { 7 } == 7)
    }
}
