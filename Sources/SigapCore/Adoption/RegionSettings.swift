import Foundation

/// Whether the region is a regency (kabupaten, headed by a Bupati) or a city (kota, headed by a Wali Kota).
public enum RegionKind: String, Sendable, CaseIterable, Codable {
    case kabupaten, kota
}

/// The checks on what `sigap init` asks (and `SIGAP_REGION_*` say): one rule for the command and the start.
public enum RegionSettings {
    /// `#0b6e4f`: six hex digits after a hash, lower-cased; nil when it is not one.
    public static func colour(_ text: String) -> String? {
        let value = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard value.count == 7, value.first == "#", value.dropFirst().allSatisfy(\.isHexDigit) else { return nil }
        return value
    }

    /// Whether white text on `colour` is readable (WCAG contrast at least 4.5:1): the header and buttons put
    /// white on the region's colour, so a pale colour would make them unreadable.
    public static func carriesWhiteText(_ colour: String) -> Bool {
        guard let hex = Self.colour(colour), let value = Int(hex.dropFirst(), radix: 16) else { return false }
        func channel(_ shift: Int) -> Double {
            let c = Double((value >> shift) & 0xff) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
        return 1.05 / (luminance + 0.05) >= 4.5
    }

    /// The red, green and blue of a colour `colour` accepted.
    public static func rgb(_ colour: String) -> (UInt8, UInt8, UInt8)? {
        guard let hex = Self.colour(colour), let value = Int(hex.dropFirst(), radix: 16) else { return nil }
        return (UInt8((value >> 16) & 0xff), UInt8((value >> 8) & 0xff), UInt8(value & 0xff))
    }
}
