import Fluent
import Foundation

/// A sosialisasi session: a facilitator (pendamping or admin) opens it with a code that participants type to
/// practise filing; it is on the agenda; closing it deletes everything practised in it.
final class PracticeSession: Model, @unchecked Sendable {
    static let schema = "practice_sessions"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "code") var code: String
    @Field(key: "title") var title: String
    @Field(key: "place") var place: String
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date
    @Field(key: "facilitator_id") var facilitatorID: UUID
    @OptionalField(key: "agenda_event_id") var agendaEventID: Int?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "closed_at") var closedAt: Date?

    init() {}
}

/// One thing a participant practised: a report, a proposal or a survey answer, kept as a short summary.
final class PracticeEntry: Model, @unchecked Sendable {
    static let schema = "practice_entries"

    enum Kind: String, Codable, Sendable {
        case laporan, usulan, survei
    }

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "session_id") var sessionID: Int
    /// A digest of the participant's secret in their browser session: only they (and the facilitator) see it.
    @Field(key: "participant_key") var participantKey: String
    @Field(key: "participant_name") var participantName: String
    @Field(key: "kind") var kind: Kind
    @Field(key: "title") var title: String
    /// What the participant filled in, as lines of "label: value".
    @Field(key: "summary") var summary: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
