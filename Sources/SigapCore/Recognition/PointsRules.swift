import Foundation

/// Contribution points: what earns them, how many, and how a reversal is computed. The ledger is append-only —
/// a reversal is a new negative entry that brings what a source earned back to zero, never an edit.
public enum PointsRules {
    public enum Reason: String, Codable, Sendable, CaseIterable {
        /// Staff verified a citizen's report.
        case reportVerified = "laporan_diverifikasi"
        /// The reporter rated the resolution of their report.
        case reportRated = "laporan_dinilai"
        /// A Musrenbang proposal passed a level (to the kecamatan, to the agencies' forum, into the plan).
        case proposalAdvanced = "usulan_naik"
        /// Another person marked a forum post helpful.
        case postHelpful = "pos_bermanfaat"
        /// Reversal: the report was merged into another as a duplicate.
        case reportMerged = "laporan_digabung"
        /// Reversal: a moderator hid the post.
        case postHidden = "pos_disembunyikan"
        /// The moderator restored the post: what the hiding took back is given again.
        case postRestored = "pos_dipulihkan"

        /// Points for an earning reason; reversals and restorations are computed (`reversal`, `restoration`).
        public var points: Int {
            switch self {
            case .reportVerified: 10
            case .reportRated: 5
            case .proposalAdvanced: 15
            case .postHelpful: 2
            case .reportMerged, .postHidden, .postRestored: 0
            }
        }
    }

    /// The kinds of record points come from.
    public enum Source: String, Codable, Sendable {
        case report = "laporan"
        case proposal = "usulan"
        case post = "pos_forum"
    }

    /// The entry that takes back what a source has earned so far (`net`), or nil when there is nothing to take.
    public static func reversal(net: Int) -> Int? { net > 0 ? -net : nil }

    /// The entry that gives back what was taken: the source's earnings (`earned`, the positive entries) less
    /// what it holds now (`net`); nil when nothing is missing.
    public static func restoration(earned: Int, net: Int) -> Int? { earned > net ? earned - net : nil }

    /// The level a proposal passed when it moved from `from` to `to`, or nil when the move is not a step up.
    public static func levelPassed(from: ProposalStage, to: ProposalStage) -> String? {
        guard from != to else { return nil }
        switch to {
        case .atKecamatan: return "kecamatan"
        case .atForum: return "forum_opd"
        case .inPlan: return "rkpd"
        default: return nil
        }
    }

    /// "2026-11" → the first instant of that month and of the next, in `timeZone`; nil when not a month.
    public static func month(_ text: String, in timeZone: TimeZone) -> (start: Date, end: Date)? {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (2000...2100).contains(year),
            (1...12).contains(month)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard let start = calendar.date(from: DateComponents(year: year, month: month, day: 1)),
            let end = calendar.date(byAdding: .month, value: 1, to: start)
        else { return nil }
        return (start, end)
    }
}
