import Foundation
import SigapCore
import Testing

/// Formats written by hand for speed, held equal to Foundation's output.
@Suite struct TextFormatsTests {
    @Test func writesWhatStringFormatWrites() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [
            0, -0.0, 0.05, 0.25, 0.35, 1.15, 2.5, 99.95, 100, 12.345, -3.75, 1e10 + 0.5, 123_456.789,
        ]
        for _ in 0..<5_000 { values.append(Double.random(in: -1_000...1_000, using: &generator)) }
        for _ in 0..<1_000 { values.append(Double(Int.random(in: 0...100_000, using: &generator)) / 1_000) }
        for value in values {
            for places in [0, 1, 2] {
                #expect(
                    FixedDecimal.text(value, places: places) == String(format: "%.\(places)f", value),
                    "\(value) with \(places) places")
            }
        }
    }

    @Test func usesTheReadersSeparator() {
        #expect(FixedDecimal.text(12.5, places: 1, separator: ",") == "12,5")
        #expect(FixedDecimal.text(100, places: 1, separator: ",") == "100,0")
        #expect(FixedDecimal.text(0.04, places: 2, separator: ",") == "0,04")
    }

    @Test func hexIsWhatStringFormatWrites() {
        let bytes = Data((0...255).map(UInt8.init) + [0x0f, 0xf0])
        #expect(bytes.hexString == bytes.map { String(format: "%02x", $0) }.joined())
        #expect(Data().hexString == "")
    }

    @Test func readableDatesAreWhatDateFormatterWrites() throws {
        for (identifier, months) in [("id_ID", MonthNames.indonesian), ("en_GB", MonthNames.english)] {
            for zoneName in ["Asia/Jakarta", "Asia/Jayapura", "UTC", "Europe/London"] {
                let zone = try #require(TimeZone(identifier: zoneName))
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: identifier)
                formatter.timeZone = zone
                let writer = LocalTimeWriter.shared(zone)
                // every month, both sides of midnight, before 1970 and in daylight saving time
                for start in [-86_400.0 * 400, 0, 1_767_225_600] {
                    for step in 0..<60 {
                        let date = Date(timeIntervalSince1970: start + Double(step) * 7.3 * 86_400 + Double(step * 997))
                        formatter.dateFormat = "d MMM yyyy HH:mm"
                        #expect(writer.readable(date, months: months, withTime: true) == formatter.string(from: date))
                        formatter.dateFormat = "d MMM yyyy"
                        #expect(writer.readable(date, months: months, withTime: false) == formatter.string(from: date))
                    }
                }
            }
        }
    }
}
