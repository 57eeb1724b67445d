import Fluent
import Foundation
import NIOConcurrencyHelpers
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 12: filing is limited per address, account, guest contact and chat, on every channel, with a 429 and
/// the time to wait (one address once filed 400 reports in 2 seconds, each a paid WhatsApp message).
@Suite struct FilingLimitsTests {
    func file(_ client: APIClient, contact: String? = nil) async throws -> TestingHTTPResponse {
        try await client.send(.POST, "/api/v1/reports", json: ReportFixtures.draft(contact: contact))
    }

    @Test func oneAddressFilesAtMostItsLimitAnHour() async throws {
        try await withSigap(adjust: { $0.filingLimits = FilingLimits(perAddressPerHour: 3, perContactPerDay: 0) }) {
            context in
            let flooder = APIClient(app: context.app, address: "198.51.100.20")
            for index in 0..<3 {
                #expect(try await file(flooder, contact: "warga\(index)@contoh.id").status == .created)
            }
            let refused = try await file(flooder, contact: "warga9@contoh.id")
            #expect(refused.status == .tooManyRequests)
            let wait = try #require(refused.headers.first(name: "Retry-After").flatMap(Int.init))
            #expect((3000...3600).contains(wait))
            #expect(try await Report.query(on: context.db).count() == 3)
            // others are not held back, and the address may file again after the hour
            #expect(
                try await file(APIClient(app: context.app, address: "198.51.100.21"), contact: "a@contoh.id").status
                    == .created)
            context.clock.advance(seconds: 3601)
            #expect(try await file(flooder, contact: "b@contoh.id").status == .created)
        }
    }

    @Test func aGuestContactReceivesAtMostItsLimitOfReportsADayWhateverTheAddress() async throws {
        try await withSigap(adjust: { $0.filingLimits = FilingLimits(perAddressPerHour: 0, perContactPerDay: 2) }) {
            context in
            for index in 0..<2 {
                let client = APIClient(app: context.app, address: "203.0.113.\(index)")
                #expect(try await file(client, contact: "081298760000").status == .created)
            }
            let third = try await file(APIClient(app: context.app, address: "203.0.113.9"), contact: "0812-9876-0000")
            #expect(third.status == .tooManyRequests)
            // WhatsApp messages queued for that number: two, not three
            let messages = try await OutboxMessage.query(on: context.db).filter(\.$channel == .whatsapp).count()
            #expect(messages == 2)
        }
    }

    @Test func anAccountFilesAtMostItsLimitAnHourOnTheWebFormToo() async throws {
        try await withSigap(adjust: { $0.filingLimits = FilingLimits(perAddressPerHour: 0, perAccountPerHour: 2) }) {
            context in
            _ = try await Fixtures.citizen(in: context)
            let api = try await APIClient.signedIn("081234567890", context)
            #expect(try await file(api).status == .created)
            let browser = Browser(context.app, address: "192.0.2.77")
            try await browser.logIn("081234567890")
            #expect(try await browser.get("/lapor").status == .ok)
            let form = [
                "kind": "pengaduan", "category": "jalan", "title": "Jalan berlubang di depan pasar",
                "description": "Lubangnya dalam dan sudah dua motor jatuh minggu ini.", "desa": "99.01.01.1001",
                "privacy": "publik", "confirm": "on",
            ]
            #expect(try await browser.postMultipart("/lapor", form).status == .seeOther)
            #expect(try await browser.postMultipart("/lapor", form).status == .tooManyRequests)
            #expect(try await file(api).status == .tooManyRequests)
            #expect(try await Report.query(on: context.db).count() == 2)
        }
    }

    /// A chat that keeps filing is answered in its own words, not with a report.
    @Test func aChatFilesAtMostItsLimitAnHour() async throws {
        try await withSigap(adjust: {
            $0.filingLimits = FilingLimits(perAddressPerHour: 0, perContactPerDay: 0, perChatPerHour: 1)
        }) {
            context in
            struct Quiet: ChatChannel {
                var channel: OutboxMessage.Channel { .telegram }
                func send(_ text: String, choices: [String], to chatID: String) async {}
                func downloadPhoto(_ id: String) async -> Data? { nil }
            }
            var draft = ChatBot.Draft()
            draft.categoryCode = "jalan"
            draft.text = "Jalan berlubang besar di depan pasar, sudah dua motor jatuh."
            draft.desaCode = "99.01.01.1001"
            draft.phone = "081298761111"
            let first = try await ChatService.file(
                draft, chat: Quiet(), chatID: "555", language: .id, context.app.context())
            #expect(first.contains("SGP-"))
            let second = try await ChatService.file(
                draft, chat: Quiet(), chatID: "555", language: .id, context.app.context())
            #expect(second.contains("terlalu banyak laporan"))
            #expect(try await Report.query(on: context.db).count() == 1)
        }
    }

    @Test func commandsAndTheDemoAreNotLimited() async throws {
        try await withSigap(adjust: { $0.filingLimits = FilingLimits(perAddressPerHour: 1, perAccountPerHour: 1) }) {
            context in
            let reporter = try await Fixtures.citizen(in: context)
            let admin = try await Fixtures.staff(.admin, in: context)
            #expect(try await DemoReports.create(context.app, reporter: reporter, staff: admin.user) > 2)
        }
    }
}
