import Foundation
import SigapCore
import Vapor

/// Deadlines in a year without holiday data would silently count Idul Fitri as working days. This finds such
/// years (this one and the next) and estimated years, for the start-up log and the admin pages.
enum CalendarCheck {
    struct Warning: Equatable {
        enum Kind: String { case missing, provisional }
        let kind: Kind
        let year: Int
    }

    static func warnings(calendar: WorkCalendar, provisional: Set<Int>, now: Date) -> [Warning] {
        let year = calendar.civilDay(of: now).year
        return [year, year + 1].compactMap { year in
            if !calendar.coveredYears.contains(year) { return Warning(kind: .missing, year: year) }
            if provisional.contains(year) { return Warning(kind: .provisional, year: year) }
            return nil
        }
    }

    static func warnings(_ app: Application) async throws -> [Warning] {
        let now = app.sigap.clock.now()
        let calendar = try await app.sigap.reference.snapshot(on: app.db, now: now).calendar
        return warnings(calendar: calendar, provisional: app.sigap.holidays.provisionalYears, now: now)
    }

    /// Printed at start: a missing year as an error on the console and in the log.
    static func announce(_ app: Application, console: any Console) async throws {
        for warning in try await warnings(app) {
            switch warning.kind {
            case .missing:
                let text = """
                    NO HOLIDAY DATA FOR \(warning.year): deadlines in \(warning.year) would count every Monday–Friday \
                    as a working day. Add the year to Resources/Calendar/holidays.json or enter its days off at \
                    \(SiteURL.adminCalendar).
                    """
                console.error(text)
                app.logger.critical("\(text)")
            case .provisional:
                app.logger.warning(
                    "Holiday dates for \(warning.year) are estimates; check them at \(SiteURL.adminCalendar) when the SKB is published."
                )
            }
        }
    }
}
