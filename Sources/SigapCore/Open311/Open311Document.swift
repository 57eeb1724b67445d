import Foundation

/// A GeoReport v2 answer as one tree, written as the spec's XML or JSON. The two formats differ in how a list
/// is spelled: XML repeats a named element inside its parent (`<services><service>…</service></services>`),
/// JSON writes an array; and the JSON of a list answer is the bare array, without the root element.
public indirect enum Open311Value: Equatable, Sendable {
    case text(String?)
    case number(Double?)
    case integer(Int)
    case bool(Bool)
    /// Fields in the spec's order.
    case object([(String, Open311Value)])
    /// Items, each written as an `element` in XML.
    case list(element: String, [Open311Value])

    public static func == (lhs: Open311Value, rhs: Open311Value) -> Bool {
        switch (lhs, rhs) {
        case (.text(let a), .text(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.object(let a), .object(let b)): a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        case (.list(let e1, let a), .list(let e2, let b)): e1 == e2 && a == b
        default: false
        }
    }
}

public enum Open311Format: String, Sendable, CaseIterable {
    case xml, json

    public var contentType: String {
        switch self {
        case .xml: "text/xml; charset=utf-8"
        case .json: "application/json; charset=utf-8"
        }
    }

    /// Splits `services.json` into `services` and the format; nil for any other ending.
    public static func split(_ resource: String) -> (name: String, format: Open311Format)? {
        guard let dot = resource.lastIndex(of: "."),
            let format = Open311Format(rawValue: resource[resource.index(after: dot)...].lowercased())
        else { return nil }
        return (String(resource[..<dot]), format)
    }
}

public struct Open311Document: Sendable {
    /// The XML root element (`services`, `service_definition`, `service_requests`, `errors`, `discovery`).
    public let root: String
    public let value: Open311Value

    public init(root: String, _ value: Open311Value) {
        self.root = root
        self.value = value
    }

    public func written(as format: Open311Format) -> String {
        switch format {
        case .xml:
            var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            Self.xml(root, value, into: &out)
            return out + "\n"
        case .json:
            var out = ""
            Self.json(value, into: &out)
            return out
        }
    }

    private static func xml(_ name: String, _ value: Open311Value, into out: inout String) {
        switch value {
        case .list(let element, let items):
            out += "<\(name)>"
            for item in items { xml(element, item, into: &out) }
            out += "</\(name)>"
        case .object(let fields):
            out += "<\(name)>"
            for (key, field) in fields { xml(key, field, into: &out) }
            out += "</\(name)>"
        case .text(nil), .number(nil):
            out += "<\(name)/>"
        default:
            out += "<\(name)>\(escapeXML(scalar(value)))</\(name)>"
        }
    }

    private static func json(_ value: Open311Value, into out: inout String) {
        switch value {
        case .list(_, let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                json(item, into: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (index, (key, field)) in fields.enumerated() {
                if index > 0 { out += "," }
                out += quoteJSON(key) + ":"
                json(field, into: &out)
            }
            out += "}"
        case .text(nil), .number(nil): out += "null"
        case .text(let text?): out += quoteJSON(text)
        default: out += scalar(value)
        }
    }

    private static func scalar(_ value: Open311Value) -> String {
        switch value {
        case .text(let text): text ?? ""
        case .number(let number?):
            number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .integer(let n): String(n)
        case .bool(let b): b ? "true" : "false"
        default: ""
        }
    }

    static func escapeXML(_ text: String) -> String {
        // Most text needs nothing escaped: checked on the bytes, then copied whole (a list of 1,000 requests has
        // some 17,000 values).
        guard
            text.utf8.contains(where: {
                $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0xEF
            })
        else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            // Characters XML 1.0 cannot carry at all are dropped rather than breaking the document.
            case _ where scalar.value < 0x20 && scalar != "\n" && scalar != "\r" && scalar != "\t": continue
            case "\u{FFFE}", "\u{FFFF}": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func quoteJSON(_ text: String) -> String {
        guard
            text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C || $0 == 0xE2 })
        else { return "\"" + text + "\"" }
        var out = "\""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            // Kept out of JSON embedded in pages and scripts: `</script>` and the JavaScript line breaks.
            case "<": out += "\\u003c"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension Open311Document {
    /// The spec's error answer: one `error` per problem with the HTTP code and a description.
    public static func errors(code: Int, _ descriptions: [String]) -> Open311Document {
        Open311Document(
            root: "errors",
            .list(
                element: "error",
                descriptions.map { .object([("code", .integer(code)), ("description", .text($0))]) }))
    }
}
