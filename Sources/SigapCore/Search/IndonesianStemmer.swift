/// The dictionary-free stemmer for Bahasa Indonesia of the Snowball family: Tala's "Porter stemmer for Bahasa
/// Indonesia" (2003) as Snowball's `indonesian` algorithm amends it (the `-kan` condition that makes
/// "perbaikan" → "baik", "-i" kept on words ending "-si", "pelajar…"/"belajar…" → "ajar…"). Written here from
/// the published algorithm: particles (-kah, -lah, -pun), then possessives (-ku, -mu, -nya), then a first-order
/// prefix (di-, meng-, ter-, ke-, peng- and their variants) with a derivational suffix (-kan, -an, -i) and a
/// second-order prefix (per-, ber-, be-…), each step only while the word keeps more than two vowels.
///
/// Search applies it to every word at indexing and at query time (`SearchText`), so "perbaikan", "diperbaiki"
/// and "memperbaiki" all become "baik". Input is one lower-case ASCII word; anything else is returned as is.
public enum IndonesianStemmer {
    public static func stem(_ word: String) -> String {
        let bytes = Array(word.utf8)
        guard !bytes.isEmpty, bytes.allSatisfy({ (0x61...0x7A).contains($0) }) else { return word }
        var state = State(bytes)
        state.run()
        return String(decoding: state.word, as: UTF8.self)
    }

    private struct State {
        var word: [UInt8]
        /// Vowels left in the word: every step needs more than two.
        var measure: Int
        /// Which first- or second-order prefix was removed; the suffixes' conditions depend on it.
        var prefix = Prefix.none

        enum Prefix {
            case none
            /// di-, meng- (meng, men, me, meny, mem), ter-
            case diMengTer
            /// per-, pe-
            case per
            /// ke-, peng- (peng, pen, peny, pem)
            case kePeng
            /// ber-, be-, bel(ajar)
            case ber
        }

        init(_ word: [UInt8]) {
            self.word = word
            measure = word.filter(Self.isVowel).count
        }

        static func isVowel(_ c: UInt8) -> Bool {
            c == UInt8(ascii: "a") || c == UInt8(ascii: "e") || c == UInt8(ascii: "i") || c == UInt8(ascii: "o")
                || c == UInt8(ascii: "u")
        }

        func ends(with suffix: String) -> Bool {
            word.count >= suffix.utf8.count && word.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
        }
        func starts(with prefix: String) -> Bool { word.starts(with: prefix.utf8) }

        mutating func dropLast(_ n: Int) {
            word.removeLast(n)
            measure -= 1
        }

        /// Replaces the first `n` letters with `replacement`.
        mutating func replaceFirst(_ n: Int, with replacement: String) {
            word.replaceSubrange(0..<n, with: replacement.utf8)
            measure -= 1
        }

        mutating func run() {
            guard measure > 2 else { return }
            if let particle = ["kah", "lah", "pun"].first(where: ends) { dropLast(particle.utf8.count) }
            guard measure > 2 else { return }
            if let possessive = ["nya", "ku", "mu"].first(where: ends) { dropLast(possessive.utf8.count) }
            guard measure > 2 else { return }
            if removeFirstOrderPrefix() {
                if measure > 2 { removeSuffix() }
                if measure > 2 { removeSecondOrderPrefix() }
            } else {
                removeSecondOrderPrefix()
                if measure > 2 { removeSuffix() }
            }
        }

        /// The longest first-order prefix whose condition holds.
        mutating func removeFirstOrderPrefix() -> Bool {
            let word = self.word
            func followedByVowel(_ n: Int) -> Bool { word.count > n && Self.isVowel(word[n]) }
            if starts(with: "meny"), followedByVowel(4) {
                replaceFirst(4, with: "s")
                prefix = .diMengTer
            } else if starts(with: "peny"), followedByVowel(4) {
                replaceFirst(4, with: "s")
                prefix = .kePeng
            } else if starts(with: "meng") {
                replaceFirst(4, with: "")
                prefix = .diMengTer
            } else if starts(with: "peng") {
                replaceFirst(4, with: "")
                prefix = .kePeng
            } else if starts(with: "mem") {
                // "memakai" → "pakai", "membangun" → "bangun"
                replaceFirst(3, with: followedByVowel(3) ? "p" : "")
                prefix = .diMengTer
            } else if starts(with: "pem") {
                replaceFirst(3, with: followedByVowel(3) ? "p" : "")
                prefix = .kePeng
            } else if starts(with: "men") || starts(with: "ter") {
                replaceFirst(3, with: "")
                prefix = .diMengTer
            } else if starts(with: "pen") {
                replaceFirst(3, with: "")
                prefix = .kePeng
            } else if starts(with: "di") || starts(with: "me") {
                replaceFirst(2, with: "")
                prefix = .diMengTer
            } else if starts(with: "ke") {
                replaceFirst(2, with: "")
                prefix = .kePeng
            } else {
                return false
            }
            return true
        }

        /// The longest second-order prefix whose condition holds.
        mutating func removeSecondOrderPrefix() {
            if starts(with: "pelajar") {
                replaceFirst(7, with: "ajar")
            } else if starts(with: "belajar") {
                replaceFirst(7, with: "ajar")
                prefix = .ber
            } else if starts(with: "per") {
                replaceFirst(3, with: "")
                prefix = .per
            } else if starts(with: "ber") {
                replaceFirst(3, with: "")
                prefix = .ber
            } else if starts(with: "pe") {
                replaceFirst(2, with: "")
                prefix = .per
            } else if starts(with: "be"), word.count >= 5, !Self.isVowel(word[2]), word[3] == UInt8(ascii: "e"),
                word[4] == UInt8(ascii: "r")
            {
                // be- before a consonant and "er": "bekerja" → "kerja"
                replaceFirst(2, with: "")
                prefix = .ber
            }
        }

        /// The longest derivational suffix whose condition holds: -kan (not after ke-/peng-/per-),
        /// -an (not after di-/meng-/ter-), -i (not after ke-/peng-/ber-, and not in words ending "-si").
        mutating func removeSuffix() {
            if ends(with: "kan"), prefix != .kePeng, prefix != .per {
                dropLast(3)
            } else if ends(with: "an"), prefix != .diMengTer {
                dropLast(2)
            } else if ends(with: "i"), prefix == .none || prefix == .diMengTer || prefix == .per,
                !ends(with: "si")
            {
                dropLast(1)
            }
        }
    }
}
