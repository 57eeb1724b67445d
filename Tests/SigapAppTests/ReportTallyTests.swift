import Fluent
import Foundation
import SQLKit
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// The dashboards' statistics kept current per day (`ReportTally`, `report_day_changes`): equal to the period
/// read whole, current right after a change, and recounting only the changed day.
@Suite struct ReportTallyTests {
    /// The period read whole, as the statistics were computed before the tally: the reference it must equal.
    static func readWhole(
        _ period: ServiceStatsQuery.Period, publicOnly: Bool, grouping: KeyPath<StoredRow, UUID>, on db: any Database
    ) async throws -> [ServiceStats.Row] {
        let query = (db as! any SQLDatabase).select()
            .columns(
                "agency_id", "kecamatan_id", "created_at", "clock_started_at", "response_due_at", "responded_at",
                "status", "resolved_at", "late", "rating"
            )
            .from("reports")
            .where("created_at", .greaterThanOrEqual, SQLBind(period.from))
            .where("created_at", .lessThan, SQLBind(period.to))
            .where("merged_into_id", .is, SQLLiteral.null)
        if publicOnly { query.where("privacy", .notEqual, "rahasia") }
        return try await query.all(decoding: StoredRow.self).map {
            ServiceStats.Row(
                group: $0[keyPath: grouping].uuidString, filedAt: $0.created_at,
                clockStartedAt: $0.clock_started_at ?? $0.created_at, responseDue: $0.response_due_at,
                respondedAt: $0.responded_at, open: $0.status.isOpen, resolved: $0.resolved_at != nil, late: $0.late,
                rating: $0.rating)
        }
    }

    struct StoredRow: Decodable {
        let agency_id: UUID
        let kecamatan_id: UUID
        let created_at: Date
        let clock_started_at: Date?
        let response_due_at: Date?
        let responded_at: Date?
        let status: ReportStatus
        let resolved_at: Date?
        let late: Bool
        let rating: Int?
    }

    static func numbers(_ days: Int, publicOnly: Bool, _ context: TestContext) async throws -> PerformanceNumbers {
        let app = context.app
        let reference = try await app.context().reference()
        _ = try await app.sigap.reportTally.refresh(now: context.clock.now, calendar: reference.calendar, on: app.db)
        return try await PerformanceNumbers.compute(
            period: .last(days, now: context.clock.now), publicOnly: publicOnly, reference: reference, on: app.db,
            tally: app.sigap.reportTally
        ) { PerformanceNumbers.PublicServiceFigures(applications: [], satisfaction: []) }
    }

