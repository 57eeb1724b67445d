/// Nomor Induk Kependudukan: 16 digits = province (2) · kabupaten/kota (2) · kecamatan (2) ·
/// birth date DDMMYY (day + 40 for women) · serial (4).
public struct NIK: Hashable, Sendable {
    public let digits: String

    /// Province codes in use by Dukcapil, including the Papua provinces formed in 2022.
    static let provinceCodes: Set<String> = [
        "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
        "31", "32", "33", "34", "35", "36", "51", "52", "53",
        "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76",
        "81", "82", "91", "92", "93", "94", "95", "96", "97",
    ]
    static let daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

    public init?(_ raw: String) {
        let text = raw.filter { !$0.isWhitespace }
        guard text.count == 16, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let d = Array(text)
        func number(_ from: Int, _ length: Int) -> Int { Int(String(d[from..<(from + length)]))! }
        guard Self.provinceCodes.contains(String(d[0..<2])), number(2, 2) > 0, number(4, 2) > 0 else { return nil }
        var day = number(6, 2)
        if day > 40 { day -= 40 }
        let month = number(8, 2)
        guard (1...12).contains(month), (1...Self.daysInMonth[month - 1]).contains(day) else { return nil }
        guard number(12, 4) > 0 else { return nil }
        digits = text
    }

    /// `1205••••••••0003`, the only form a NIK is ever shown in.
    public var masked: String {
        String(digits.prefix(4)) + String(repeating: "•", count: 8) + String(digits.suffix(4))
    }
}
