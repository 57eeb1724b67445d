import Fluent
import Foundation
import SigapCore
import Vapor

/// The language-neutral numbers behind the leadership dashboard and the transparency page for one period and
/// audience; shared between requests for a minute (`SigapServices.statistics`).
struct PerformanceNumbers: Sendable {
    let period: ServiceStatsQuery.Period
    /// In display order (agencies by name, kecamatan by code), with their ids.
    let agencies: [(id: UUID, summary: ServiceStats.Summary)]
    let kecamatan: [(id: UUID, summary: ServiceStats.Summary)]
    let total: ServiceStats.Summary
    let weeks: [ServiceStats.Week]
    /// Service applications per service in the period, and this year's satisfaction index per agency: shared
    /// like the rest (each read the period's rows; per request, fifty visitors at once held 2.7 GB at 1M reports).
    let applications: [ApplicationStats.Row]
    let satisfaction: [Surveys.Row]

    static let trendWeeks = 12

    /// `publicOnly` leaves out confidential reports (the transparency page); leadership sees every report.
    static func compute(period: ServiceStatsQuery.Period, publicOnly: Bool, request req: Request) async throws
        -> PerformanceNumbers
    {
        let key = "\(period.days)-\(publicOnly)"
        if let cached = req.sigap.statistics.get(key, now: req.now) { return cached }
        let reference = try await req.reference()
        let (db, services) = (req.db, req.sigap)
        return try await services.statisticsInFlight.value(for: key) {
            let numbers = try await compute(period: period, publicOnly: publicOnly, reference: reference, on: db)
            services.statistics.put(key, numbers, now: period.to)
            return numbers
        }
    }

    static func compute(
        period: ServiceStatsQuery.Period, publicOnly: Bool, reference: ReferenceCache.Snapshot, on db: any Database
    ) async throws -> PerformanceNumbers {
        let calendar = reference.calendar
        let now = period.to
        let stored = try await ServiceStatsQuery.rows(in: period, publicOnly: publicOnly, on: db)
        let byAgency = ServiceStatsQuery.statsRows(stored, by: .agency)
        let agencyIDs = reference.agencyNames.sorted { $0.value < $1.value }.map(\.key)
        let kecamatanIDs = reference.kecamatanByCode.sorted { $0.key < $1.key }.map(\.value)
        let numbers = PerformanceNumbers(
            period: period,
            agencies: Array(
                zip(
                    agencyIDs,
                    ServiceStats.summarize(
                        byAgency, groups: agencyIDs.map(\.uuidString), now: now, calendar: calendar))),
            kecamatan: Array(
                zip(
                    kecamatanIDs,
                    ServiceStats.summarize(
                        ServiceStatsQuery.statsRows(stored, by: .kecamatan), groups: kecamatanIDs.map(\.uuidString),
                        now: now, calendar: calendar))),
            total: ServiceStats.summarize(byAgency, group: "", now: now, calendar: calendar),
            weeks: ServiceStats.weekly(byAgency, weeks: trendWeeks, now: now, calendar: calendar),
            applications: try await ApplicationStats.rows(
                from: period.from, to: period.to, now: now, on: db, reference: reference),
            satisfaction: try await Surveys.yearByAgency(now: now, on: db, reference: reference))
        return numbers
    }
}

/// The numbers as the reader's page shows them.
struct PerformanceReport {
    let period: ServiceStatsQuery.Period
    let agencies: [StatsLine]
    let kecamatan: [StatsLine]
    let total: StatsLine
    let chart: WeeklyChart
    let applications: [ApplicationStats.Row]
    let satisfaction: [Surveys.Row]

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
            chart: WeeklyChart(numbers.weeks), applications: numbers.applications, satisfaction: numbers.satisfaction)
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