    /// Reports over four weeks in every state the statistics tell apart (filed 0, 2.7, 2.9, 3.0, 12.7, 12.78,
    /// 24.78 and 27.28 days after the start).
    static func seed(_ context: TestContext) async throws -> [String] {
        _ = try await Fixtures.citizen(in: context)
        let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
        var numbers: [String] = []
        let plan: [(String, String, String, Double)] = [
            ("jalan", "99.01.01.1001", "publik", 2.7), ("jalan", "99.01.01.1001", "rahasia", 0.2),
            ("sampah", "99.01.02.2001", "anonim", 0.1), ("jalan", "99.01.02.2001", "publik", 9.7),
            ("air-bersih", "99.01.01.1001", "publik", 0.08), ("jalan", "99.01.01.1001", "publik", 12),
            ("jalan", "99.01.02.2001", "rahasia", 2.5), ("jalan", "99.01.01.1001", "publik", 0),
        ]
        for (index, (category, desa, privacy, daysLater)) in plan.enumerated() {
            let pupr = try await APIClient.signedIn(clerk.email, staff: clerk, context)  // staff tokens end daily
            let citizen = try await APIClient.signedIn("081234567890", context)
            numbers.append(
                try await ReportFixtures.file(
                    citizen, ReportFixtures.draft(category: category, desa: desa, privacy: privacy, lat: nil, lon: nil))
            )
            if numbers.count % 3 == 1, category == "jalan" {  // PUPR answers some at once, resolves one
                #expect(
                    try await pupr.send(.POST, "/api/v1/reports/\(numbers[index])/actions", json: ["action": "verify"])
                        .status == .ok)
                #expect(
                    try await pupr.send(.POST, "/api/v1/reports/\(numbers[index])/actions", json: ["action": "start"])
                        .status == .ok)
            }
            if index == 0 {
                #expect(
                    try await pupr.send(
                        .POST, "/api/v1/reports/\(numbers[0])/actions", json: ["action": "resolve", "text": "Ditambal"]
                    ).status == .ok)
                #expect(
                    try await citizen.send(.POST, "/api/v1/reports/\(numbers[0])/rating", json: ["rating": 4]).status
                        == .ok)
            }
            context.clock.advance(seconds: daysLater * 86_400)
            try await DeadlineSweep.run(context.app.context())
        }
        return numbers
    }

    @Test func theTallyEqualsThePeriodReadWhole() async throws {
        try await withSigap { context in
            let numbers = try await Self.seed(context)
            #expect(numbers.count == 8)
            // 32.78 days after the first report the 30-day period starts at 2.78 days, between the second and the
            // third report, filed the same local day (09:00 WIB + 2.7 and 2.9 days): that day is counted in part
            context.clock.advance(seconds: 5.5 * 86_400)
            // and one filed now, whose response deadline is still ahead
            _ = try await ReportFixtures.file(
                try await APIClient.signedIn("081234567890", context), ReportFixtures.draft(lat: nil, lon: nil))
            context.clock.advance(seconds: 60)  // a period ends before "now": filed a minute ago
            let reference = try await context.app.context().reference()
            let calendar = reference.calendar
            var compared = 0
            for days in [30, 90, 365] {
                for publicOnly in [true, false] {
                    let period = ServiceStatsQuery.Period.last(days, now: context.clock.now)
                    let kept = try await Self.numbers(days, publicOnly: publicOnly, context)
                    let byAgency = try await Self.readWhole(
                        period, publicOnly: publicOnly, grouping: \.agency_id, on: context.db)
                    let byKecamatan = try await Self.readWhole(
                        period, publicOnly: publicOnly, grouping: \.kecamatan_id, on: context.db)
                    #expect(!byAgency.isEmpty)
                    let now = period.to
                    for (id, summary) in kept.agencies {
                        #expect(
                            summary
                                == ServiceStats.summarize(
                                    byAgency, groups: [id.uuidString], now: now, calendar: calendar)[0],
                            "\(days) days, public only \(publicOnly), agency \(id)")
                        compared += 1
                    }
                    for (id, summary) in kept.kecamatan {
                        #expect(
                            summary
                                == ServiceStats.summarize(
                                    byKecamatan, groups: [id.uuidString], now: now, calendar: calendar)[0])
                    }
                    #expect(kept.total == ServiceStats.summarize(byAgency, group: "", now: now, calendar: calendar))
                    #expect(
                        kept.weeks == ServiceStats.weekly(byAgency, weeks: 12, now: now, calendar: calendar),
                        "\(days) days, public only \(publicOnly)")
                    // the 30-day period leaves the oldest reports out, the year has them all
                    #expect(kept.total.received == (days == 30 ? (publicOnly ? 6 : 7) : (publicOnly ? 7 : 9)))
                    // answered reports (the median) and a deadline still ahead are among them
                    #expect(kept.total.medianResponseHours != nil)
                    #expect(kept.total.due < kept.total.received)  // the report filed a minute ago is not due yet
                }
            }
            #expect(compared > 0)

            // Five days on, with no report changed, the last report's deadline has passed: it is due now,
            // although the tally counted its day before the deadline.
            let before = try await Self.numbers(365, publicOnly: false, context)
            context.clock.advance(seconds: 5 * 86_400)
            let period = ServiceStatsQuery.Period.last(365, now: context.clock.now)
            let after = try await Self.numbers(365, publicOnly: false, context)
            let whole = try await Self.readWhole(period, publicOnly: false, grouping: \.agency_id, on: context.db)
            #expect(after.total.due == before.total.due + 1)
            #expect(after.total == ServiceStats.summarize(whole, group: "", now: period.to, calendar: calendar))
        }
    }

    @Test func aChangeShowsAtOnceAndOnlyItsDayIsCountedAgain() async throws {
        try await withSigap { context in
            let numbers = try await Self.seed(context)
            let before = try await Self.numbers(365, publicOnly: false, context)
            #expect(before.total.received == 8)
            let recounted = context.app.sigap.reportTally.recountedDays

            // an old report (filed four weeks ago) is resolved: counted at once, by recounting its day alone
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let pupr = try await APIClient.signedIn(clerk.email, staff: clerk, context)
            #expect(
                try await pupr.send(
                    .POST, "/api/v1/reports/\(numbers[3])/actions", json: ["action": "resolve", "text": "Selesai"]
                )
                .status == .ok)
            let after = try await Self.numbers(365, publicOnly: false, context)
            #expect(after.total.resolved == before.total.resolved + 1)
            #expect(after.total.received == 8)
            let recountedForOne = context.app.sigap.reportTally.recountedDays - recounted
            #expect((1...2).contains(recountedForOne))  // one UTC day overlaps at most two local days

            // a new report is received at once too
            _ = try await ReportFixtures.file(
                try await APIClient.signedIn("081234567890", context), ReportFixtures.draft(lat: nil, lon: nil))
            #expect(try await Self.numbers(365, publicOnly: false, context).total.received == 9)
            #expect(try await Self.numbers(30, publicOnly: true, context).total.received == before.total.received - 1)

            // the page shows it without waiting a minute
            let csv = try await Browser(context.app).get("/transparansi.csv?periode=365")
            #expect(csv.status == .ok)
        }
    }

    @Test func theDatabaseCountsChangesToWatchedColumnsOnly() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let citizen = try await APIClient.signedIn("081234567890", context)
            let number = try await ReportFixtures.file(citizen, ReportFixtures.draft(lat: nil, lon: nil))
            let sql = context.db as! any SQLDatabase
            func changes() async throws -> Int {
                let rows = try await sql.raw("SELECT changes FROM report_day_changes").all()
                #expect(rows.count == 1)
                return try rows.first?.decode(column: "changes", as: Int.self) ?? -1
            }
            let filed = try await changes()
            #expect(filed >= 1)
            try await sql.raw("UPDATE reports SET title = 'Judul lain' WHERE number = \(bind: number)").run()
            #expect(try await changes() == filed)
            try await sql.raw("UPDATE reports SET status = 'diproses' WHERE number = \(bind: number)").run()
            #expect(try await changes() == filed + 1)
            try await sql.raw("UPDATE reports SET rating = 5 WHERE number = \(bind: number)").run()
            #expect(try await changes() == filed + 2)
        }
    }
}
