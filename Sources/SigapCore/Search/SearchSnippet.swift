import Foundation

/// The piece of a text a result shows, with the words that matched the query marked: found by stemming each
/// word of the original text as the index did (`SearchText`), so "diperbaiki" is marked for "perbaikan". Works
/// the same on both engines because neither engine's snippet function is used (their index holds stems, not
/// the words people wrote).
public struct SearchSnippet: Equatable, Sendable {
    /// The text in order; `marked` pieces matched a query term.
    public struct Piece: Equatable, Sendable {
        public let text: String
        public let marked: Bool
    }

    public let pieces: [Piece]
    /// Text was left out before or after the window.
    public let cutBefore: Bool
    public let cutAfter: Bool

    /// Up to `words` words of `text` around its first match (the start when nothing matches).
    public init(_ text: String, terms: Set<String>, words: Int = 30) {
        var spans: [(range: Range<String.Index>, marked: Bool)] = []
        var start: String.Index?
        var index = text.startIndex
        func close(at end: String.Index) {
            guard let from = start else { return }
            let marked = SearchText.matches(text[from..<end], terms)
            spans.append((from..<end, marked))
            start = nil
        }
        while index < text.endIndex {
            let character = text[index]
            if character.isLetter || character.isNumber {
                if start == nil { start = index }
            } else {
                close(at: index)
            }
            index = text.index(after: index)
        }
        close(at: text.endIndex)
        guard !spans.isEmpty else {
            pieces = text.isEmpty ? [] : [Piece(text: text, marked: false)]
            cutBefore = false
            cutAfter = false
            return
        }
        let first = spans.firstIndex(where: \.marked) ?? 0
        let from = max(0, first - words / 3)
        let to = min(spans.count, from + words)
        let lower = from == 0 ? text.startIndex : spans[from].range.lowerBound
        let upper = to == spans.count ? text.endIndex : spans[to - 1].range.upperBound
        var built: [Piece] = []
        var cursor = lower
        for span in spans[from..<to] where span.marked {
            if cursor < span.range.lowerBound {
                built.append(Piece(text: String(text[cursor..<span.range.lowerBound]), marked: false))
            }
            built.append(Piece(text: String(text[span.range]), marked: true))
            cursor = span.range.upperBound
        }
        if cursor < upper { built.append(Piece(text: String(text[cursor..<upper]), marked: false)) }
        pieces = built
        cutBefore = from > 0
        cutAfter = to < spans.count
    }
}
