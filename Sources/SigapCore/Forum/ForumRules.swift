import Foundation

/// The forum's rules that do not need a database: who may post how much, when a post waits for a moderator or
/// hides itself, how long it can be edited.
public enum ForumRules {
    /// Configurable limits (`SIGAP_FORUM_*`); the defaults are the issue's.
    public struct Limits: Sendable, Equatable {
        /// An account younger than this is "new".
        public var newAccountAge: TimeInterval = 24 * 3600
        public var newAccountThreadsPerDay = 3
        public var newAccountRepliesPerDay = 10
        /// More links than this from a new account: the post waits for a moderator.
        public var newAccountLinks = 2
        /// Between two posts of anyone.
        public var secondsBetweenPosts: TimeInterval = 30
        /// Different people flagging a post hide it until a moderator decides.
        public var flagsToHide = 3
        public var editWindow: TimeInterval = 15 * 60

        public init() {}
    }

    /// Where a post stands.
    public enum PostState: String, Codable, Sendable, CaseIterable {
        case visible = "tampil"
        /// A new account's post with too many links: shown to its author and moderators only.
        case pending = "menunggu"
        /// Hidden by flags until a moderator decides.
        case flagged = "ditandai"
        /// Hidden by a moderator, with the reason shown in its place.
        case hidden = "disembunyikan"

        /// Whether the public (and search) see its text.
        public var isPublic: Bool { self == .visible }
        /// Waiting in the moderators' queue.
        public var needsModerator: Bool { self == .pending || self == .flagged }

        /// Whether a reader sees the post's text: everyone a visible post, its author and moderators a pending
        /// one; nobody a flagged or hidden one (a hidden post shows its reason instead), on pages and the API.
        public func showsText(toAuthor isAuthor: Bool, moderator: Bool) -> Bool {
            isPublic || (self == .pending && (isAuthor || moderator))
        }
    }

    /// What a moderator decides on a post.
    public enum ModeratorDecision: String, Codable, Sendable {
        case hide
        case restore
    }

    public enum Refusal: Error, Equatable, Sendable {
        /// Posting again within `secondsBetweenPosts`; the seconds still to wait.
        case tooFast(seconds: Int)
        case newAccountThreads(limit: Int)
        case newAccountReplies(limit: Int)
        case newAccountImages
        case silenced(until: Date)
        case editWindowClosed
        case notYours
    }

    /// What an author has posted lately, for the limits.
    public struct Recent: Sendable {
        public var lastPostAt: Date?
        public var threadsToday: Int
        public var repliesToday: Int
        public var silencedUntil: Date?

        public init(lastPostAt: Date? = nil, threadsToday: Int = 0, repliesToday: Int = 0, silencedUntil: Date? = nil) {
            self.lastPostAt = lastPostAt
            self.threadsToday = threadsToday
            self.repliesToday = repliesToday
            self.silencedUntil = silencedUntil
        }
    }

    /// Whether a post may be made now, and in which state it starts. Staff are not limited as new accounts.
    public static func check(
        text: String, opensThread: Bool, accountCreated: Date, isStaff: Bool, recent: Recent, now: Date,
        limits: Limits
    ) -> Result<PostState, Refusal> {
        if let until = recent.silencedUntil, until > now { return .failure(.silenced(until: until)) }
        if let last = recent.lastPostAt, now.timeIntervalSince(last) < limits.secondsBetweenPosts {
            return .failure(
                .tooFast(seconds: Int((limits.secondsBetweenPosts - now.timeIntervalSince(last)).rounded(.up))))
        }
        let isNew = !isStaff && now.timeIntervalSince(accountCreated) < limits.newAccountAge
        guard isNew else { return .success(.visible) }
        if opensThread, recent.threadsToday >= limits.newAccountThreadsPerDay {
            return .failure(.newAccountThreads(limit: limits.newAccountThreadsPerDay))
        }
        if !opensThread, recent.repliesToday >= limits.newAccountRepliesPerDay {
            return .failure(.newAccountReplies(limit: limits.newAccountRepliesPerDay))
        }
        if imageCount(text) > 0 { return .failure(.newAccountImages) }
        return .success(linkCount(text) > limits.newAccountLinks ? .pending : .visible)
    }

    /// A post's state after its author edits it: an edit that brings a new account's post past its allowance of
    /// links waits for a moderator, as a new post would.
    public static func afterEdit(
        _ state: PostState, text: String, accountCreated: Date, isStaff: Bool, now: Date, limits: Limits
    ) -> PostState {
        let isNew = !isStaff && now.timeIntervalSince(accountCreated) < limits.newAccountAge
        return state == .visible && isNew && linkCount(text) > limits.newAccountLinks ? .pending : state
    }

    /// Whether the author may still edit a post written at `posted`.
    public static func mayEdit(posted: Date, isAuthor: Bool, now: Date, limits: Limits) -> Result<Void, Refusal> {
        guard isAuthor else { return .failure(.notYours) }
        guard now.timeIntervalSince(posted) <= limits.editWindow else { return .failure(.editWindowClosed) }
        return .success(())
    }

    /// The state after one more flag from a different person.
    public static func afterFlag(_ state: PostState, flags: Int, limits: Limits) -> PostState {
        state == .visible && flags >= limits.flagsToHide ? .flagged : state
    }

    /// Links in Markdown text: `[text](url)` targets and bare web addresses, each counted once.
    public static func linkCount(_ text: String) -> Int {
        let lower = text.lowercased()
        var count = 0
        for marker in ["http://", "https://", "www."] {
            count += lower.components(separatedBy: marker).count - 1
        }
        // "https://www.…" counted twice above
        count -= lower.components(separatedBy: "://www.").count - 1
        return count
    }

    /// Markdown images: `![alt](url)`.
    public static func imageCount(_ text: String) -> Int { text.components(separatedBy: "![").count - 1 }
}
