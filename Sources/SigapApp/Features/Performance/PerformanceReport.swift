import Foundation
import SigapCore
import Vapor

/// The numbers behind the leadership dashboard and the transparency page, for one period.
struct PerformanceReport {
    let period: ServiceStatsQuery.Period
    let agencies: [StatsLine]
    let kecamatan: [StatsLine]
    let total: StatsLine
    let chart: WeeklyChart

    static let trendWeeks = 12

    /// `publicOnly` leaves out confidential reports (the transparency page); leadership sees every report.
    static func build(period: ServiceStatsQuery.Period, publicOnly: Bool, request req: Request) async throws
        -> PerformanceReport
    {
        let reference = try await req.reference()
        let calendar = reference.calendar
        let now = req.now
        let stored = try await ServiceStatsQuery.rows(in: period, publicOnly: publicOnly, on: req.db)

        let agencyIDs = reference.agencyNames.sorted { $0.value < $1.value }.map(\.key)
        let byAgency = ServiceStats.summarize(
            ServiceStatsQuery.statsRows(stored, by: .agency), groups: agencyIDs.map(\.uuidString), now: now,
            calendar: calendar)
        let agencies = zip(agencyIDs, byAgency).map { id, summary in
            StatsLine(code: reference.agencyCodes[id] ?? "", name: reference.agencyNames[id] ?? "", summary)
        }

        let kecamatanIDs = reference.kecamatanByCode.sorted { $0.key < $1.key }.map(\.value)
        let byKecamatan = ServiceStats.summarize(
            ServiceStatsQuery.statsRows(stored, by: .kecamatan), groups: kecamatanIDs.map(\.uuidString), now: now,
            calendar: calendar)
        let codes = Dictionary(uniqueKeysWithValues: reference.kecamatanByCode.map { ($0.value, $0.key) })
        let kecamatan = zip(kecamatanIDs, byKecamatan).map { id, summary in
            StatsLine(code: codes[id] ?? "", name: reference.kecamatanNames[id] ?? "", summary)
        }

        let all = ServiceStatsQuery.statsRows(stored, by: .agency)
        let total = StatsLine(
            code: "", name: req.t("performance.total"),
            ServiceStats.summarize(all, group: "", now: now, calendar: calendar))
        let chart = WeeklyChart(ServiceStats.weekly(all, weeks: trendWeeks, now: now, calendar: calendar))
        return PerformanceReport(
            period: period, agencies: agencies, kecamatan: kecamatan, total: total, chart: chart)
    }

    /// Choices for the period selector.
    static func periodChoices(_ selected: ServiceStatsQuery.Period, request req: Request) -> [Choice] {
        ServiceStatsQuery.Period.choices.map {
            Choice(value: String($0), label: req.t("performance.last_days", String($0)))
        }
    }
}
