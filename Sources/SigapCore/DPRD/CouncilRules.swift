import Foundation

/// What a commission and a member of the council must have before they are saved: the checks of the DPRD
/// set-up pages, apart from the look-ups (categories, agencies, accounts) only the store can answer.
public enum CouncilRules {
    public struct CommissionDraft: Sendable {
        public var code: String
        public var name: String
        /// Known category and agency codes the commission's fields cover.
        public var coveredCodes: Int

        public init(code: String?, name: String?, coveredCodes: Int) {
            self.code = ReportChecks.clean(code).uppercased()
            self.name = ReportChecks.clean(name)
            self.coveredCodes = coveredCodes
        }
    }

    /// Field → catalog key of what is wrong; empty when the commission may be saved.
    public static func problems(_ draft: CommissionDraft) -> [String: String] {
        var problems: [String: String] = [:]
        if !(1...10).contains(draft.code.count) || !draft.code.allSatisfy({ $0.isLetter || $0.isNumber }) {
            problems["code"] = "dprd.code_required"
        }
        if !(3...120).contains(draft.name.count) { problems["name"] = "dprd.name_required" }
        if draft.coveredCodes == 0 { problems["categories"] = "dprd.fields_required" }
        return problems
    }

    public struct MemberDraft: Sendable {
        public var name: String
        public var faction: String
        /// "Ketua", "Wakil Ketua", "Anggota" (the default when left empty).
        public var position: String

        public init(name: String?, faction: String?, position: String?) {
            self.name = ReportChecks.clean(name)
            self.faction = ReportChecks.clean(faction)
            let position = ReportChecks.clean(position)
            self.position = position.isEmpty ? "Anggota" : position
        }
    }

    public static func problems(_ draft: MemberDraft) -> [String: String] {
        var problems: [String: String] = [:]
        if !(3...120).contains(draft.name.count) { problems["name"] = "dprd.name_required" }
        if !(2...80).contains(draft.faction.count) { problems["faction"] = "dprd.faction_required" }
        if draft.position.count > 40 { problems["position"] = "dprd.position_length" }
        return problems
    }
}
