import Vapor

/// A piece of an HTML page, written as a Swift string literal: the literal's text is markup, and every value
/// interpolated into it is escaped — unless it is itself `HTML`. Markup can only come from literals in the
/// code (`StaticString`), so user text cannot become markup by mistake, and a page that does not compile does
/// not reach a citizen.
///
///     let row: HTML = "<td><a href=\"\(url)\">\(report.title)</a></td>"
///
/// Helpers inside the literal: `\(when: condition, "…")`, `\(some: optional, { value in "…" })`,
/// `\(each: items, { item in "…" })`.
struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    typealias StringLiteralType = StaticString
    private(set) var text: String

    init() { text = "" }

    init(stringLiteral literal: StaticString) { text = literal.description }

    init(stringInterpolation: StringInterpolation) { text = stringInterpolation.text }

    var description: String { text }

    /// Markup from a renderer that escapes everything people typed before it builds its own tags (`Markdown`):
    /// the one way into a page besides literals.
    static func rendered(byTrustedRenderer markup: String) -> HTML {
        var html = HTML()
        html.text = markup
        return html
    }

    /// Appends `other` (already safe).
    static func += (html: inout HTML, other: HTML) { html.text += other.text }

    /// The page as a response body.
    var buffer: ByteBuffer { ByteBuffer(string: text) }

    struct StringInterpolation: StringInterpolationProtocol, Sendable {
        typealias StringLiteralType = StaticString
        fileprivate var text: String

        init(literalCapacity: Int, interpolationCount: Int) {
            text = ""
            text.reserveCapacity(literalCapacity + interpolationCount * 24)
        }

        mutating func appendLiteral(_ literal: StaticString) { text += literal.description }

        /// Text: escaped.
        mutating func appendInterpolation(_ value: String) { HTML.escape(value, into: &text) }

        /// Optional text: escaped, or nothing.
        mutating func appendInterpolation(_ value: String?) {
            if let value { HTML.escape(value, into: &text) }
        }

        mutating func appendInterpolation(_ value: Int) { text += String(value) }

        mutating func appendInterpolation(_ value: Double) { text += String(value) }

        /// A piece built elsewhere (already safe).
        mutating func appendInterpolation(_ html: HTML) { text += html.text }

        mutating func appendInterpolation(_ html: HTML?) {
            if let html { text += html.text }
        }

        /// `piece` when `condition` holds.
        mutating func appendInterpolation(when condition: Bool, _ piece: @autoclosure () -> HTML) {
            if condition { text += piece().text }
        }

        /// `piece(value)` when `value` is there.
        mutating func appendInterpolation<T>(some value: T?, _ piece: (T) -> HTML) {
            if let value { text += piece(value).text }
        }

        /// `piece(item)` for each item, one after another.
        mutating func appendInterpolation<S: Sequence>(each items: S, _ piece: (S.Element) -> HTML) {
            for item in items { text += piece(item).text }
        }
    }

    /// Escapes the five characters that matter in text and in double- or single-quoted attributes.
    static func escape(_ value: String, into text: inout String) {
        let utf8 = value.utf8
        guard utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else {
            text += value
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "<": text += "&lt;"
            case ">": text += "&gt;"
            case "&": text += "&amp;"
            case "\"": text += "&quot;"
            case "'": text += "&#39;"
            default: text.unicodeScalars.append(scalar)
            }
        }
    }
}
