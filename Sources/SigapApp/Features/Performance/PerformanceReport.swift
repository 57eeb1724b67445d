import Fluent
import Foundation
import SigapCore
import Vapor

/// The language-neutral numbers behind the leadership dashboard and the transparency page for one period and
/// audience. The service statistics come from `ReportTally` (kept current as reports change) and are shared
/// between requests until a report changes; the applications and the satisfaction index for a minute.
struct PerformanceNumbers: Sendable {
    let period: ServiceStatsQuery.Period
    /// In display order (agencies by name, kecamatan by code), with their ids.
    let agencies: [(id: UUID, summary: ServiceStats.Summary)]
    let kecamatan: [(id: UUID, summary: ServiceStats.Summary)]
    let total: ServiceStats.Summary
    let weeks: [ServiceStats.Week]
    let publicServices: PublicServiceFigures

    /// Service applications per service in the period, and this year's satisfaction index per agency: each reads
    /// the period's rows, so they are shared for a minute (per request, fifty visitors at once held 2.7 GB at 1M
    /// reports).
    struct PublicServiceFigures: Sendable {
        let applications: [ApplicationStats.Row]
        let satisfaction: [Surveys.Row]
    }

    static let trendWeeks = 12

    /// `publicOnly` leaves out confidential reports (the transparency page); leadership sees every report.
    static func compute(period: ServiceStatsQuery.Period, publicOnly: Bool, request req: Request) async throws
        -> PerformanceNumbers
    {
        let reference = try await req.reference()
        let (db, services) = (req.db, req.sigap)
        let generation = try await services.reportTally.refresh(now: req.now, calendar: reference.calendar, on: db)
        // Numbers a minute old are refreshed even when no report changed: deadlines pass, the period moves.
        let key = "\(period.days)-\(publicOnly)-\(generation)"
        if let cached = services.statistics.get(key, now: req.now) { return cached }
        return try await services.statisticsInFlight.value(for: key) {
            let numbers = try await compute(
                period: period, publicOnly: publicOnly, reference: reference, on: db, tally: services.reportTally
            ) {
                let key = String(period.days)
                if let kept = services.serviceStatistics.get(key, now: period.to) { return kept }
                let computed = PublicServiceFigures(
                    applications: try await ApplicationStats.rows(
                        from: period.from, to: period.to, now: period.to, on: db, reference: reference),
                    satisfaction: try await Surveys.yearByAgency(now: period.to, on: db, reference: reference))
                services.serviceStatistics.put(key, computed, now: period.to)
                return computed
            }
            services.statistics.put(key, numbers, now: period.to)
            return numbers
        }
    }

    static func compute(
        period: ServiceStatsQuery.Period, publicOnly: Bool, reference: ReferenceCache.Snapshot, on db: any Database,
        tally: ReportTally, publicServices: () async throws -> PublicServiceFigures
    ) async throws -> PerformanceNumbers {
        let calendar = reference.calendar
        let now = period.to
        let counted = try await tally.numbers(in: period, publicOnly: publicOnly, calendar: calendar, on: db)
        let agencyIDs = reference.agencyNames.sorted { $0.value < $1.value }.map(\.key)
        let kecamatanIDs = reference.kecamatanByCode.sorted { $0.key < $1.key }.map(\.value)
        func summaries(_ ids: [UUID], _ tallies: [UUID: ServiceStats.Tally]) -> [(
            id: UUID, summary: ServiceStats.Summary
        )] {
            ids.map { ($0, (tallies[$0] ?? ServiceStats.Tally()).summary(group: $0.uuidString, now: now)) }
        }
        return PerformanceNumbers(
            period: period, agencies: summaries(agencyIDs, counted.agencies),
            kecamatan: summaries(kecamatanIDs, counted.kecamatan), total: counted.total.summary(group: "", now: now),
            weeks: ServiceStats.weekly(days: counted.days, weeks: trendWeeks, now: now, calendar: calendar),
            publicServices: try await publicServices())
    }
}

/// The numbers as the reader's page shows them.
struct PerformanceReport {
    let period: ServiceStatsQuery.Period
    let agencies: [StatsLine]
    let kecamatan: [StatsLine]
    let total: StatsLine
    let chart: WeeklyChart
    let publicServices: PerformanceNumbers.PublicServiceFigures

    static func build(period: ServiceStatsQuery.Period, publicOnly: Bool, request req: Request) async throws
        -> PerformanceReport
    {
        let numbers = try await PerformanceNumbers.compute(period: period, publicOnly: publicOnly, request: req)
        let reference = try await req.reference()
        return PerformanceReport(
            period: numbers.period,
            agencies: numbers.agencies.map {
                StatsLine(
                    code: reference.agencyCodes[$0.id] ?? "", name: reference.agencyNames[$0.id] ?? "", $0.summary)
            },
            kecamatan: numbers.kecamatan.map {
                StatsLine(
                    code: reference.kecamatanCodes[$0.id] ?? "", name: reference.kecamatanNames[$0.id] ?? "", $0.summary
                )
            },
            total: StatsLine(code: "", name: req.t("performance.total"), numbers.total),
            chart: WeeklyChart(numbers.weeks), publicServices: numbers.publicServices)
    }

    /// What the statistics pages' shared pieces (`StatsPieces`: period, tables, chart) read.
    func view(tables: [StatsTable], request req: Request) -> StatsView {
        StatsView(
            periods: ServiceStatsQuery.Period.choices.map {
                Choice(value: String($0), label: req.t("performance.last_days", String($0)))
            },
            period: String(period.days), tables: tables, total: total, chart: chart)
    }
}
