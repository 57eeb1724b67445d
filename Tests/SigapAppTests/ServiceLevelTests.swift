import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Instants written as Jakarta local time.
func jakarta(_ text: String) -> Date {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "Asia/Jakarta")
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    return formatter.date(from: text)!
}

@Suite struct ServiceLevelTests {
    func report(_ number: String, _ context: TestContext) async throws -> Report {
        try #require(try await Report.query(on: context.db).filter(\.$number == number).first())
    }

    @Test func aReportFiledFridayAtFourBeforeAHolidayMondayIsDueThursdayAtFour() async throws {
        // Monday 1 June 2026 is Hari Lahir Pancasila in the shipped holiday file.
        try await withSigap(startingAt: jakarta("2026-05-29 16:00")) { context in
            _ = try await Fixtures.citizen(in: context)
            let citizen = try await APIClient.signedIn("081234567890", context)
            let number = try await ReportFixtures.file(citizen)
            let filed = try await report(number, context)
            #expect(filed.responseDueAt == jakarta("2026-06-04 16:00"))
            // Roads promise resolution in 20 working days: 2–5 June (4), 8–12 (5), 15 and 17–19 (4; Tuesday
            // 16 June is Tahun Baru Islam), 22–26 (5), 29–30 (2) → Tuesday 30 June at 16:00.
            #expect(filed.resolutionDueAt == jakarta("2026-06-30 16:00"))

            // the reporter reads the deadline and the working time left on the report page and in the API
            let page = try await Browser(context.app).get("/laporan/\(number)")
            #expect(page.body.string.contains("4 Jun 2026 16:00"))
            #expect(page.body.string.contains("sisa 3 hari kerja"))
            let api = try await citizen.send(.GET, "/api/v1/reports/\(number)")
            let deadlines = try #require(try api.json()["deadlines"] as? [String: Any])
            #expect(deadlines["late"] as? Bool == false)
        }
    }

    @Test func escalationFiresExactlyOncePerLevelEvenWhenTwoSweepsRace() async throws {
        // Monday 23 November 2026, 09:00: a road report, due Thursday 26 November at 09:00.
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let citizen = try await APIClient.signedIn("081234567890", context)
            let head = try await Fixtures.staff(.opdAdmin, agency: "PUPR", in: context)
            _ = try await Fixtures.staff(.opdAdmin, agency: "DLH", in: context)
            let number = try await ReportFixtures.file(citizen)
            let app = context.app
            func sweep() async throws -> Int { try await DeadlineSweep.run(app.context()).breaches }

            // Wednesday afternoon: nothing is due yet
            context.clock.advance(seconds: 2 * 86_400 + 6 * 3600)
            #expect(try await sweep() == 0)

            // Thursday 09:00: level 1, once, even with two sweeps at the same moment (two nodes)
            context.clock.advance(seconds: 18 * 3600)
            async let first = sweep()
            async let second = sweep()
            #expect(try await first + second == 1)
            #expect(try await sweep() == 0)
            var late = try await report(number, context)
            #expect(late.late && late.escalationLevel == 1)

            // Monday 30 November 09:00, two working days later and still untouched: level 2, once
            context.clock.advance(seconds: 86_400)
            #expect(try await sweep() == 0)
            context.clock.advance(seconds: 3 * 86_400)
            #expect(try await sweep() == 1)
            #expect(try await sweep() == 0)

            let escalations = try await Escalation.query(on: context.db).sort(\.$level).all()
            #expect(escalations.map(\.level) == [1, 2])
            #expect(escalations.allSatisfy { $0.kind == .response && $0.reportID == late.id })
            let events = try await HistoryEvent.of(late.subject, on: context.db).filter(\.$kind == .responseLate).all()
            #expect(events.count == 2)
            // the agency head of PUPR hears of each level; nobody at DLH does
            let messages = try await OutboxMessage.query(on: context.db).filter(\.$event == .reportDeadlineMissed)
                .all()
            #expect(messages.count == 2)
            #expect(messages.allSatisfy { $0.recipientUserID == head.user.id })

            // the reporter sees the lateness on the public page
            let page = try await Browser(context.app).get("/laporan/\(number)")
            #expect(page.body.string.contains("diteruskan ke pimpinan (tingkat 2)"))
            #expect(page.body.string.contains("terlambat 2 hari kerja"))

            // an answer ends the response escalation: a week later nothing more fires for it
            let staffAPI = try await APIClient.signedIn(head.email, staff: head, context)
            let reply = try await staffAPI.send(
                .POST, "/api/v1/reports/\(number)/actions", json: ["action": "reply", "text": "Tim kami ke lokasi."])
            #expect(reply.status == .ok)
            late = try await report(number, context)
            #expect(!late.late && late.respondedAt != nil)
            context.clock.advance(seconds: 7 * 86_400)
            #expect(try await sweep() == 0)

            // the resolution deadline (20 working days, Monday 21 December 09:00) escalates once
            context.clock.advance(seconds: 14 * 86_400)
            #expect(try await sweep() == 1)
            #expect(try await sweep() == 0)
            late = try await report(number, context)
            #expect(late.resolutionLate && late.late && late.slaCheckAt == nil)
            #expect(try await Escalation.query(on: context.db).filter(\.$kind == .resolution).count() == 1)
        }
    }

    @Test func anAnswerBeforeTheDeadlineMeansNoEscalationAndReassignmentRestartsTheClock() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let citizen = try await APIClient.signedIn("081234567890", context)
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let number = try await ReportFixtures.file(citizen)

            // Tuesday: verified, which meets the response deadline (a staff token lasts no longer than a staff
            // session, so the clerk signs in each day)
            context.clock.advance(seconds: 86_400)
            var api = try await APIClient.signedIn(clerk.email, staff: clerk, context)
            #expect(
                try await api.send(.POST, "/api/v1/reports/\(number)/actions", json: ["action": "verify"]).status == .ok
            )
            var answered = try await report(number, context)
            #expect(answered.respondedAt == context.clock.now)

            // Wednesday 09:00: passed on to Dishub, whose own 3 working days start now
            context.clock.advance(seconds: 86_400)
            api = try await APIClient.signedIn(clerk.email, staff: clerk, context)
            let moved = try await api.send(
                .POST, "/api/v1/reports/\(number)/actions",
                json: ["action": "assign", "agency": "DISHUB", "text": "Soal rambu"])
            #expect(moved.status == .ok)
            answered = try await report(number, context)
            #expect(answered.respondedAt == nil)
            #expect(answered.responseDueAt == jakarta("2026-11-30 09:00"))

            // Friday: PUPR's old deadline has passed, Dishub's has not
            context.clock.advance(seconds: 2 * 86_400)
            #expect(try await DeadlineSweep.run(context.app.context()).breaches == 0)
        }
    }

    @Test func theSweepCommandRunsOnce() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let citizen = try await APIClient.signedIn("081234567890", context)
            _ = try await ReportFixtures.file(citizen)
            context.clock.advance(seconds: 3 * 86_400)
            let console = RecordingConsole()
            var command = CommandContext(console: console, input: CommandInput(arguments: ["sigap", "sweep"]))
            command.application = context.app
            var input = CommandInput(arguments: ["sigap"])
            let signature = try SweepCommand.Signature(from: &input)
            try await SweepCommand().run(using: command, signature: signature)
            #expect(console.lines.joined().contains("Checked 1 reports, 0 applications; 1 new breaches recorded;"))
            try await SweepCommand().run(using: command, signature: signature)
            #expect(console.lines.last?.contains("0 new breaches") == true)
        }
    }

    @Test func aYearWithoutHolidayDataIsReportedLoudlyAtStart() async throws {
        // November 2027: 2027 is estimated, 2028 is missing from the shipped file.
        try await withSigap(startingAt: jakarta("2027-11-01 09:00")) { context in
            let console = RecordingConsole()
            try await CalendarCheck.announce(context.app, console: console)
            #expect(console.lines.joined().contains("NO HOLIDAY DATA FOR 2028"))
            #expect(
                try await CalendarCheck.warnings(context.app) == [
                    .init(kind: .provisional, year: 2027), .init(kind: .missing, year: 2028),
                ])
        }
        // November 2026: both years have data; 2027 is flagged as estimated, nothing is missing
        try await withSigap { context in
            let console = RecordingConsole()
            try await CalendarCheck.announce(context.app, console: console)
            #expect(console.lines.isEmpty)
            #expect(try await CalendarCheck.warnings(context.app) == [.init(kind: .provisional, year: 2027)])
        }
    }
}

