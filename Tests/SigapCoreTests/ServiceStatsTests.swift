import Foundation
import Testing

@testable import SigapCore

@Suite struct ServiceStatsTests {
    let calendar = WorkCalendar(
        timeZone: TimeZone(identifier: "Asia/Jakarta")!, holidays: [CivilDay("2026-06-01")!], coveredYears: [2026])
    let now = jakarta("2026-06-12 12:00")

    func row(
        _ group: String, filed: String, due: String, responded: String?, open: Bool = true, resolved: Bool = false,
        late: Bool = false, rating: Int? = nil
    ) -> ServiceStats.Row {
        ServiceStats.Row(
            group: group, filedAt: jakarta(filed), clockStartedAt: jakarta(filed), responseDue: jakarta(due),
            respondedAt: responded.map(jakarta), open: open, resolved: resolved, late: late, rating: rating)
    }

    /// Four PUPR reports, hand-computed:
    /// - A: filed Wed 3 Jun 10:00, answered 11:30 the same day → 1.5 working hours, on time.
    /// - B: filed Fri 29 May 15:00, answered Tue 2 Jun 09:00 → 1 h Friday + 1 h Tuesday = 2 h, on time.
    /// - C: filed Mon 8 Jun 08:00, due Wed 10 Jun 16:00, answered Fri 12 Jun 10:00 → Mon 8 + Tue 8 + Wed 8 +
    ///      Thu 8 + Fri 2 = 34 h, late. Resolved, rated 2.
    /// - D: filed Fri 5 Jun 09:00, due Wed 10 Jun 09:00, never answered → due, late, open, flagged late.
    /// Median of 1.5, 2, 34 = 2. Due: A, B, C, D = 4; on time: A, B = 2 → 50 %. Resolved 1 of 4 = 25 %.
    var fixture: [ServiceStats.Row] {
        [
            row("PUPR", filed: "2026-06-03 10:00", due: "2026-06-08 10:00", responded: "2026-06-03 11:30", rating: 5),
            row("PUPR", filed: "2026-05-29 15:00", due: "2026-06-04 15:00", responded: "2026-06-02 09:00"),
            row(
                "PUPR", filed: "2026-06-08 08:00", due: "2026-06-10 16:00", responded: "2026-06-12 10:00", open: false,
                resolved: true, rating: 2),
            row("PUPR", filed: "2026-06-05 09:00", due: "2026-06-10 09:00", responded: nil, late: true),
            // Not yet due and not answered: counts as received and open only.
            row("DLH", filed: "2026-06-12 08:00", due: "2026-06-17 08:00", responded: nil),
        ]
    }

    @Test func theLeagueTableMatchesHandComputedValues() {
        let table = ServiceStats.summarize(fixture, groups: ["PUPR", "DLH", "DINKES"], now: now, calendar: calendar)
        let pupr = table[0]
        #expect(pupr.received == 4)
        #expect(pupr.open == 3)
        #expect(pupr.lateNow == 1)
        #expect(pupr.due == 4)
        #expect(pupr.respondedOnTime == 2)
        #expect(pupr.compliancePercent == 50)
        #expect(pupr.medianResponseHours == 2)
        #expect(pupr.resolutionPercent == 25)
        #expect(pupr.averageRating == 3.5)

        let dlh = table[1]
        #expect(dlh.received == 1 && dlh.due == 0 && dlh.compliancePercent == nil && dlh.medianResponseHours == nil)
        // An agency with no reports still has its line.
        #expect(table[2].group == "DINKES" && table[2].received == 0 && table[2].resolutionPercent == nil)
    }

    @Test func theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        #expect(ServiceStats.median([4, 1, 3, 2]) == 2.5)
        #expect(ServiceStats.median([]) == nil)
    }

    @Test func weeksRunMondayToSundayAndCountLateAnswers() {
        let weeks = ServiceStats.weekly(fixture, weeks: 3, now: now, calendar: calendar)
        #expect(weeks.map(\.starts.description) == ["2026-05-25", "2026-06-01", "2026-06-08"])
        #expect(weeks.map(\.received) == [1, 2, 2])
        // C answered late (week of 8 June), D unanswered past due (week of 1 June).
        #expect(weeks.map(\.late) == [0, 1, 1])
    }
}
