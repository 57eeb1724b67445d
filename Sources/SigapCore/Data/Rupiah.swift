import Foundation

/// Amounts of money in whole rupiah, as people type and read them.
public enum Rupiah {
    /// The largest amount accepted anywhere (ten trillion rupiah, above any kabupaten's budget).
    public static let maximum: Int64 = 10_000_000_000_000

    /// "1.500.000", "1500000", "Rp 1.500.000" and "1.500.000,00" alike: Indonesian writes dots between
    /// thousands and a comma before cents, which are dropped only when they are zero. nil for anything else,
    /// for zero or less, and above `maximum`.
    public static func parse(_ text: String) -> Int64? {
        var text = text.trimmingCharacters(in: .whitespaces)
        if text.lowercased().hasPrefix("rp") { text = String(text.dropFirst(2)).trimmingCharacters(in: .whitespaces) }
        if let comma = text.firstIndex(of: ",") {
            let cents = text[text.index(after: comma)...]
            guard !cents.isEmpty, cents.allSatisfy({ $0 == "0" }) else { return nil }
            text = String(text[..<comma])
        }
        let digits = text.replacingOccurrences(of: ".", with: "")
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), digits.count <= 14, let value = Int64(digits),
            (1...maximum).contains(value)
        else { return nil }
        return value
    }

    /// The amount with thousands grouped by `separator` ("1.500.000").
    public static func grouped(_ amount: Int64, separator: Character) -> String {
        let digits = String(amount.magnitude)
        var grouped = amount < 0 ? "-" : ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(separator) }
            grouped.append(character)
        }
        return grouped
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