@Suite struct CalendarAdminTests {
    @Test func anAdminsLocalDayOffMovesDeadlinesAndIsAudited() async throws {
        try await withSigap { context in
            let admin = try await Fixtures.staff(.admin, in: context)
            let browser = Browser(context.app)
            try await browser.logIn(admin, context)
            let page = try await browser.get("/dasbor/admin/kalender")
            #expect(page.body.string.contains("Proklamasi Kemerdekaan"))
            #expect(page.body.string.contains("perkiraan"))

            // a bad date is refused with a message, and what was typed comes back
            let bad = try await browser.submit(
                "/dasbor/admin/kalender", ["date": "2026-11-31", "name": "Hari jadi kabupaten", "kind": "libur"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Hari jadi kabupaten"))

            // Wednesday 25 November becomes a local day off
            let added = try await browser.submit(
                "/dasbor/admin/kalender", ["date": "2026-11-25", "name": "Hari jadi kabupaten", "kind": "libur"])
            #expect(added.status == .seeOther)
            #expect(try await AuditEvent.query(on: context.db).filter(\.$action == "calendar.day_added").count() == 1)

            // so a report filed Monday 09:00 is due Friday 09:00 instead of Thursday
            _ = try await Fixtures.citizen(in: context)
            let number = try await ReportFixtures.file(try await APIClient.signedIn("081234567890", context))
            let filed = try #require(try await Report.query(on: context.db).filter(\.$number == number).first())
            #expect(filed.responseDueAt == jakarta("2026-11-27 09:00"))

            // and removing it restores the normal count for the next report
            let day = try #require(try await CalendarDay.query(on: context.db).first())
            let removed = try await browser.submit(
                "/dasbor/admin/kalender", to: "/dasbor/admin/kalender/\(day.id!)/hapus", [:])
            #expect(removed.status == .seeOther)
            let next = try await ReportFixtures.file(
                try await APIClient.signedIn("081234567890", context), ReportFixtures.draft(title: "Jalan retak"))
            let second = try #require(try await Report.query(on: context.db).filter(\.$number == next).first())
            #expect(second.responseDueAt == jakarta("2026-11-26 09:00"))
        }
    }
}
