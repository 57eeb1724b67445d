import Fluent
import Foundation
import SigapCore

/// A dated public event: DPRD sittings and hearings, reses, Musrenbang meetings, information sessions.
final class AgendaEvent: Model, @unchecked Sendable {
    static let schema = "agenda_events"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "title") var title: String
    @Field(key: "kind") var kind: PortalRules.AgendaKind
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date
    @Field(key: "place") var place: String
    @Field(key: "description") var description: String
    @OptionalField(key: "agency_id") var agencyID: UUID?
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    /// Called off: still listed, marked, and sent to calendars as cancelled.
    @OptionalField(key: "cancelled_at") var cancelledAt: Date?
    @OptionalField(key: "cancel_reason") var cancelReason: String?

    init() {}
}

/// A public document with its PDF.
final class PortalDocument: Model, @unchecked Sendable {
    static let schema = "documents"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "kind") var kind: PortalRules.DocumentKind
    @Field(key: "number") var number: String
    @Field(key: "year") var year: Int
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    @OptionalField(key: "agency_id") var agencyID: UUID?
    @Field(key: "stored_name") var storedName: String
    @Field(key: "byte_count") var byteCount: Int
    /// The PDF's text when `pdftotext` could read it: what search finds besides the metadata.
    @OptionalField(key: "text") var text: String?
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date
    /// Withdrawn (published by mistake, the wrong file): gone from the portal and search.
    @OptionalField(key: "withdrawn_at") var withdrawnAt: Date?

    init() {}
}

/// A news item: a draft until `publishedAt`, public from then on (a future date schedules it).
final class NewsItem: Model, @unchecked Sendable {
    static let schema = "news"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    /// Markdown.
    @Field(key: "body") var body: String
    @OptionalField(key: "cover_stored_name") var coverStoredName: String?
    @OptionalField(key: "agency_id") var agencyID: UUID?
    @Field(key: "author_id") var authorID: UUID
    @OptionalField(key: "published_at") var publishedAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    func isPublic(at now: Date) -> Bool { publishedAt.map { $0 <= now } ?? false }
}
