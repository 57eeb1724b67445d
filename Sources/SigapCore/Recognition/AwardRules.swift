import Foundation

/// What a "Warga Peduli" award needs before certificates are issued for it.
public enum AwardRules {
    public struct Draft: Sendable {
        public var title: String
        public var citation: String
        public var periodFrom: CivilDay?
        public var periodTo: CivilDay?
        public var recipients: Int

        public init(title: String?, citation: String?, periodFrom: String?, periodTo: String?, recipients: Int) {
            self.title = ReportChecks.clean(title)
            self.citation = ReportChecks.clean(citation)
            self.periodFrom = periodFrom.flatMap { CivilDay($0) }
            self.periodTo = periodTo.flatMap { CivilDay($0) }
            self.recipients = recipients
        }
    }

    public static let maxRecipients = 100

    /// Field → catalog key of what is wrong; empty when the award may be given.
    public static func problems(_ draft: Draft) -> [String: String] {
        var problems: [String: String] = [:]
        if !(5...150).contains(draft.title.count) { problems["title"] = "award.title_length" }
        if !(10...1_000).contains(draft.citation.count) { problems["citation"] = "award.citation_length" }
        if let from = draft.periodFrom, let to = draft.periodTo {
            if to < from { problems["period_to"] = "award.period_order" }
        } else {
            problems["period_from"] = "award.period_required"
        }
        if !(1...maxRecipients).contains(draft.recipients) { problems["recipients"] = "award.recipients_required" }
        return problems
    }

    /// "WP-2026-0007": the region's prefix, the year, the certificate's sequence in that year.
    public static func certificateNumber(year: Int, sequence: Int) -> String {
        "WP-\(year)-" + String(format: "%04d", sequence)
    }
}
