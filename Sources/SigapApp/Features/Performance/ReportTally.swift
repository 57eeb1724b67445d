import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import SigapCore

/// The service statistics of the last year, kept current as reports change instead of re-read per period: the
/// tallies of each local day (`ReportTallyQuery`) stay in memory, and before answering, at most once per
/// `recheck` interval, the database's per-day change counters (`report_day_changes`, kept by a trigger) say
/// which days to count again — usually today alone. A period's numbers add up its days' tallies; the oldest,
/// partial day of a period is counted from the table, so the numbers are exactly those of the reports filed in
/// the period. The first question after start counts the whole year once (the "full recompute").
final class ReportTally: Sendable {
    /// Days kept: a year and a day, the longest period a page offers plus its partial first day.
    static let keptDays = 367

    struct Numbers: Sendable {
        let agencies: [UUID: ServiceStats.Tally]
        let kecamatan: [UUID: ServiceStats.Tally]
        let total: ServiceStats.Tally
        /// By local day, for the weekly chart.
        let days: [Int: ServiceStats.Tally]
    }

    private struct State {
        var days: ReportTallyQuery.Days = [:]
        /// The first local day kept; nil until the first count.
        var firstDay: Int?
        /// The change counter of each UTC day as last read.
        var seen: [Int: Int] = [:]
        var checkedAt: ContinuousClock.Instant?
        /// How long to wait before the next check: `recheck`, or ten times the last recount when that was
        /// longer. During a burst of filings (tens of thousands of reports the same day) recounting the day
        /// every second would take most of a core; this way it takes at most a tenth, and the numbers lag
        /// the burst by a few seconds.
        var pause: Duration = .zero
        /// Local days counted again since the first full count (tests read it).
        var recountedDays = 0
        /// Moves whenever a kept day changes: numbers computed at an older generation are out of date.
        var generation = 0
    }

    private let state = NIOLockedValueBox(State())
    private let refreshing = SingleFlight<Int>()
    let recheck: Duration

    init(recheck: TimeInterval) {
        self.recheck = .milliseconds(Int64(recheck * 1000))
    }

    /// Local days counted again since start, after the first full count.
    var recountedDays: Int { state.withLockedValue { $0.recountedDays } }

    /// The tallies of the reports filed in `period` (confidential ones left out when `publicOnly`), as of the
    /// last `refresh`.
    func numbers(
        in period: ServiceStatsQuery.Period, publicOnly: Bool, calendar: WorkCalendar, on db: any Database
    ) async throws -> Numbers {
        let offset = Self.offset(calendar, at: period.to)
        let firstFull = Self.localDay(period.from, offset: offset) + 1
        // The period's first day is partial: counted from the table, from the period's start to its end.
        let partial = try await ReportTallyQuery.tallies(
            from: period.from, to: Self.start(of: firstFull, offset: offset), offset: offset, asOf: period.to,
            calendar: calendar, on: db)
        let kept = state.withLockedValue { $0.days }
        var agencies: [UUID: ServiceStats.Tally] = [:]
        var kecamatan: [UUID: ServiceStats.Tally] = [:]
        var total = ServiceStats.Tally()
        var days: [Int: ServiceStats.Tally] = [:]
        let today = Self.localDay(period.to, offset: offset)
        for day in (firstFull - 1)...today {
            guard let groups = day < firstFull ? partial[day] : kept[day] else { continue }
            for (key, tally) in groups where !(publicOnly && key.confidential) {
                agencies[key.agency, default: ServiceStats.Tally()].merge(tally)
                kecamatan[key.kecamatan, default: ServiceStats.Tally()].merge(tally)
                total.merge(tally)
                days[day, default: ServiceStats.Tally()].merge(tally)
            }
        }
        return Numbers(agencies: agencies, kecamatan: kecamatan, total: total, days: days)
    }

    /// Brings the kept days up to date — the first time the whole year, afterwards the days whose counter
    /// moved — and returns the generation of the numbers.
    func refresh(now: Date, calendar: WorkCalendar, on db: any Database) async throws -> Int {
        let clock = ContinuousClock()
        let fresh: Int? = state.withLockedValue { state in
            state.checkedAt.map { clock.now - $0 < state.pause } == true ? state.generation : nil
        }
        if let fresh { return fresh }
        let offset = Self.offset(calendar, at: now)
        return try await refreshing.value(for: "") { [self] in
            let started = clock.now
            let firstDay = Self.localDay(now, offset: offset) - Self.keptDays + 1
            let sql = db as! any SQLDatabase
            // Read before counting: a change made while counting moves its counter again, and is counted next time.
            let counters = try await sql.raw(
                "SELECT day, changes FROM report_day_changes WHERE day >= \(bind: firstDay - 1)"
            ).all().map { (try $0.decode(column: "day", as: Int.self), try $0.decode(column: "changes", as: Int.self)) }
            let (known, seen) = state.withLockedValue { ($0.firstDay, $0.seen) }
            var recount = Set<Int>()
            if known == nil {
                let counted = try await ReportTallyQuery.tallies(
                    from: Self.start(of: firstDay, offset: offset), to: .distantFuture, offset: offset, asOf: now,
                    calendar: calendar, on: db)
                state.withLockedValue { $0.days = counted }
            } else {
                for (utcDay, changes) in counters where seen[utcDay] != changes {
                    // A UTC day overlaps two local days (one when the region is on UTC).
                    recount.insert(Self.localDay(Date(timeIntervalSince1970: Double(utcDay) * 86_400), offset: offset))
                    recount.insert(
                        Self.localDay(Date(timeIntervalSince1970: Double(utcDay + 1) * 86_400 - 1), offset: offset))
                }
                for day in recount.sorted() where day >= firstDay {
                    let counted = try await ReportTallyQuery.tallies(
                        from: Self.start(of: day, offset: offset), to: Self.start(of: day + 1, offset: offset),
                        offset: offset, asOf: now, calendar: calendar, on: db)
                    state.withLockedValue { $0.days[day] = counted[day] }
                }
            }
            return state.withLockedValue { state in
                if known == nil || !recount.isEmpty { state.generation += 1 }
                state.firstDay = firstDay
                state.days = state.days.filter { $0.key >= firstDay }
                state.seen = Dictionary(counters, uniquingKeysWith: { $1 })
                state.checkedAt = clock.now
                // (the first, full count is not a burst: it says nothing of the next recount's cost)
                let recounting = known == nil ? .zero : clock.now - started
                state.pause = recheck == .zero ? .zero : max(recheck, recounting * 10)
                state.recountedDays += recount.count
                return state.generation
            }
        }
    }

    /// The region's offset from UTC. Indonesia's zones have one offset all year; a zone with daylight saving
    /// would count the hour around its changes in the neighbouring day.
    static func offset(_ calendar: WorkCalendar, at date: Date) -> Int {
        calendar.timeZone.secondsFromGMT(for: date)
    }

    static func localDay(_ date: Date, offset: Int) -> Int {
        Int(((date.timeIntervalSince1970 + Double(offset)) / 86_400).rounded(.down))
    }

    static func start(of day: Int, offset: Int) -> Date {
        Date(timeIntervalSince1970: Double(day) * 86_400 - Double(offset))
    }
}
