import Fluent
import SQLKit

/// Issue 16: the moderated forum — threads by topic and kecamatan (optionally linked to a report, a proposal or a
/// news item), posts with their earlier versions, helpful marks, flags, and accounts silenced for a while.
struct CreateForum: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("forum_threads")
            .field("id", .int, .identifier(auto: true))
            .field("title", .string, .required)
            .field("topic", .string, .required)
            .field("kecamatan_id", .uuid, .references("kecamatan", "id"))
            .field("author_id", .uuid, .required, .references("users", "id"))
            .field("linked_kind", .string)
            .field("linked_key", .string)
            .field("outcome", .string)
            .field("outcome_by", .uuid, .references("users", "id"))
            .field("outcome_at", .datetime)
            .field("replies_count", .int, .required)
            .field("visible", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("last_post_at", .datetime, .required)
            .create()
        try await database.schema("forum_posts")
            .field("id", .int, .identifier(auto: true))
            .field("thread_id", .int, .required, .references("forum_threads", "id", onDelete: .cascade))
            .field("author_id", .uuid, .required, .references("users", "id"))
            .field("body", .string, .required)
            .field("quote_post_id", .int)
            .field("official", .bool, .required)
            .field("state", .string, .required)
            .field("hidden_reason", .string)
            .field("helpful_count", .int, .required)
            .field("flags_count", .int, .required)
            .field("created_at", .datetime, .required)
            .field("edited_at", .datetime)
            .create()
        try await database.schema("forum_post_versions")
            .id()
            .field("post_id", .int, .required, .references("forum_posts", "id", onDelete: .cascade))
            .field("body", .string, .required)
            .field("replaced_at", .datetime, .required)
            .create()
        try await database.schema("forum_helpful")
            .id()
            .field("post_id", .int, .required, .references("forum_posts", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .unique(on: "post_id", "user_id")
            .create()
        try await database.schema("forum_flags")
            .id()
            .field("post_id", .int, .required, .references("forum_posts", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("reason", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "post_id", "user_id")
            .create()
        try await database.schema("forum_silences")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("until", .datetime, .required)
            .field("reason", .string, .required)
            .field("by_id", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // The forum's lists: a topic's threads, newest activity first; a thread's posts in order; what waits
        // for a moderator; an author's recent posts (the limits); a linked report's or proposal's threads.
        try await sql.create(index: "forum_threads_topic_idx").on("forum_threads").column("topic")
            .column("last_post_at").run()
        try await sql.create(index: "forum_threads_activity_idx").on("forum_threads").column("last_post_at").run()
        try await sql.create(index: "forum_threads_linked_idx").on("forum_threads").column("linked_kind")
            .column("linked_key").run()
        try await sql.create(index: "forum_posts_thread_idx").on("forum_posts").column("thread_id").column("id").run()
        try await sql.create(index: "forum_posts_state_idx").on("forum_posts").column("state").run()
        try await sql.create(index: "forum_posts_author_idx").on("forum_posts").column("author_id")
            .column("created_at").run()
        try await sql.create(index: "forum_silences_user_idx").on("forum_silences").column("user_id").run()
    }

    func revert(on database: any Database) async throws {
        for table in [
            "forum_silences", "forum_flags", "forum_helpful", "forum_post_versions", "forum_posts", "forum_threads",
        ] {
            try await database.schema(table).delete()
        }
    }
}
