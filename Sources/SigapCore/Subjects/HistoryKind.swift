/// Every kind of line a subject's history (its public or internal timeline) can hold, one typed list.
/// Stored as the raw value in `history_events.kind`. Reports' lines come first; new subject kinds add theirs.
public enum HistoryKind: String, Codable, Sendable, CaseIterable {
    // Reports
    case filed, verified, assigned, started, reply, note, resolved, rejected, merged, reopened, rated
    case informationAdded = "information_added"
    case photoAdded = "photo_added"
    case photoHidden = "photo_hidden"
    case supported
    /// Set by the sweep: no first response by the deadline (again at each escalation level).
    case responseLate = "response_late"
    /// Set by the sweep: still open at the resolution deadline.
    case resolutionLate = "resolution_late"

    // Proposals (`rejected`, `merged` as for reports); the body holds the reason, or an amount, agency code or
    // proposal number and then "|" and the reason, as the proposal page's history reads it.
    case proposed
    case revised
    case accepted
    case returned
    case forwarded
    case mapped
    case feasible
    case notFeasible = "not_feasible"
    case reassigned
    case inPlan = "in_plan"
    case deferred
    /// A deferred proposal continued in the next cycle (on both: the old one names the new, the new the old).
    case carried
    case realisation

    // Service applications (`rejected` and `note` as for reports); the body holds the reason or what to correct.
    case submitted
    case reviewed
    case correctionRequested = "correction_requested"
    case resubmitted
    case approved
}

/// Who may read a history line.
public enum HistoryVisibility: String, Codable, Sendable {
    /// Everyone who may see the subject.
    case `public`
    /// The person the subject belongs to (a report's reporter) and staff.
    case reporter
    /// Staff only (internal notes).
    case staff
}
