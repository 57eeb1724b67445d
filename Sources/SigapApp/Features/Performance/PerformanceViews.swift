import Foundation
import SigapCore
import Vapor

/// One line of a league table, formatted for the page and the CSV.
struct StatsLine {
    let code: String
    let name: String
    let received: Int
    let open: Int
    let lateNow: Int
    let due: Int
    let respondedOnTime: Int
    let resolved: Int
    /// Width of the compliance bar, 0–100.
    let complianceBar: Int
    /// The measures, nil while there is nothing to measure; pages write them in the reader's language
    /// (`Page.decimal`, `Page.percent`: "—" for nil), the CSV with a decimal point.
    let medianHours: Double?
    let compliancePercent: Double?
    let resolutionPercent: Double?
    let rating: Double?
    var drillDown: String?

    init(code: String, name: String, _ summary: ServiceStats.Summary) {
        self.code = code
        self.name = name
        received = summary.received
        open = summary.open
        lateNow = summary.lateNow
        due = summary.due
        respondedOnTime = summary.respondedOnTime
        resolved = summary.resolved
        complianceBar = Int((summary.compliancePercent ?? 0).rounded())
        medianHours = summary.medianResponseHours
        compliancePercent = summary.compliancePercent
        resolutionPercent = summary.resolutionPercent
        rating = summary.averageRating
    }

}

/// The part of the leadership and transparency pages they share.
struct StatsView {
    let periods: [Choice]
    let period: String
    let tables: [StatsTable]
    let total: StatsLine
    let chart: WeeklyChart
}

/// A league table: one line per agency or kecamatan.
struct StatsTable {
    let title: String
    let groupLabel: String
    let lines: [StatsLine]
}

/// A bar chart drawn on the server as SVG: two bars per week (received, late), no script needed.
struct WeeklyChart {
    struct Bar {
        let x: Int
        let y: Int
        let height: Int
        let value: Int
        let late: Bool
    }

    struct Label {
        let x: Int
        let text: String
    }

    let width: Int
    let height: Int
    let bars: [Bar]
    let labels: [Label]
    let maximum: Int

    static let plotHeight = 120
    static let step = 40

    init(_ weeks: [ServiceStats.Week]) {
        let maximum = max(1, weeks.map(\.received).max() ?? 0)
        func bar(_ index: Int, _ value: Int, late: Bool) -> Bar {
            let height = value * Self.plotHeight / maximum
            return Bar(
                x: 10 + index * Self.step + (late ? 16 : 0), y: 10 + Self.plotHeight - height, height: height,
                value: value, late: late)
        }
        bars = weeks.enumerated().flatMap {
            [bar($0.offset, $0.element.received, late: false), bar($0.offset, $0.element.late, late: true)]
        }
        func twoDigits(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }
        labels = weeks.enumerated().map {
            Label(
                x: 10 + $0.offset * Self.step,
                text: twoDigits($0.element.starts.day) + "/" + twoDigits($0.element.starts.month))
        }
        width = 20 + weeks.count * Self.step
        height = Self.plotHeight + 40
        self.maximum = maximum
    }
}
