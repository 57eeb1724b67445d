import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

@Suite struct DeliveryTests {
    /// A citizen whose account is linked to Telegram chat 5550001.
    func linkedCitizen(_ context: TestContext) async throws -> (User, APIClient) {
        let citizen = try await Fixtures.citizen(in: context)
        try await ChatLink(userID: citizen.id!, channel: .telegram, chatID: "5550001", at: context.clock.now)
            .create(on: context.db)
        return (citizen, try await APIClient.signedIn("081234567890", context))
    }

    func delivery(_ context: TestContext) -> OutboxDelivery {
        OutboxDelivery(app: context.app, senders: context.app.channelSenders, logger: context.app.logger)
    }

    @Test func aStatusChangeReachesTheRightChatOnce() async throws {
        try await withTelegram { context, telegram in
            let (_, citizen) = try await linkedCitizen(context)
            let number = try await ReportFixtures.file(citizen)
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let staff = try await APIClient.signedIn(clerk.email, staff: clerk, context)
            #expect(
                try await staff.send(.POST, "/api/v1/reports/\(number)/actions", json: ["action": "verify"]).status
                    == .ok)

            // the clerk has no chat: only the reporter's two messages go to Telegram, the in-app rows are marked
            #expect(try await delivery(context).runOnce() == 4)
            #expect(try await delivery(context).runOnce() == 0)
            let sent = telegram.received
            #expect(sent.count == 2)
            #expect(sent.allSatisfy { $0.chatID == "5550001" && $0.token == "bot12345:TEST-token" })
            #expect(sent[0].text.contains("\(number) sudah kami terima"))
            #expect(sent[1].text.contains("status kini Diverifikasi"))
            let rows = try await OutboxMessage.query(on: context.db).filter(\.$channel == .telegram).all()
            #expect(rows.allSatisfy { $0.sentAt != nil && $0.externalID != nil && $0.attempts == 1 })
        }
    }

    @Test func floodControlAndServerErrorsAreRetriedLaterThenDelivered() async throws {
        try await withTelegram { context, telegram in
            let (_, citizen) = try await linkedCitizen(context)
            telegram.reply(.floodWait(45), .serverError)
            _ = try await ReportFixtures.file(citizen)

            #expect(try await delivery(context).runOnce() == 1)  // in-app only; Telegram said 429
            let row = { try await OutboxMessage.query(on: context.db).filter(\.$channel == .telegram).first()! }
            var message = try await row()
            #expect(message.sentAt == nil && message.attempts == 1)
            // retry_after (45 s) wins over the first back-off step (30 s)
            #expect(message.availableAt == context.clock.now.addingTimeInterval(45))

            context.clock.advance(seconds: 44)
            #expect(try await delivery(context).runOnce() == 0)
            #expect(telegram.received.count == 1)
            context.clock.advance(seconds: 1)
            #expect(try await delivery(context).runOnce() == 0)  // 500
            message = try await row()
            #expect(message.attempts == 2)
            #expect(message.availableAt == context.clock.now.addingTimeInterval(60))  // back-off doubled

            context.clock.advance(seconds: 60)
            #expect(try await delivery(context).runOnce() == 1)
            message = try await row()
            #expect(message.sentAt != nil && message.attempts == 3 && message.lastError == nil)
            #expect(telegram.received.count == 3)
            #expect(Set(telegram.received.map(\.text)).count == 1)  // the same message, delivered once
        }
    }

    @Test func aRefusedChatFailsAtOnceAndGivingUpIsBounded() async throws {
        try await withTelegram { context, telegram in
            let (_, citizen) = try await linkedCitizen(context)
            telegram.reply(.chatNotFound)
            _ = try await ReportFixtures.file(citizen)
            try await delivery(context).runOnce()
            let failed = try await OutboxMessage.query(on: context.db).filter(\.$channel == .telegram).first()!
            #expect(failed.failedAt != nil && failed.lastError?.contains("chat not found") == true)
        }
    }

    @Test func twoWorkersRacingDeliverEachMessageExactlyOnce() async throws {
        try await withTelegram { context, telegram in
            let (_, citizen) = try await linkedCitizen(context)
            var numbers: [String] = []
            for index in 0..<30 {
                numbers.append(
                    try await ReportFixtures.file(
                        citizen,
                        ReportFixtures.draft(lat: 3.6031 + Double(index) * 0.001, title: "Jalan rusak \(index)")))
            }
            let first = delivery(context)
            let second = delivery(context)
            async let a = first.runOnce()
            async let b = second.runOnce()
            let total = try await a + b
            #expect(total == 60)  // 30 in-app + 30 Telegram
            let texts = telegram.received.map(\.text)
            #expect(texts.count == 30)
            for number in numbers { #expect(texts.filter { $0.contains(number) }.count == 1, "\(number)") }
        }
    }

    @Test func aWorkerThatStopsMidDeliveryLeavesItsMessagesToTheNextAfterTheLease() async throws {
        try await withTelegram { context, telegram in
            let (_, citizen) = try await linkedCitizen(context)
            _ = try await ReportFixtures.file(citizen)
            _ = try await ReportFixtures.file(citizen, ReportFixtures.draft(title: "Jembatan retak"))
            // a node claims everything, then stops before sending
            let crashed = delivery(context)
            #expect(try await crashed.claim().count == 4)
            // the messages are leased: another node leaves them alone
            #expect(try await delivery(context).runOnce() == 0)
            #expect(telegram.received.isEmpty)
            // after the lease, the restarted node sends each once
            context.clock.advance(seconds: OutboxDelivery.leaseSeconds + 1)
            #expect(try await delivery(context).runOnce() == 4)
            #expect(telegram.received.count == 2)
            #expect(try await delivery(context).runOnce() == 0)
        }
    }

    @Test func everyEventOfTheLifecycleReachesTheReporterOnceAcrossAnOutageAndARestart() async throws {
        try await withTelegram { context, telegram in
            let (_, citizen) = try await linkedCitizen(context)
            let number = try await ReportFixtures.file(citizen)
            let pupr = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let puprAPI = try await APIClient.signedIn(pupr.email, staff: pupr, context)
            context.clock.advance(seconds: 30)
            let dishub = try await Fixtures.staff(.opdStaf, agency: "DISHUB", in: context)
            let dishubAPI = try await APIClient.signedIn(dishub.email, staff: dishub, context)
            func act(_ api: APIClient, _ body: [String: Any]) async throws {
                let status = try await api.send(.POST, "/api/v1/reports/\(number)/actions", json: body).status
                #expect(status == .ok, "\(body)")
            }
            try await act(puprAPI, ["action": "verify"])
            try await act(puprAPI, ["action": "assign", "agency": "DISHUB", "text": "Rambu lalu lintas"])
            try await act(dishubAPI, ["action": "start"])
            try await act(dishubAPI, ["action": "reply", "text": "Petugas menuju lokasi"])
            try await act(dishubAPI, ["action": "note", "text": "internal"])  // no message
            try await act(dishubAPI, ["action": "resolve", "text": "Rambu sudah dipasang"])

            // Telegram is down for the first three attempts
            telegram.reply(.serverError, .serverError, .serverError)
            try await delivery(context).runOnce()
            // a node claims what is due after the back-off, then stops before sending
            context.clock.advance(seconds: 31)
            let stopped = delivery(context)
            #expect(try await stopped.claim().count == 3)
            #expect(try await delivery(context).runOnce() == 0)
            // the lease runs out; another node finishes
            context.clock.advance(seconds: OutboxDelivery.leaseSeconds + 1)
            try await delivery(context).runOnce()
            context.clock.advance(seconds: 3600)
            #expect(try await delivery(context).runOnce() == 0)  // nothing left, nothing sent twice

            let delivered = try await OutboxMessage.query(on: context.db).filter(\.$channel == .telegram)
                .filter(\.$sentAt != nil).all()
            #expect(delivered.count == 6)
            #expect(
                delivered.map(\.event.rawValue).sorted() == [
                    "report.received", "report.reply", "report.status_changed", "report.status_changed",
                    "report.status_changed", "report.status_changed",
                ])
            // the fake saw the 3 failed attempts plus each of the six messages once (a second send would make 10)
            let texts = telegram.received.map(\.text)
            #expect(texts.count == 9)
            #expect(Set(texts).count == 6)
            for fragment in [
                "sudah kami terima", "Diverifikasi", "Didisposisikan", "Diproses", "Petugas menuju lokasi", "Selesai",
            ] {
                #expect(texts.contains { $0.contains(fragment) }, "\(fragment)")
            }
        }
    }
}

@Suite struct DeliverCommandTests {
    @Test func deliverSaysWhichChannelsAreOffAndSendsOnce() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            _ = try await ReportFixtures.file(try await APIClient.signedIn("081234567890", context))
            let console = RecordingConsole()
            var command = CommandContext(console: console, input: CommandInput(arguments: ["sigap", "deliver"]))
            command.application = context.app
            try await DeliverCommand().run(using: command, signature: .init())
            let printed = console.lines.joined(separator: "\n")
            #expect(printed.contains("Telegram: off") && printed.contains("WhatsApp: off"))
            #expect(printed.contains("Sent 1 messages."))
        }
    }
}
