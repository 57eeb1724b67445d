import Foundation

/// An Indonesian mobile number in international form without "+", e.g. `6281234567890`.
public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible {
    public let digits: String

    /// Accepts the ways people write their number (`0812…`, `+62 812-…`, `62812…`, `812…`) and
    /// returns nil for anything that is not a plausible Indonesian mobile number (08xx, 9–12 digits after 8).
    public init?(_ raw: String) {
        let allowedSeparators: Set<Character> = [" ", "-", ".", "(", ")"]
        var text = Substring(raw.trimmingCharacters(in: .whitespacesAndNewlines))
        if text.hasPrefix("+") { text = text.dropFirst() }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || allowedSeparators.contains($0)) })
        else { return nil }
        var digits = String(text.filter(\.isNumber))
        if digits.hasPrefix("62") {
            digits.removeFirst(2)
        } else if digits.hasPrefix("0") {
            digits.removeFirst()
        }
        // Mobile numbers start with 8 and have 9 to 12 digits after the country code.
        guard digits.hasPrefix("8"), (9...12).contains(digits.count) else { return nil }
        self.digits = "62" + digits
    }

    /// `62812••••7890`: enough for the owner to recognise, too little to be useful to anyone else.
    public var masked: String {
        String(digits.prefix(5)) + String(repeating: "•", count: max(digits.count - 9, 0)) + String(digits.suffix(4))
    }

    public var description: String { masked }
}
