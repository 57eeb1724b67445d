/// A region's code in the Ministry of Home Affairs' register (Kepmendagri on codes and data of government
/// areas): `12` a province, `12.07` a kabupaten/kota, `12.07.01` a kecamatan, `12.07.01.2001` a desa or
/// kelurahan. Within a kecamatan, kelurahan are numbered from 1001 and desa from 2001.
public struct KemendagriCode: Sendable, Hashable, CustomStringConvertible {
    public enum Level: Sendable, Equatable {
        case region, kecamatan, village
    }

    public let parts: [String]

    /// Digits in groups of 2, 2, 2 and 4 separated by dots (spaces around it ignored).
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ".", omittingEmptySubsequences: false)
            .map(String.init)
        let widths = [2, 2, 2, 4]
        guard (2...4).contains(parts.count) else { return nil }
        for (part, width) in zip(parts, widths) where part.count != width || !part.allSatisfy(\.isASCIIDigit) {
            return nil
        }
        self.parts = parts
    }

    public var level: Level {
        switch parts.count {
        case 2: .region
        case 3: .kecamatan
        default: .village
        }
    }

    public var description: String { parts.joined(separator: ".") }

    /// The code one level up (a desa's kecamatan, a kecamatan's kabupaten).
    public var parent: KemendagriCode? {
        parts.count > 2 ? KemendagriCode(parts.dropLast().joined(separator: ".")) : nil
    }

    /// Whether this code lies inside `other` (or is it).
    public func lies(in other: KemendagriCode) -> Bool {
        parts.count >= other.parts.count && Array(parts.prefix(other.parts.count)) == other.parts
    }

    /// A village code's own kind by the register's numbering; nil for other levels.
    public var isKelurahan: Bool? {
        guard level == .village, let first = parts[3].first else { return nil }
        return first == "1"
    }
}
