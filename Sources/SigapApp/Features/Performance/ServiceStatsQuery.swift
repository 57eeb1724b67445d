import Fluent
import Foundation
import SQLKit
import SigapCore

/// The periods the statistics pages offer. The numbers come from `ReportTally`; merged duplicates are left out
/// everywhere (their target counts), and the public view also leaves out confidential reports.
enum ServiceStatsQuery {
    struct Period: Equatable {
        let from: Date
        let to: Date
        let days: Int

        /// The last `days` days up to `now`.
        static func last(_ days: Int, now: Date) -> Period {
            Period(from: now.addingTimeInterval(-Double(days) * 86_400), to: now, days: days)
        }

        static let choices = [30, 90, 365]

        /// `?periode=` as typed; anything else falls back to 90 days.
        static func parse(_ raw: String?, now: Date) -> Period {
            let days = raw.flatMap(Int.init).flatMap { choices.contains($0) ? $0 : nil } ?? 90
            return last(days, now: now)
        }
    }
}
