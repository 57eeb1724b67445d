import Foundation
import NIOConcurrencyHelpers

/// Creating a `DateFormatter` costs more than rendering the rest of a list row, and a list has twenty: one per
/// locale, format and time zone is kept and used under a lock (formatting takes microseconds).
final class DateFormatters: @unchecked Sendable {
    static let shared = DateFormatters()

    private let lock = NSLock()
    private var formatters: [String: DateFormatter] = [:]

    func string(from date: Date, format: String, locale: String, timeZone: TimeZone) -> String {
        let key = locale + "|" + format + "|" + timeZone.identifier
        lock.lock()
        defer { lock.unlock() }
        let formatter =
            formatters[key]
            ?? {
                let made = DateFormatter()
                made.locale = Locale(identifier: locale)
                made.timeZone = timeZone
                made.dateFormat = format
                formatters[key] = made
                return made
            }()
        return formatter.string(from: date)
    }
}
