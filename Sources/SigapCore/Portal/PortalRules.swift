import Foundation

/// The portal's kinds and checks.
public enum PortalRules {
    public enum AgendaKind: String, Codable, Sendable, CaseIterable {
        case dprdSitting = "sidang_dprd"
        case hearing = "rapat_dengar_pendapat"
        case reses
        case musrenbang
        case information = "sosialisasi"
        case training = "pelatihan"
    }

    public enum DocumentKind: String, Codable, Sendable, CaseIterable {
        case perda
        case perbup
        case apbd
        case budgetRealisation = "realisasi_apbd"
        case rpjmd
        case rkpd
        case dprdDecision = "keputusan_dprd"
        case dprdAgenda = "agenda_dprd"
        case minutes = "risalah"
    }

    public struct AgendaDraft: Sendable {
        public var title: String?
        public var kind: String?
        public var start: Date?
        public var end: Date?
        public var place: String?
        public var description: String?

        public init(
            title: String?, kind: String?, start: Date?, end: Date?, place: String?, description: String?
        ) {
            self.title = title
            self.kind = kind
            self.start = start
            self.end = end
            self.place = place
            self.description = description
        }
    }

    /// Field → catalog key of what is wrong; empty when the event may be saved.
    public static func problems(_ draft: AgendaDraft) -> [String: String] {
        var problems: [String: String] = [:]
        let title = draft.title?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !(5...150).contains(title.count) { problems["title"] = "portal.title_length" }
        if AgendaKind(rawValue: draft.kind ?? "") == nil { problems["kind"] = "portal.kind_unknown" }
        if draft.start == nil { problems["start"] = "portal.time_invalid" }
        if let start = draft.start, let end = draft.end, end <= start { problems["end"] = "portal.end_before_start" }
        if draft.end == nil { problems["end"] = problems["end"] ?? "portal.time_invalid" }
        if (draft.place?.trimmingCharacters(in: .whitespaces) ?? "").count < 3 {
            problems["place"] = "portal.place_required"
        }
        return problems
    }

    /// Why an event is cancelled or a document withdrawn: said in a few words (the agenda shows it, the audit
    /// log keeps it). nil when fine, else the catalog key.
    public static func withdrawalProblem(_ reason: String?) -> String? {
        let reason = ReportChecks.clean(reason)
        return (5...300).contains(reason.count) ? nil : "portal.reason_required"
    }
}
