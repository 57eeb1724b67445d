import Foundation

/// The JSON Canonicalization Scheme (RFC 8785): the one way to write a JSON value, so that a signature over it
/// can be checked by anyone who parses and re-writes the document — members sorted by the UTF-16 code units of
/// their names, no white space, strings with only the escapes JSON requires, numbers as ECMAScript prints them.
public enum JCS {
    public static func canonical(_ value: JSONValue) -> String {
        var out = ""
        write(value, to: &out)
        return out
    }

    public static func canonicalData(_ value: JSONValue) -> Data { Data(canonical(value).utf8) }

    static func write(_ value: JSONValue, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let number): out += serialize(number)
        case .string(let text): writeString(text, to: &out)
        case .array(let items):
            out += "["
            for (position, item) in items.enumerated() {
                if position > 0 { out += "," }
                write(item, to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            let names = members.keys.sorted { Array($0.utf16).lexicographicallyPrecedes(Array($1.utf16)) }
            for (position, name) in names.enumerated() {
                if position > 0 { out += "," }
                writeString(name, to: &out)
                out += ":"
                write(members[name]!, to: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{00}"..."\u{1F}":
                out +=
                    "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// ECMAScript's Number.prototype.toString for finite numbers (RFC 8785 §3.2.2.3): integers below 10^21 in
    /// full, others from the shortest digits that read back as the same double.
    public static func serialize(_ number: Double) -> String {
        if number == 0 { return "0" }
        if number < 0 { return "-" + serialize(-number) }
        // The shortest round-trip digits and the decimal exponent, from Swift's own shortest representation.
        let (digits, exponent) = shortestDigits(number)
        let k = digits.count
        let n = exponent  // the value is 0.d1d2…dk × 10^n
        if k <= n && n <= 21 { return digits + String(repeating: "0", count: n - k) }
        if 0 < n && n <= 21 {
            let cut = digits.index(digits.startIndex, offsetBy: n)
            return String(digits[..<cut]) + "." + String(digits[cut...])
        }
        if -6 < n && n <= 0 { return "0." + String(repeating: "0", count: -n) + digits }
        let e = n - 1
        let sign = e < 0 ? "-" : "+"
        let mantissa = k == 1 ? digits : String(digits.prefix(1)) + "." + String(digits.dropFirst())
        return mantissa + "e" + sign + String(abs(e))
    }

    /// ("15", 1) for 1.5: the significant digits without trailing zeros and n with value = 0.digits × 10^n.
    static func shortestDigits(_ number: Double) -> (String, Int) {
        let text = "\(number)"  // Swift prints the shortest round-trip form: "1.5", "1e-07", "1.2345e+21"
        var mantissa = text
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = String(text[..<e])
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = whole + fraction
        var pointAt = whole.count + exponent
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            pointAt -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (digits, pointAt)
    }
}
