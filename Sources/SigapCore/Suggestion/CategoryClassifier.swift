import Foundation

/// Suggests a report's category from its text: multinomial naive Bayes over `IndonesianText.features`, with
/// add-one smoothing. Trained from each category's name, description and keywords and from verified past
/// reports; it only suggests — people choose.
public struct CategoryClassifier: Codable, Sendable, Equatable {
    /// One piece of training text for `label` (a category code). `weight` counts it several times: a curated
    /// keyword says more about a category than one citizen's wording.
    public struct Example: Sendable {
        public let label: String
        public let text: String
        public let weight: Int

        public init(label: String, text: String, weight: Int = 1) {
            self.label = label
            self.text = text
            self.weight = weight
        }
    }

    public struct Suggestion: Sendable, Equatable {
        public let label: String
        /// Share of the probability among all categories, 0…1.
        public let probability: Double
    }

    /// Per label: how often each feature occurred, and how many features in all.
    private var counts: [String: [String: Int]] = [:]
    private var totals: [String: Int] = [:]
    private var documents: [String: Int] = [:]
    private var vocabulary: Set<String> = []

    public private(set) var examples = 0

    public init() {}

    public init(training: [Example]) {
        for example in training { learn(example) }
    }

    public var labels: [String] { counts.keys.sorted() }

    public mutating func learn(_ example: Example) {
        let features = IndonesianText.features(example.text)
        guard !features.isEmpty, example.weight > 0 else { return }
        examples += 1
        documents[example.label, default: 0] += 1
        for feature in features {
            counts[example.label, default: [:]][feature, default: 0] += example.weight
            totals[example.label, default: 0] += example.weight
            vocabulary.insert(feature)
        }
    }

    /// The `limit` most likely labels for `text`, most likely first; empty when the text has no known word.
    /// Every category has the same prior: how many reports a category received says nothing about this one.
    public func suggest(_ text: String, limit: Int = 3, among allowed: Set<String>? = nil) -> [Suggestion] {
        let features = IndonesianText.features(text).filter(vocabulary.contains)
        guard !features.isEmpty else { return [] }
        let size = Double(vocabulary.count)
        let candidates = labels.filter { allowed?.contains($0) ?? true }
        let scores = candidates.map { label -> (String, Double) in
            let seen = counts[label] ?? [:]
            let total = Double(totals[label] ?? 0)
            let score = features.reduce(0.0) { sum, feature in
                sum + log((Double(seen[feature] ?? 0) + 1) / (total + size))
            }
            return (label, score)
        }
        guard let best = scores.map(\.1).max() else { return [] }
        let normaliser = scores.reduce(0.0) { $0 + exp($1.1 - best) }
        return scores.sorted { $0.1 > $1.1 }.prefix(limit).map {
            Suggestion(label: $0.0, probability: exp($0.1 - best) / normaliser)
        }
    }
}
