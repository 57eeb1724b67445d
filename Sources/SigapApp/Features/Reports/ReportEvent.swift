import Fluent
import Foundation
import SigapCore

/// One line of a report's timeline.
final class ReportEvent: Model, @unchecked Sendable {
    static let schema = "report_events"

    /// Who may read the event.
    enum Visibility: String, Codable, Sendable {
        /// Everyone who may see the report.
        case `public`
        /// The reporter and staff (e.g. information the reporter added, their reopen reason).
        case reporter
        /// Staff only (internal notes).
        case staff
    }

    enum Kind: String, Codable, Sendable {
        case filed, verified, assigned, started, reply, note, resolved, rejected, merged, reopened, rated
        case informationAdded = "information_added"
        case photoAdded = "photo_added"
        case photoHidden = "photo_hidden"
        case supported
        /// Set by the sweep: no first response by the deadline (again at each escalation level).
        case responseLate = "response_late"
        /// Set by the sweep: still open at the resolution deadline.
        case resolutionLate = "resolution_late"
    }

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "report_id") var reportID: Int
    @Field(key: "occurred_at") var occurredAt: Date
    @Field(key: "kind") var kind: Kind
    @Field(key: "visibility") var visibility: Visibility
    @OptionalField(key: "actor_id") var actorID: UUID?
    @OptionalField(key: "actor_role") var actorRole: String?
    @OptionalField(key: "from_status") var fromStatus: ReportStatus?
    @OptionalField(key: "to_status") var toStatus: ReportStatus?
    @Field(key: "body") var body: String

    init() {}

    init(
        reportID: Int, at: Date, kind: Kind, visibility: Visibility, actor: User?, from: ReportStatus? = nil,
        to: ReportStatus? = nil, body: String = ""
    ) {
        self.reportID = reportID
        self.occurredAt = at
        self.kind = kind
        self.visibility = visibility
        self.actorID = actor?.id
        self.actorRole = actor?.role.rawValue
        self.fromStatus = from
        self.toStatus = to
        self.body = body
    }
}
