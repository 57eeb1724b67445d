import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

@Suite struct ReportLifecycleTests {
    @Test func fileVerifyAssignReplyResolveRate() async throws {
        try await withSigap { context in
            // given a citizen and the staff of two agencies
            _ = try await Fixtures.citizen(in: context)
            let citizen = try await APIClient.signedIn("081234567890", context)
            let pupr = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let puprAPI = try await APIClient.signedIn(pupr.email, staff: pupr, context)
            context.clock.advance(seconds: 30)
            let dishub = try await Fixtures.staff(.opdStaf, agency: "DISHUB", in: context)
            let dishubAPI = try await APIClient.signedIn(dishub.email, staff: dishub, context)

            // when the citizen files a road complaint
            let number = try await ReportFixtures.file(citizen)
            #expect(number.hasPrefix("SGP-2026-"))
            let filed = try #require(try await Report.query(on: context.db).filter(\.$number == number).first())
            #expect(filed.agencyID == (try await Fixtures.agency("PUPR", on: context.db)).id)

            // then PUPR works it through to resolution
            func act(_ api: APIClient, _ body: [String: Any]) async throws -> TestingHTTPResponse {
                try await api.send(.POST, "/api/v1/reports/\(number)/actions", json: body)
            }
            #expect(try await act(puprAPI, ["action": "verify"]).status == .ok)
            let assigned = try await act(
                puprAPI, ["action": "assign", "agency": "DISHUB", "text": "Rambu, bukan jalan"])
            #expect(try assigned.json()["status"] as? String == "didisposisikan")
            // PUPR no longer handles it; Dishub does
            #expect(try await act(puprAPI, ["action": "start"]).status == .forbidden)
            #expect(try await act(dishubAPI, ["action": "start"]).status == .ok)
            #expect(try await act(dishubAPI, ["action": "reply", "text": "Petugas menuju lokasi"]).status == .ok)
            #expect(try await act(dishubAPI, ["action": "note", "text": "Catatan internal: anggaran"]).status == .ok)
            #expect(try await act(dishubAPI, ["action": "resolve", "text": "Rambu sudah dipasang"]).status == .ok)

            // the citizen sees the public timeline but not the internal note, and rates
            let seen = try await citizen.send(.GET, "/api/v1/reports/\(number)")
            #expect(seen.body.string.contains("Petugas menuju lokasi"))
            #expect(!seen.body.string.contains("Catatan internal"))
            #expect(try seen.json()["status"] as? String == "selesai")
            let rated = try await citizen.send(
                .POST, "/api/v1/reports/\(number)/rating", json: ["rating": 5, "comment": "Cepat!"])
            #expect(rated.status == .ok)
            #expect(try rated.json()["status"] as? String == "ditutup")
            #expect(
                try await citizen.send(.POST, "/api/v1/reports/\(number)/rating", json: ["rating": 4]).status
                    == .conflict)

            // every step wrote a notification for the reporter and an audit entry for staff actions
            let outbox = try await OutboxMessage.about(filed.subject, on: context.db).all()
            #expect(outbox.map(\.event).filter { $0 == .reportStatusChanged }.count == 4)
            #expect(outbox.contains { $0.event == .reportReply })
            #expect(outbox.contains { $0.event == .reportReceived })
            #expect(!outbox.contains { $0.payload.contains("Catatan internal") })
            let audit = try await AuditEvent.query(on: context.db).filter(\.$subjectID == number).all().map(\.action)
            #expect(
                Set(audit) == [
                    "report.verify", "report.assign", "report.start", "report.reply", "report.note", "report.resolve",
                ])
        }
    }

    @Test func rejectionNeedsAReasonAndEndsTheReport() async throws {
        try await withSigap { context in
            let guest = APIClient(app: context.app)
            let number = try await ReportFixtures.file(guest, ReportFixtures.draft(contact: "0813 1111 2222"))
            let clerk = try await Fixtures.staff(.opdAdmin, agency: "PUPR", in: context)
            let api = try await APIClient.signedIn(clerk.email, staff: clerk, context)
            let noReason = try await api.send(.POST, "/api/v1/reports/\(number)/actions", json: ["action": "reject"])
            #expect(noReason.status == .unprocessableEntity)
            #expect(try noReason.content.decode(APIErrorBody.self).error.fields?["text"] != nil)
            let rejected = try await api.send(
                .POST, "/api/v1/reports/\(number)/actions", json: ["action": "reject", "text": "Bukan wewenang daerah"])
            #expect(try rejected.json()["status"] as? String == "ditolak")
            #expect(
                try await api.send(.POST, "/api/v1/reports/\(number)/actions", json: ["action": "start"]).status
                    == .conflict)
            // the guest's contact got the news on WhatsApp, sealed at rest
            let messages = try await OutboxMessage.query(on: context.db).filter(\.$channel == .whatsapp).all()
            #expect(messages.count == 2)
            #expect(messages.allSatisfy { $0.recipientContactCipher?.contains("81311112222") == false })
        }
    }

    @Test func theReporterReopensWithinTenDays() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let citizen = try await APIClient.signedIn("081234567890", context)
            let number = try await ReportFixtures.file(citizen)
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            var api = try await APIClient.signedIn(clerk.email, staff: clerk, context)
            for body in [["action": "verify"], ["action": "start"], ["action": "resolve", "text": "Sudah ditambal"]] {
                #expect(try await api.send(.POST, "/api/v1/reports/\(number)/actions", json: body).status == .ok)
            }
            context.clock.advance(seconds: 3 * 86_400)
            // a staff token lasts no longer than a staff session: days later the clerk signs in again
            api = try await APIClient.signedIn(clerk.email, staff: clerk, context)
            let reopened = try await citizen.send(
                .POST, "/api/v1/reports/\(number)/reopen", json: ["reason": "Lubangnya muncul lagi"])
            #expect(try reopened.json()["status"] as? String == "dibuka_kembali")
            #expect(
                try await api.send(
                    .POST, "/api/v1/reports/\(number)/actions", json: ["action": "resolve", "text": "Diaspal ulang"]
                ).status == .ok)
            context.clock.advance(seconds: 11 * 86_400)
            let late = try await citizen.send(.POST, "/api/v1/reports/\(number)/reopen", json: ["reason": "Rusak lagi"])
            #expect(late.status == .conflict)
        }
    }

    @Test func supportersFollowAndMergedDuplicatesHandOverTheirFollowers() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            _ = try await Fixtures.citizen(phone: "085200001111", in: context)
            _ = try await Fixtures.citizen(phone: "085200002222", in: context)
            let first = try await APIClient.signedIn("081234567890", context)
            let second = try await APIClient.signedIn("085200001111", context)
            let third = try await APIClient.signedIn("085200002222", context)
            let original = try await ReportFixtures.file(first)
            let duplicate = try await ReportFixtures.file(
                second, ReportFixtures.draft(title: "Lubang besar di Jl. Pasar"))

            #expect(try await third.send(.POST, "/api/v1/reports/\(duplicate)/support").status == .ok)
            #expect(try await third.send(.POST, "/api/v1/reports/\(duplicate)/support").status == .conflict)
            #expect(try await second.send(.POST, "/api/v1/reports/\(duplicate)/support").status == .forbidden)
            #expect(
                try await APIClient(app: context.app).send(.POST, "/api/v1/reports/\(duplicate)/support").status
                    == .unauthorized)

            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let api = try await APIClient.signedIn(clerk.email, staff: clerk, context)
            let merged = try await api.send(
                .POST, "/api/v1/reports/\(duplicate)/actions", json: ["action": "merge", "target": original])
            #expect(try merged.json()["mergedInto"] as? String == original)
            #expect(try merged.json()["status"] as? String == "ditutup")

            let target = try #require(try await Report.query(on: context.db).filter(\.$number == original).first())
            #expect(target.supportersCount == 2)  // the duplicate's reporter and its supporter
            #expect(
                try await api.send(
                    .POST, "/api/v1/reports/\(original)/actions", json: ["action": "reply", "text": "Ditangani"]
                ).status == .ok)
            let replies = try await OutboxMessage.about(target.subject, on: context.db).filter(
                \.$event == .reportReply
            ).all()
            #expect(replies.count == 3)  // reporter + two followers, once each
        }
    }

    @Test func manyConcurrentFilingsGetUniqueConsecutiveNumbersEventsAndNotifications() async throws {
        try await withSigap { context in
            let count = 40
            let numbers = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<count {
                    group.addTask {
                        var draft = ReportFixtures.draft(contact: "warga\(index)@contoh.id")
                        draft["title"] = "Laporan serentak nomor \(index)"
                        return try await ReportFixtures.file(APIClient(app: context.app), draft)
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(Set(numbers).count == count)
            #expect(Set(numbers.compactMap { ReportNumber($0)?.sequence }) == Set(1...count))
            let reports = try await Report.query(on: context.db).all()
            #expect(reports.count == count)
            for report in reports {
                #expect(report.number.hasPrefix("SGP-2026-"))
                #expect(try await HistoryEvent.of(report.subject, on: context.db).count() == 1)
                let messages = try await OutboxMessage.about(report.subject, on: context.db).all()
                #expect(messages.count == 1)
                #expect(messages.first?.channel == .email)
                #expect(messages.first?.payload.contains(report.number) == true)
            }
            // and each is readable through the API with its title
            let one = try await APIClient(app: context.app).send(.GET, "/api/v1/reports/\(numbers[7])")
            #expect(one.status == .ok)
            #expect(try one.json()["title"] as? String == reports.first { $0.number == numbers[7] }?.title)
        }
    }

    @Test func reportNumbersCountUpPerYear() async throws {
        try await withSigap { context in
            let guest = APIClient(app: context.app)
            let a = try await ReportFixtures.file(guest, ReportFixtures.draft(contact: "warga@contoh.id"))
            let b = try await ReportFixtures.file(guest, ReportFixtures.draft(contact: "warga@contoh.id"))
            #expect(ReportNumber(a)!.sequence + 1 == ReportNumber(b)!.sequence)
            context.clock.advance(seconds: 40 * 86_400)  // into 2027
            let c = try await ReportFixtures.file(guest, ReportFixtures.draft(contact: "warga@contoh.id"))
            #expect(c == "SGP-2027-000001")
        }
    }
}
