import Foundation
import Testing

@testable import SigapCore

/// Instants written as Jakarta local time, so the expectations read like a calendar.
func jakarta(_ text: String) -> Date {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "Asia/Jakarta")
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    return formatter.date(from: text)!
}

@Suite struct WorkCalendarTests {
    /// Monday 1 June 2026 is Hari Lahir Pancasila.
    let calendar = WorkCalendar(
        timeZone: TimeZone(identifier: "Asia/Jakarta")!, holidays: [CivilDay("2026-06-01")!],
        coveredYears: [2026])

    @Test func civilDaysCountFromTheEpochBothWays() {
        for text in ["1970-01-01", "2024-02-29", "2026-06-01", "2027-12-31", "2000-03-01"] {
            let day = CivilDay(text)!
            #expect(CivilDay(daysSinceEpoch: day.daysSinceEpoch) == day)
        }
        #expect(CivilDay("2026-06-01")!.isoWeekday == 1)
        #expect(CivilDay("2026-05-31")!.isoWeekday == 7)
        #expect(CivilDay("2026-02-30") == nil)
        #expect(CivilDay("2026-6-1") == nil)
        #expect(CivilDay("2026-12-31")!.next == CivilDay("2027-01-01"))
    }

    @Test func filedFridayAtFourBeforeAHolidayMondayIsDueThursdayAtFour() {
        let due = calendar.adding(workingDays: 3, to: jakarta("2026-05-29 16:00"))
        #expect(due == jakarta("2026-06-04 16:00"))
    }

    @Test func filedAfterHoursOrOnAWeekendStartsAtTheNextOpening() {
        // Tuesday 20:00 → counting starts Wednesday 08:00.
        #expect(calendar.adding(workingDays: 1, to: jakarta("2026-06-02 20:00")) == jakarta("2026-06-03 16:00"))
        // Before opening on a working day: that day's opening.
        #expect(calendar.adding(workingDays: 1, to: jakarta("2026-06-03 06:30")) == jakarta("2026-06-03 16:00"))
        // Saturday → Monday 8 June.
        #expect(calendar.adding(workingDays: 3, to: jakarta("2026-06-06 10:00")) == jakarta("2026-06-10 16:00"))
        // Sunday before the holiday Monday → Tuesday opening.
        #expect(calendar.adding(workingSeconds: 3600, to: jakarta("2026-05-31 12:00")) == jakarta("2026-06-02 09:00"))
    }

    @Test func filedDuringOfficeHoursCountsTheRestOfTheDay() {
        // Wednesday 10:30 + 3 working days → Monday 10:30 (6 h Wed, 8 h Thu, 8 h Fri, 2.5 h Mon).
        #expect(calendar.adding(workingDays: 3, to: jakarta("2026-06-03 10:30")) == jakarta("2026-06-08 10:30"))
    }

    @Test func workingTimeSkipsNightsWeekendsAndHolidays() {
        let hour: TimeInterval = 3600
        #expect(
            calendar.workingSeconds(from: jakarta("2026-06-03 10:00"), to: jakarta("2026-06-03 12:30")) == 2.5 * hour)
        // Friday 15:00 to Tuesday 09:00 across the weekend and the holiday: 1 h + 1 h.
        #expect(calendar.workingSeconds(from: jakarta("2026-05-29 15:00"), to: jakarta("2026-06-02 09:00")) == 2 * hour)
        #expect(calendar.workingSeconds(from: jakarta("2026-06-02 09:00"), to: jakarta("2026-05-29 15:00")) == 0)
        // Consistent with adding: the working time to a deadline is exactly what was added.
        let start = jakarta("2026-05-29 16:00")
        #expect(calendar.workingSeconds(from: start, to: calendar.adding(workingDays: 3, to: start)) == 24 * hour)
    }

    @Test func localDecisionsOverrideTheNationalList() throws {
        let national = try HolidayList.parse(
            Data(
                #"{"years":[{"year":2026,"status":"resmi","days":[{"date":"2026-06-01","name":"Pancasila","kind":"libur_nasional"}]}]}"#
                    .utf8))
        let local = WorkCalendar(
            timeZone: TimeZone(identifier: "Asia/Jakarta")!, national: national,
            local: [
                LocalCalendarDay(day: CivilDay("2026-06-01")!, kind: .masuk),
                LocalCalendarDay(day: CivilDay("2026-06-02")!, kind: .libur),
                LocalCalendarDay(day: CivilDay("2026-06-06")!, kind: .masuk),
            ])
        #expect(local.isWorkingDay(CivilDay("2026-06-01")!))
        #expect(!local.isWorkingDay(CivilDay("2026-06-02")!))
        #expect(local.isWorkingDay(CivilDay("2026-06-06")!))  // a replacement Saturday
        #expect(!local.isWorkingDay(CivilDay("2026-06-07")!))
        #expect(local.uncoveredYears(2025...2027) == [2025, 2027])
    }

    @Test func aHolidayFileWithAnImpossibleDateIsRefused() {
        let broken =
            #"{"years":[{"year":2026,"status":"resmi","days":[{"date":"2026-02-30","name":"x","kind":"libur_nasional"}]}]}"#
        #expect(throws: HolidayList.Invalid.self) { try HolidayList.parse(Data(broken.utf8)) }
        let wrongYear =
            #"{"years":[{"year":2026,"status":"resmi","days":[{"date":"2027-01-01","name":"x","kind":"libur_nasional"}]}]}"#
        #expect(throws: HolidayList.Invalid.self) { try HolidayList.parse(Data(wrongYear.utf8)) }
    }
}

