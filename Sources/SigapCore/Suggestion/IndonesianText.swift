import Foundation

/// Turns what citizens type into comparable words: lower case, everyday abbreviations spelled out, filler words
/// dropped, and affixes stripped so "berlubang", "lubangnya" and "dilubangi" all count as "lubang".
public enum IndonesianText {
    /// The features of `text`: word stems, plus pairs of neighbouring stems ("lampu merah" is not "lampu").
    public static func features(_ text: String) -> [String] {
        let stems = words(text).map(stem)
        guard stems.count > 1 else { return stems }
        return stems + zip(stems, stems.dropFirst()).map { "\($0)_\($1)" }
    }

    /// Lower-cased words without filler, abbreviations expanded, reduplication ("lubang2", "lepas-lepas")
    /// collapsed.
    public static func words(_ text: String) -> [String] {
        var result: [String] = []
        for token in tokens(text) {
            for expanded in (slang[token] ?? token).split(separator: " ").map(String.init)
            where expanded.count > 1 && !stopwords.contains(expanded) && expanded.contains(where: \.isLetter) {
                // "lepas-lepas" arrives as two equal words; keep one
                if result.last != expanded { result.append(expanded) }
            }
        }
        return result
    }

    /// The runs of letters and digits of `text`, lower case, accents folded, a repetition digit dropped
    /// ("lubang2" → "lubang"): what both category suggestions and search start from.
    public static func tokens(_ text: String) -> [String] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        var result: [String] = []
        var current = ""
        func flush() {
            defer { current = "" }
            guard !current.isEmpty else { return }
            var word = current
            while let last = word.last, last.isNumber, word.contains(where: \.isLetter) { word.removeLast() }
            result.append(word)
        }
        for character in folded {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else {
                flush()
            }
        }
        flush()
        return result
    }

    /// A light, rule-based stemmer (after Nazief–Adriani): particles, possessives, then one derivational
    /// suffix and up to two prefixes, never leaving fewer than four letters.
    public static func stem(_ word: String) -> String {
        guard word.count > 4, !keepWhole.contains(word) else { return word }
        var stem = word
        func strip(suffixes: [String]) {
            for suffix in suffixes where stem.hasSuffix(suffix) && stem.count - suffix.count >= 4 {
                stem.removeLast(suffix.count)
                return
            }
        }
        strip(suffixes: ["lah", "kah", "pun"])
        strip(suffixes: ["nya", "ku", "mu"])
        strip(suffixes: ["kan", "an", "i"])
        for _ in 0..<2 {
            var stripped = false
            // Only the longest matching prefix is tried: "menyapu" is "meny-" + "apu", never "men-" + "yapu".
            if let (prefix, replacement) = prefixes.first(where: { stem.hasPrefix($0.0) }) {
                let candidate = replacement + stem.dropFirst(prefix.count)
                if candidate.count >= 4 {
                    stem = candidate
                    stripped = true
                }
            }
            if !stripped { break }
        }
        return stem
    }

    /// Longest first. Nasal prefixes restore the initial consonant they replaced ("menyapu" → "sapu",
    /// "memotong" → "potong", "penerangan" → "terang").
    static let prefixes: [(String, String)] = [
        ("meny", "s"), ("peny", "s"), ("meng", ""), ("peng", ""), ("mem", "p"), ("pem", "p"), ("men", "t"),
        ("pen", "t"), ("ber", ""), ("ter", ""), ("per", ""), ("me", ""), ("pe", ""), ("di", ""), ("ke", ""),
        ("se", ""),
    ]

    /// Words whose start looks like a prefix but is not ("pedagang", "pendidikan", "terminal", …), or whose
    /// ending looks like a suffix ("jalan", "bantuan" would lose meaning).
    static let keepWhole: Set<String> = [
        "pedagang", "pendidikan", "penduduk", "kependudukan", "perizinan", "pelayanan", "terminal", "sekolah",
        "pemerintah", "pemerintahan", "perda", "petugas", "pegawai", "pengaduan", "kesehatan", "kebersihan",
        "jalan", "jembatan", "bantuan", "perumahan", "pertanian", "peternakan", "kecamatan", "kelurahan", "lapangan",
        "taman", "bidan", "keluarga", "kelahiran", "kematian", "anggaran", "informasi", "pencemaran", "lingkungan",
        "selokan", "genangan", "tagihan", "pelajaran", "kendaraan", "perempatan", "persimpangan", "pembangunan",
        "perangkat", "pemuda", "penerangan", "perawat", "pengemis", "pengamen", "kesehatan", "makan", "tanaman",
        "sampah", "saluran", "siswa", "pasien", "layanan", "bangunan", "tanggul", "menara", "kantor",
    ]

    /// Everyday spellings and abbreviations, mapped to the standard word(s).
    static let slang: [String: String] = [
        "gak": "tidak", "ga": "tidak", "nggak": "tidak", "enggak": "tidak", "tdk": "tidak", "gk": "tidak",
        "udah": "sudah", "udh": "sudah", "sdh": "sudah", "blm": "belum", "yg": "yang", "dgn": "dengan",
        "jln": "jalan", "jl": "jalan", "bgt": "banget", "krn": "karena", "utk": "untuk", "tp": "tapi",
        "sy": "saya", "gw": "saya", "gue": "saya", "aku": "saya", "dr": "dari", "bs": "bisa", "dpt": "dapat",
        "dapet": "dapat", "pake": "pakai", "ancur": "hancur", "numpuk": "tumpuk", "mampet": "tersumbat",
        "nyuruh": "suruh", "bikin": "buat", "ngetem": "tunggu penumpang", "rs": "rumah sakit",
        "pkl": "pedagang kaki lima", "pju": "lampu jalan", "kk": "kartu keluarga",
        "e": "", "el": "", "dll": "", "dsb": "", "tsb": "", "sd": "sekolah", "smp": "sekolah", "sma": "sekolah",
        "smk": "sekolah", "wa": "whatsapp", "hp": "ponsel", "bpk": "bapak", "ibu2": "ibu",
        "pdam": "pdam air", "bansos": "bansos bantuan", "blt": "blt bantuan", "pkh": "pkh bantuan",
        "dukcapil": "dukcapil kependudukan", "disdukcapil": "dukcapil kependudukan",
    ]

    /// Words that say nothing about the category.
    static let stopwords: Set<String> = [
        "yang", "di", "ke", "dari", "dan", "atau", "ini", "itu", "saya", "kami", "kita", "ada", "sudah", "belum",
        "tidak", "dengan", "untuk", "pada", "karena", "sangat", "sekali", "mohon", "tolong", "pak", "bu", "bapak",
        "ibu", "juga", "sejak", "sampai", "akan", "bisa", "masih", "lagi", "jadi", "kalau", "tapi", "namun",
        "setiap", "tiap", "hari", "minggu", "bulan", "tahun", "banyak", "mereka", "dia", "nya", "lah", "pun",
        "agar", "segera", "para", "oleh", "dalam", "sebagai", "telah", "harus", "perlu", "tersebut", "adalah",
        "banget", "padahal", "kemarin", "sekarang", "selalu", "sering", "jarang", "hanya", "lebih", "kurang",
        "sama", "semua", "apa", "kenapa", "mengapa", "bagaimana", "siapa", "kapan", "dimana", "mana", "tanpa",
        "lalu", "kali", "satu", "dua", "tiga", "empat", "lima", "sebulan", "seminggu", "orang", "kata", "katanya",
        "begitu", "seperti", "tentang", "terus", "baru", "lama", "malam", "pagi", "siang", "sore", "the", "of",
        "kampung", "desa", "dusun", "rt", "rw", "warga", "rumah", "depan", "belakang", "dekat", "pinggir",
    ]
}
