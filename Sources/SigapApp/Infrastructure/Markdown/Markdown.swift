import Foundation
import Ink

/// What people write in Markdown (forum posts, news), as HTML that cannot carry markup of their own: Ink
/// parses it after `&`, `<` and `"` are escaped, so raw HTML arrives as text and no attribute can be closed;
/// links keep only http(s), mailto and site-relative targets and get `rel="nofollow ugc noopener"`; images
/// become links (posts carry no pictures). Decision 0018.
enum Markdown {
    static func html(_ text: String) -> HTML {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        let parser = MarkdownParser(modifiers: [
            Modifier(target: .links) { input in link(input.html, tag: "a", attribute: "href") },
            Modifier(target: .images) { input in link(input.html, tag: "img", attribute: "src") },
            // Ink escapes code again: what was escaped above would show as "&lt;".
            Modifier(target: .inlineCode) { input in unescapeTwice(input.html) },
            Modifier(target: .codeBlocks) { input in unescapeTwice(input.html) },
        ])
        return HTML.rendered(byTrustedRenderer: parser.html(from: escaped))
    }

    /// `<a href="…">text</a>` (or `<img src="…" alt="…"/>`) as a safe link, or the text alone when the target is
    /// not one people may link to.
    private static func link(_ html: String, tag: String, attribute: String) -> String {
        guard let start = html.range(of: "\(attribute)=\""),
            let end = html[start.upperBound...].range(of: "\"")
        else { return "" }
        let target = String(html[start.upperBound..<end.lowerBound])
        let text: String
        if tag == "a" {
            let afterTag = html[end.upperBound...].drop { $0 != ">" }.dropFirst()
            text = String(afterTag.dropLast(4))  // "</a>"
        } else {
            let alt = html.range(of: "alt=\"").flatMap { found in
                html[found.upperBound...].range(of: "\"").map { String(html[found.upperBound..<$0.lowerBound]) }
            }
            text = alt.flatMap { $0.isEmpty ? nil : $0 } ?? target
        }
        guard allowed(target) else { return text }
        return "<a href=\"\(target)\" rel=\"nofollow ugc noopener\">\(text)</a>"
    }

    static func allowed(_ target: String) -> Bool {
        let lower = target.trimmingCharacters(in: .whitespaces).lowercased()
        // A backslash is never needed and browsers read "/\\host" as "//host".
        guard !lower.contains("\\") else { return false }
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:")
            || (lower.hasPrefix("/") && !lower.hasPrefix("//"))
    }

    private static func unescapeTwice(_ html: String) -> String {
        html.replacingOccurrences(of: "&amp;lt;", with: "&lt;").replacingOccurrences(of: "&amp;quot;", with: "&quot;")
            .replacingOccurrences(of: "&amp;amp;", with: "&amp;")
    }
}