@Suite struct ServiceLevelTests {
    let calendar = WorkCalendar(
        timeZone: TimeZone(identifier: "Asia/Jakarta")!, holidays: [CivilDay("2026-06-01")!], coveredYears: [2026])

    func state(level: Int = 0, responded: Bool = false, open: Bool = true, resolutionLate: Bool = false)
        -> ServiceLevel.State
    {
        ServiceLevel.State(
            responseDue: jakarta("2026-06-04 16:00"), resolutionDue: jakarta("2026-06-19 16:00"), responded: responded,
            open: open, level: level, resolutionLate: resolutionLate)
    }

    @Test func nothingIsDueBeforeTheDeadline() {
        let result = ServiceLevel.evaluate(state(), now: jakarta("2026-06-04 15:59"), calendar: calendar)
        #expect(result.breaches.isEmpty)
        #expect(result.nextCheck == jakarta("2026-06-04 16:00"))
    }

    @Test func eachLevelFiresOnceAtItsOwnTime() {
        let first = ServiceLevel.evaluate(state(), now: jakarta("2026-06-04 16:00"), calendar: calendar)
        #expect(first.breaches == [.response(level: 1, due: jakarta("2026-06-04 16:00"))])
        // Two working days later: Monday 8 June 16:00.
        #expect(first.nextCheck == jakarta("2026-06-08 16:00"))
        let again = ServiceLevel.evaluate(state(level: 1), now: jakarta("2026-06-05 09:00"), calendar: calendar)
        #expect(again.breaches.isEmpty)
        let second = ServiceLevel.evaluate(state(level: 1), now: jakarta("2026-06-08 16:00"), calendar: calendar)
        #expect(second.breaches == [.response(level: 2, due: jakarta("2026-06-08 16:00"))])
        let last = ServiceLevel.evaluate(state(level: 3), now: jakarta("2026-06-18 09:00"), calendar: calendar)
        #expect(last.breaches.isEmpty)
        #expect(last.nextCheck == jakarta("2026-06-19 16:00"))
    }

    @Test func aSweepThatMissedDaysCatchesUpEveryLevelOnce() {
        let result = ServiceLevel.evaluate(state(), now: jakarta("2026-06-20 09:00"), calendar: calendar)
        #expect(
            result.breaches == [
                .response(level: 1, due: jakarta("2026-06-04 16:00")),
                .response(level: 2, due: jakarta("2026-06-08 16:00")),
                .response(level: 3, due: jakarta("2026-06-10 16:00")),
                .resolution(due: jakarta("2026-06-19 16:00")),
            ])
        #expect(result.nextCheck == nil)
    }

    @Test func anAnsweredOrClosedReportOnlyWaitsForItsResolutionDeadline() {
        let answered = ServiceLevel.evaluate(
            state(responded: true), now: jakarta("2026-06-10 09:00"), calendar: calendar)
        #expect(answered.breaches.isEmpty)
        #expect(answered.nextCheck == jakarta("2026-06-19 16:00"))
        let closed = ServiceLevel.evaluate(state(open: false), now: jakarta("2026-06-30 09:00"), calendar: calendar)
        #expect(closed.breaches.isEmpty && closed.nextCheck == nil)
    }
}
