import Foundation

/// The public number of a report: `<PREFIX>-<YEAR>-<6 digits>`, e.g. `SGP-2026-000123`.
public struct ReportNumber: Hashable, Sendable, CustomStringConvertible {
    public let prefix: String
    public let year: Int
    public let sequence: Int

    public init(prefix: String, year: Int, sequence: Int) {
        self.prefix = prefix
        self.year = year
        self.sequence = sequence
    }

    public init?(_ text: String) {
        let parts = text.uppercased().split(separator: "-")
        guard parts.count == 3, (2...6).contains(parts[0].count),
            parts[0].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
            parts[1].count == 4, let year = Int(parts[1]), parts[2].count == 6, let sequence = Int(parts[2]),
            parts[2].allSatisfy(\.isNumber), parts[1].allSatisfy(\.isNumber)
        else { return nil }
        self.init(prefix: String(parts[0]), year: year, sequence: sequence)
    }

    public var description: String { String(format: "%@-%04d-%06d", prefix, year, sequence) }
}
