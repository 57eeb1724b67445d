import Fluent
import Foundation
import SigapCore

/// A discussion: its first post holds the opening text. Public like its visible posts.
final class ForumThread: Model, @unchecked Sendable {
    static let schema = "forum_threads"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "title") var title: String
    /// A report category's code or one of `ForumTopics.general`.
    @Field(key: "topic") var topic: String
    @OptionalField(key: "kecamatan_id") var kecamatanID: UUID?
    @Field(key: "author_id") var authorID: UUID
    /// What the discussion is about, shown on both pages: `laporan` or `usulan` and its number.
    @OptionalField(key: "linked_kind") var linkedKind: SearchKind?
    @OptionalField(key: "linked_key") var linkedKey: String?
    /// The conclusion a staff member wrote, pinned at the top.
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "outcome_by") var outcomeBy: UUID?
    @OptionalField(key: "outcome_at") var outcomeAt: Date?
    @Field(key: "replies_count") var repliesCount: Int
    /// Whether its opening post is public: a hidden or waiting opening post takes the title with it.
    @Field(key: "visible") var visible: Bool
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_post_at") var lastPostAt: Date

    init() {}

    var subject: Subject { Subject(.thread, String(id ?? 0)) }
}

final class ForumPost: Model, @unchecked Sendable {
    static let schema = "forum_posts"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "thread_id") var threadID: Int
    @Field(key: "author_id") var authorID: UUID
    /// Markdown, rendered by `ForumMarkdown` with raw HTML escaped.
    @Field(key: "body") var body: String
    @OptionalField(key: "quote_post_id") var quotePostID: Int?
    /// Written by staff: shown as the government's answer.
    @Field(key: "official") var official: Bool
    @Field(key: "state") var state: ForumRules.PostState
    @OptionalField(key: "hidden_reason") var hiddenReason: String?
    @Field(key: "helpful_count") var helpfulCount: Int
    @Field(key: "flags_count") var flagsCount: Int
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "edited_at") var editedAt: Date?

    init() {}
}

/// A post's text before an edit, for moderators.
final class ForumPostVersion: Model, @unchecked Sendable {
    static let schema = "forum_post_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "post_id") var postID: Int
    @Field(key: "body") var body: String
    @Field(key: "replaced_at") var replacedAt: Date

    init() {}

    init(of post: ForumPost, at now: Date) {
        id = UUID()
        postID = post.id!
        body = post.body
        replacedAt = now
    }
}

final class ForumHelpful: Model, @unchecked Sendable {
    static let schema = "forum_helpful"

    @ID(key: .id) var id: UUID?
    @Field(key: "post_id") var postID: Int
    @Field(key: "user_id") var userID: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(postID: Int, userID: UUID, at now: Date) {
        id = UUID()
        self.postID = postID
        self.userID = userID
        createdAt = now
    }
}

final class ForumFlag: Model, @unchecked Sendable {
    static let schema = "forum_flags"

    @ID(key: .id) var id: UUID?
    @Field(key: "post_id") var postID: Int
    @Field(key: "user_id") var userID: UUID
    @Field(key: "reason") var reason: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(postID: Int, userID: UUID, reason: String, at now: Date) {
        id = UUID()
        self.postID = postID
        self.userID = userID
        self.reason = reason
        createdAt = now
    }
}

/// An account kept from posting until `until`, by a moderator, with the reason.
final class ForumSilence: Model, @unchecked Sendable {
    static let schema = "forum_silences"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "until") var until: Date
    @Field(key: "reason") var reason: String
    @Field(key: "by_id") var byID: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
