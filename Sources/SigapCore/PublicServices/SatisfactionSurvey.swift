import Foundation

/// The national public-satisfaction survey (Survei Kepuasan Masyarakat, PermenPANRB 14/2017): nine elements
/// scored 1–4 in the regulation's wording, and the index computed from them.
public enum SatisfactionSurvey {
    /// The nine elements, U1–U9, in the order the regulation lists them.
    public enum Element: Int, CaseIterable, Codable, Sendable {
        case requirements = 1
        case procedure
        case completionTime
        case cost
        case product
        case competence
        case behaviour
        case complaintHandling
        case facilities

        /// "U1" … "U9".
        public var code: String { "U\(rawValue)" }

        /// The element's name, the question and its four answers (score 1 to 4), in the regulation's words.
        public var wording: (name: String, question: String, answers: [String]) {
            switch self {
            case .requirements:
                (
                    "Persyaratan",
                    "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
                    ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"]
                )
            case .procedure:
                (
                    "Sistem, mekanisme, dan prosedur",
                    "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
                    ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"]
                )
            case .completionTime:
                (
                    "Waktu penyelesaian",
                    "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
                    ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"]
                )
            case .cost:
                (
                    "Biaya/tarif",
                    "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
                    ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"]
                )
            case .product:
                (
                    "Produk spesifikasi jenis pelayanan",
                    "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam "
                        + "standar pelayanan dengan hasil yang diberikan?",
                    ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"]
                )
            case .competence:
                (
                    "Kompetensi pelaksana",
                    "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
                    ["Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"]
                )
            case .behaviour:
                (
                    "Perilaku pelaksana",
                    "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan "
                        + "keramahan?",
                    ["Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"]
                )
            case .complaintHandling:
                (
                    "Penanganan pengaduan, saran, dan masukan",
                    "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
                    ["Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"]
                )
            case .facilities:
                (
                    "Sarana dan prasarana",
                    "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
                    ["Buruk", "Cukup", "Baik", "Sangat baik"]
                )
            }
        }
    }

    /// One respondent's nine scores (each 1–4), by element.
    public struct Answer: Sendable, Equatable {
        public let scores: [Element: Int]

        /// nil unless every element has a score from 1 to 4.
        public init?(_ scores: [Element: Int]) {
            guard Element.allCases.allSatisfy({ (1...4).contains(scores[$0] ?? 0) }) else { return nil }
            self.scores = scores
        }
    }

    public enum Grade: String, Sendable, Equatable {
        case a = "A"
        case b = "B"
        case c = "C"
        case d = "D"

        /// The regulation's words for the quality of service.
        public var meaning: String {
            switch self {
            case .a: "Sangat baik"
            case .b: "Baik"
            case .c: "Kurang baik"
            case .d: "Tidak baik"
            }
        }
    }

    /// The index of a set of answers.
    public struct Index: Sendable, Equatable {
        public let respondents: Int
        /// NRR per element: the sum of its scores ÷ the number of answers.
        public let averages: [Element: Double]
        /// IKM = Σ (NRR × 1/9) × 25, with exactly 1/9 — the regulation's worked example rounds the weight to
        /// 0.111, which puts a perfect service at 99.9 instead of 100.
        public let value: Double
        /// The value as published: two decimals.
        public var rounded: Double { (value * 100).rounded() / 100 }
        public let grade: Grade
        /// The elements with the lowest NRR first (ties in element order): where to improve.
        public var weakest: [Element] {
            Element.allCases.sorted { (averages[$0]!, $0.rawValue) < (averages[$1]!, $1.rawValue) }
        }
    }

    /// nil when there are no answers.
    public static func index(_ answers: [Answer]) -> Index? {
        guard !answers.isEmpty else { return nil }
        var averages: [Element: Double] = [:]
        for element in Element.allCases {
            averages[element] = Double(answers.map { $0.scores[element]! }.reduce(0, +)) / Double(answers.count)
        }
        let value = Element.allCases.map { averages[$0]! * (1.0 / 9.0) }.reduce(0, +) * 25
        return Index(respondents: answers.count, averages: averages, value: value, grade: grade(value))
    }

    /// The grade of an index, read at the two decimals it is published with: A 88.31–100, B 76.61–88.30,
    /// C 65.00–76.60, D 25.00–64.99.
    public static func grade(_ value: Double) -> Grade {
        let published = (value * 100).rounded() / 100
        if published >= 88.31 { return .a }
        if published >= 76.61 { return .b }
        if published >= 65.00 { return .c }
        return .d
    }

    /// The recommended number of respondents for `population` people served in the period (Krejcie and Morgan,
    /// 1970: χ² = 3.841 for one degree of freedom at 95 %, P = 0.5, d = 0.05), rounded to the nearest whole
    /// respondent as their published table is.
    public static func recommendedSample(population: Int) -> Int {
        guard population > 0 else { return 0 }
        let chi = 3.841
        let p = 0.5
        let d = 0.05
        let n = Double(population)
        let s = chi * n * p * (1 - p) / (d * d * (n - 1) + chi * p * (1 - p))
        return min(population, Int(s.rounded()))
    }

    /// A report's reporter is invited to the survey once it is resolved (or closed after that) — not when it was
    /// closed as a duplicate of another report, which is where the service happened.
    public static func invites(after status: ReportStatus, merged: Bool) -> Bool {
        !merged && (status == .selesai || status == .ditutup)
    }
}
