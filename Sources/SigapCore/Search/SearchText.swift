/// Text as the search index holds it and as queries are compared with it, the same on SQLite and PostgreSQL:
/// words lower case with accents folded, function words left out, every word stemmed (`IndonesianStemmer`).
/// Each engine then only matches words: FTS5 with its plain `unicode61` tokenizer, PostgreSQL with the `simple`
/// configuration, both over this already normalised text.
public enum SearchText {
    /// The terms of `text`, in order (repeated terms kept: they weigh in the ranking).
    public static func terms(_ text: String) -> [String] {
        IndonesianText.tokens(text).compactMap { token in
            guard !stopwords.contains(token) else { return nil }
            return IndonesianStemmer.stem(token)
        }
    }

    /// What is stored in the index for `text`.
    public static func indexed(_ text: String) -> String { terms(text).joined(separator: " ") }

    /// The distinct terms of a query, at most `limit` (a pasted paragraph is not a query).
    public static func queryTerms(_ query: String, limit: Int = 8) -> [String] {
        var seen: Set<String> = []
        return Array(terms(query).filter { seen.insert($0).inserted }.prefix(limit))
    }

    /// Whether one word of a text is one of `terms` once normalised; plain ASCII words (most of them) skip
    /// the folding, which snippets would otherwise pay for every word of every result.
    static func matches(_ word: Substring, _ wanted: Set<String>) -> Bool {
        if word.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x41...0x5A).contains($0) }) {
            let lower = word.lowercased()
            return !stopwords.contains(lower) && wanted.contains(IndonesianStemmer.stem(lower))
        }
        return terms(String(word)).contains(where: wanted.contains)
    }

    /// Words so common in Indonesian that a query for them finds everything: left out on both sides.
    static let stopwords: Set<String> = [
        "yang", "dan", "di", "ke", "dari", "untuk", "pada", "dengan", "ini", "itu", "atau", "juga", "ada",
        "dalam", "oleh", "sudah", "akan", "telah", "sebagai", "karena", "adalah", "tersebut", "the", "of", "and",
    ]
}
