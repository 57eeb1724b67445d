import Fluent
import Foundation
import SQLKit
import SigapCore

/// The forum's services: opening threads, replying, editing within the window, helpful marks, flags,
/// moderation, silencing, and the staff-written outcome. Every write checks `Policy` and `ForumRules`, runs in
/// one transaction with its audit entry and the author's notification, and keeps the thread's search entry in
/// step (title, opening post and outcome; only while the opening post is public).
enum Forum {
    enum Problem {
        static func refused(_ refusal: ForumRules.Refusal, context: ServiceContext) -> AppError {
            switch refusal {
            case .tooFast(let seconds): .conflict("forum.too_fast", String(seconds))
            case .newAccountThreads(let limit): .conflict("forum.new_account_threads", String(limit))
            case .newAccountReplies(let limit): .conflict("forum.new_account_replies", String(limit))
            case .newAccountImages: .conflict("forum.new_account_images")
            case .silenced(let until):
                .conflict("forum.silenced", CivilDay(of: until, in: context.config.timeZone).description)
            case .editWindowClosed: .conflict("forum.edit_window_closed")
            case .notYours: .forbidden()
            }
        }
    }

    struct NewThread: Sendable {
        var title: String?
        var topic: String?
        var kecamatanCode: String?
        /// "laporan" or "usulan", and its number.
        var linkedKind: String?
        var linkedKey: String?
        var body: String?
    }

    static let titleLength = 5...150
    static let bodyLength = 2...10_000

    /// Opens a thread with its first post.
    static func open(_ new: NewThread, context: ServiceContext) async throws -> ForumThread {
        guard let user = context.actor, Policy.allows(user.actor, .postInForum) else { throw AppError.forbidden() }
        let reference = try await context.reference()
        var fields: [String: String] = [:]
        let title = ReportChecks.clean(new.title)
        if !titleLength.contains(title.count) { fields["title"] = "forum.title_length" }
        let body = ReportChecks.clean(new.body, keepNewlines: true)
        if !bodyLength.contains(body.count) { fields["body"] = "forum.body_length" }
        let topic = new.topic ?? ""
        if !ForumTopics.all(reference).contains(where: { $0.code == topic }) { fields["topic"] = "forum.topic_unknown" }
        let kecamatanID = new.kecamatanCode?.trimmedOrNil.map { reference.kecamatanByCode[$0] }
        if kecamatanID == .some(nil) { fields["kecamatan"] = "forum.kecamatan_unknown" }
        var found: (SearchKind, String)?
        if let kind = new.linkedKind?.trimmedOrNil, let key = new.linkedKey?.trimmedOrNil?.uppercased() {
            found = try await publicLink(kind, key, on: context.db)
            if found == nil { fields["linked"] = "forum.link_unknown" }
        }
        guard fields.isEmpty else { throw AppError.invalid(fields) }
        let (linkedKind, linkedKey, place) = (found?.0, found?.1, kecamatanID ?? nil)

        let (now, limits) = (context.now, context.config.forum)
        let isOfficial = Policy.allows(user.actor, .answerInForumOfficially)
        let timeZone = context.config.timeZone
        return try await context.write { db in
            let state = try await admit(body, opensThread: true, user: user, limits: limits, context: context, db: db)
            let thread = ForumThread()
            thread.title = title
            thread.topic = topic
            thread.kecamatanID = place
            thread.authorID = user.id!
            thread.linkedKind = linkedKind
            thread.linkedKey = linkedKey
            thread.repliesCount = 0
            thread.visible = state.isPublic
            thread.createdAt = now
            thread.lastPostAt = now
            try await thread.create(on: db)
            let post = ForumPost.new(in: thread, by: user, body: body, official: isOfficial, state: state, at: now)
            try await post.create(on: db)
            try await updateSearch(thread, opening: post, in: timeZone, on: db)
            try await AuditLog.record(
                "forum.thread_opened", actor: user, subjectType: "forum_thread", subjectID: String(thread.id!),
                detail: state.rawValue, on: db, at: now)
            return thread
        }
    }

    /// A reply, optionally quoting a post of the same thread. The thread's author hears about it.
    static func reply(to threadID: Int, body raw: String?, quoting: Int?, context: ServiceContext) async throws
        -> ForumPost
    {
        guard let user = context.actor, Policy.allows(user.actor, .postInForum) else { throw AppError.forbidden() }
        let body = ReportChecks.clean(raw, keepNewlines: true)
        guard bodyLength.contains(body.count) else { throw AppError.invalid(["body": "forum.body_length"]) }
        let (now, cipher, limits) = (context.now, context.cipher, context.config.forum)
        let isOfficial = Policy.allows(user.actor, .answerInForumOfficially)
        return try await context.write { db in
            guard let thread = try await ForumThread.find(threadID, on: db) else { throw AppError.notFound() }
            var quote: Int?
            if let quoting {
                guard let quoted = try await ForumPost.find(quoting, on: db), quoted.threadID == threadID else {
                    throw AppError.invalid(["quote": "forum.quote_unknown"])
                }
                quote = quoted.id
            }
            let state = try await admit(body, opensThread: false, user: user, limits: limits, context: context, db: db)
            let post = ForumPost.new(in: thread, by: user, body: body, official: isOfficial, state: state, at: now)
            post.quotePostID = quote
            try await post.create(on: db)
            thread.repliesCount += 1
            thread.lastPostAt = now
            try await thread.save(on: db)
            if thread.authorID != user.id, state == .visible {
                try await Outbox.enqueue(
                    .forumReply, about: thread.subject, payload: ["title": thread.title, "number": String(thread.id!)],
                    to: [.init(userID: thread.authorID)], cipher: cipher, on: db, now: now)
            }
            return post
        }
    }

    /// The author's edit within the window; the earlier text is kept for moderators. Editing the opening post
    /// re-indexes the thread.
    static func edit(_ postID: Int, body raw: String?, context: ServiceContext) async throws -> ForumPost {
        guard let user = context.actor else { throw AppError.forbidden() }
        let body = ReportChecks.clean(raw, keepNewlines: true)
        guard bodyLength.contains(body.count) else { throw AppError.invalid(["body": "forum.body_length"]) }
        let (now, limits) = (context.now, context.config.forum)
        let timeZone = context.config.timeZone
        return try await context.write { db in
            guard let post = try await ForumPost.find(postID, on: db) else { throw AppError.notFound() }
            if case .failure(let refusal) = ForumRules.mayEdit(
                posted: post.createdAt, isAuthor: post.authorID == user.id, now: now, limits: limits)
            {
                throw Problem.refused(refusal, context: context)
            }
            try await ForumPostVersion(of: post, at: now).create(on: db)
            post.body = body
            post.editedAt = now
            post.state = ForumRules.afterEdit(
                post.state, text: body, accountCreated: user.createdAt ?? .distantPast, isStaff: user.role.isStaff,
                now: now, limits: limits)
            try await post.save(on: db)
            try await reindexIfOpening(post, in: timeZone, on: db)
            return post
        }
    }

    /// One "bermanfaat" per person per post, never for one's own.
    static func markHelpful(_ postID: Int, context: ServiceContext) async throws {
        guard let user = context.actor, Policy.allows(user.actor, .postInForum) else { throw AppError.forbidden() }
        let now = context.now
        try await context.write { db in
            guard let post = try await ForumPost.find(postID, on: db), post.state.isPublic else {
                throw AppError.notFound()
            }
            guard post.authorID != user.id else { throw AppError.conflict("forum.helpful_own") }
            guard
                try await ForumHelpful.query(on: db).filter(\.$postID == postID).filter(\.$userID == user.id!).count()
                    == 0
            else { throw AppError.conflict("forum.helpful_twice") }
            try await ForumHelpful(postID: postID, userID: user.id!, at: now).create(on: db)
            post.helpfulCount += 1
            try await post.save(on: db)
            let kecamatanID = try await ForumThread.find(post.threadID, on: db)?.kecamatanID
            try await Points.afterHelpful(post, by: user.id!, kecamatanID: kecamatanID, on: db, at: now)
        }
    }

    /// A flag with a reason, once per person; the third different person hides the post until a moderator
    /// decides, and its author is told.
    static func flag(_ postID: Int, reason raw: String?, context: ServiceContext) async throws -> ForumPost {
        guard let user = context.actor, Policy.allows(user.actor, .postInForum) else { throw AppError.forbidden() }
        let reason = ReportChecks.clean(raw)
        guard (3...300).contains(reason.count) else { throw AppError.invalid(["reason": "forum.flag_reason_required"]) }
        let (now, cipher, limits) = (context.now, context.cipher, context.config.forum)
        let timeZone = context.config.timeZone
        return try await context.write { db in
            guard let post = try await ForumPost.find(postID, on: db) else { throw AppError.notFound() }
            guard post.authorID != user.id else { throw AppError.conflict("forum.flag_own") }
            guard
                try await ForumFlag.query(on: db).filter(\.$postID == postID).filter(\.$userID == user.id!).count()
                    == 0
            else { throw AppError.conflict("forum.flag_twice") }
            try await ForumFlag(postID: postID, userID: user.id!, reason: reason, at: now).create(on: db)
            post.flagsCount += 1
            let before = post.state
            post.state = ForumRules.afterFlag(post.state, flags: post.flagsCount, limits: limits)
            try await post.save(on: db)
            try await AuditLog.record(
                "forum.post_flagged", actor: user, subjectType: "forum_post", subjectID: String(postID),
                detail: "\(post.flagsCount): \(reason.prefix(100))", on: db, at: now)
            if before != post.state {
                try await reindexIfOpening(post, in: timeZone, on: db)
                try await tellAuthor(post, about: "forum.told.flagged", cipher: cipher, on: db, now: now)
            }
            return post
        }
    }

    /// A moderator hides a post (the reason shows in its place) or restores it.
    static func moderate(
        _ postID: Int, _ decision: ForumRules.ModeratorDecision, reason raw: String?, context: ServiceContext
    ) async throws -> ForumPost {
        guard let user = context.actor, Policy.allows(user.actor, .moderateForum) else { throw AppError.forbidden() }
        let reason = ReportChecks.clean(raw)
        if decision == .hide, !(3...300).contains(reason.count) {
            throw AppError.invalid(["reason": "forum.hide_reason_required"])
        }
        let (now, cipher) = (context.now, context.cipher)
        let timeZone = context.config.timeZone
        return try await context.write { db in
            guard let post = try await ForumPost.find(postID, on: db) else { throw AppError.notFound() }
            post.state = decision == .hide ? .hidden : .visible
            post.hiddenReason = decision == .hide ? reason : nil
            try await post.save(on: db)
            try await Points.afterModeration(post, hidden: decision == .hide, on: db, at: now)
            try await reindexIfOpening(post, in: timeZone, on: db)
            try await AuditLog.record(
                "forum.post_\(decision.rawValue)", actor: user, subjectType: "forum_post", subjectID: String(postID),
                detail: reason, on: db, at: now)
            try await tellAuthor(
                post, about: decision == .hide ? "forum.told.hidden" : "forum.told.restored", cipher: cipher, on: db,
                now: now)
            return post
        }
    }

    /// Keeps an account from posting for `days` days.
    static func silence(_ userID: UUID, days: Int, reason raw: String?, context: ServiceContext) async throws {
        guard let moderator = context.actor, Policy.allows(moderator.actor, .moderateForum) else {
            throw AppError.forbidden()
        }
        let reason = ReportChecks.clean(raw)
        var fields: [String: String] = [:]
        if !(1...365).contains(days) { fields["days"] = "forum.silence_days_invalid" }
        if !(3...300).contains(reason.count) { fields["reason"] = "forum.flag_reason_required" }
        guard fields.isEmpty else { throw AppError.invalid(fields) }
        let (now, cipher) = (context.now, context.cipher)
        try await context.write { db in
            guard let member = try await User.find(userID, on: db) else { throw AppError.notFound() }
            let silence = ForumSilence()
            silence.id = UUID()
            silence.userID = userID
            silence.until = now.addingTimeInterval(Double(days) * 86_400)
            silence.reason = reason
            silence.byID = moderator.id!
            silence.createdAt = now
            try await silence.create(on: db)
            try await AuditLog.record(
                "forum.account_silenced", actor: moderator, subjectType: "account", subjectID: userID.uuidString,
                detail: "\(days) days: \(reason)", on: db, at: now)
            try await Outbox.enqueue(
                .forumModerated, about: nil, payload: ["title": "", "text": "forum.told.silenced"],
                to: [.init(userID: member.id)], cipher: cipher, on: db, now: now)
        }
    }

    /// The outcome of a discussion, written by staff and pinned at the top; it is part of what search finds.
    static func conclude(_ threadID: Int, outcome raw: String?, context: ServiceContext) async throws {
        guard let user = context.actor, Policy.allows(user.actor, .answerInForumOfficially) else {
            throw AppError.forbidden()
        }
        let outcome = ReportChecks.clean(raw, keepNewlines: true)
        guard (10...5_000).contains(outcome.count) else { throw AppError.invalid(["outcome": "forum.outcome_length"]) }
        let now = context.now
        let timeZone = context.config.timeZone
        try await context.write { db in
            guard let thread = try await ForumThread.find(threadID, on: db) else { throw AppError.notFound() }
            thread.outcome = outcome
            thread.outcomeBy = user.id
            thread.outcomeAt = now
            try await thread.save(on: db)
            if let opening = try await opening(of: threadID, on: db) {
                try await updateSearch(thread, opening: opening, in: timeZone, on: db)
            }
            try await AuditLog.record(
                "forum.thread_concluded", actor: user, subjectType: "forum_thread", subjectID: String(threadID),
                detail: String(outcome.prefix(200)), on: db, at: now)
        }
    }

    // MARK: - helpers

    /// The author's limits, checked inside the write (on PostgreSQL the author's row is locked, so two posts at
    /// once are counted one after the other).
    private static func admit(
        _ body: String, opensThread: Bool, user: User, limits: ForumRules.Limits, context: ServiceContext,
        db: any Database
    ) async throws -> ForumRules.PostState {
        let now = context.now
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            _ = try await sql.raw("SELECT id FROM users WHERE id = \(bind: user.id!) FOR UPDATE").all()
        }
        let dayAgo = now.addingTimeInterval(-86_400)
        let posts = ForumPost.query(on: db).filter(\.$authorID == user.id!)
        let last = try await posts.copy().sort(\.$createdAt, .descending).first()?.createdAt
        let postsToday = try await posts.copy().filter(\.$createdAt > dayAgo).count()
        let threadsToday = try await ForumThread.query(on: db).filter(\.$authorID == user.id!)
            .filter(\.$createdAt > dayAgo).count()
        let silenced = try await ForumSilence.query(on: db).filter(\.$userID == user.id!).filter(\.$until > now)
            .sort(\.$until, .descending).first()?.until
        let recent = ForumRules.Recent(
            lastPostAt: last, threadsToday: threadsToday, repliesToday: postsToday - threadsToday,
            silencedUntil: silenced)
        switch ForumRules.check(
            text: body, opensThread: opensThread, accountCreated: user.createdAt ?? .distantPast,
            isStaff: user.role.isStaff,
            recent: recent, now: now, limits: limits)
        {
        case .success(let state): return state
        case .failure(let refusal): throw Problem.refused(refusal, context: context)
        }
    }

    /// A report or proposal the public may read, to link a thread to.
    static func publicLink(_ kind: String, _ key: String, on db: any Database) async throws -> (SearchKind, String)? {
        guard let kind = SearchKind(rawValue: kind), kind == .report || kind == .proposal else { return nil }
        let exists = try await (db as! any SQLDatabase).select().column("key").from("search_entries")
            .where("kind", .equal, kind.rawValue).where("key", .equal, key).first()
        return exists == nil ? nil : (kind, key)
    }

    static func opening(of threadID: Int, on db: any Database) async throws -> ForumPost? {
        try await ForumPost.query(on: db).filter(\.$threadID == threadID).sort(\.$id).first()
    }

    private static func reindexIfOpening(_ post: ForumPost, in timeZone: TimeZone, on db: any Database)
        async throws
    {
        guard let opening = try await opening(of: post.threadID, on: db), opening.id == post.id,
            let thread = try await ForumThread.find(post.threadID, on: db)
        else { return }
        try await updateSearch(thread, opening: post, in: timeZone, on: db)
    }

    /// A thread is found by its title, opening post and outcome while the opening post is public.
    static func updateSearch(
        _ thread: ForumThread, opening: ForumPost, in timeZone: TimeZone, on db: any Database
    ) async throws {
        if thread.visible != opening.state.isPublic {
            thread.visible = opening.state.isPublic
            try await thread.save(on: db)
        }
        guard opening.state.isPublic else {
            try await SearchIndex.remove(.thread, String(thread.id!), on: db)
            return
        }
        try await SearchIndex.put(
            [
                .init(
                    kind: .thread, key: String(thread.id!), title: thread.title,
                    body: [opening.body, thread.outcome].compactMap { $0 }.joined(separator: "\n"),
                    year: CivilDay(of: thread.createdAt, in: timeZone).year,
                    kecamatanID: thread.kecamatanID, occurredAt: thread.createdAt)
            ], on: db)
    }

    private static func tellAuthor(
        _ post: ForumPost, about text: String, cipher: FieldCipher, on db: any Database, now: Date
    ) async throws {
        guard let thread = try await ForumThread.find(post.threadID, on: db) else { return }
        try await Outbox.enqueue(
            .forumModerated, about: thread.subject,
            payload: ["title": thread.title, "number": String(thread.id!), "text": text],
            to: [.init(userID: post.authorID)], cipher: cipher, on: db, now: now)
    }
}

extension ForumPost {
    static func new(
        in thread: ForumThread, by user: User, body: String, official: Bool, state: ForumRules.PostState, at now: Date
    ) -> ForumPost {
        let post = ForumPost()
        post.threadID = thread.id!
        post.authorID = user.id!
        post.body = body
        post.official = official
        post.state = state
        post.helpfulCount = 0
        post.flagsCount = 0
        post.createdAt = now
        return post
    }
}

/// What threads are about: the report categories, then a few general topics.
enum ForumTopics {
    struct Topic {
        let code: String
        let name: String
    }

    static let general = ["umum", "kebijakan", "pembangunan", "kegiatan-warga"]

    static func all(_ reference: ReferenceCache.Snapshot) -> [Topic] {
        reference.categories.values.filter(\.active).sorted { $0.name < $1.name }.map {
            Topic(code: $0.code, name: $0.name)
        } + general.map { Topic(code: $0, name: "") }
    }
}

/// The discussions about a report or a proposal, for its page (`forum_threads_linked_idx`).
enum ForumLinks {
    struct Discussion {
        let title: String
        let url: String
    }

    static func about(_ kind: SearchKind, _ key: String, on db: any Database) async throws -> [Discussion] {
        // Written out (`forum_threads_linked_idx`): every report page asks, and through Fluent the question cost
        // more than the report itself.
        try await (db as! any SQLDatabase).raw(
            """
            SELECT id, title FROM forum_threads
            WHERE linked_kind = \(bind: kind.rawValue) AND linked_key = \(bind: key) AND visible = \(bind: true)
            ORDER BY last_post_at DESC LIMIT 10
            """
        ).all().map { row in
            Discussion(
                title: try row.decode(column: "title", as: String.self),
                url: SiteURL.forumThread(String(try row.decode(column: "id", as: Int.self))))
        }
    }

    /// The page's section: the discussions, and a link to start one (for what the public may read).
    static func section(_ discussions: [Discussion], start: String?, _ page: Page) -> HTML {
        guard !discussions.isEmpty || start != nil else { return "" }
        return """
            <section class="discussions"><h2>\(page.t("forum.discussions"))</h2>
            \(when: !discussions.isEmpty, "<ul>\(each: discussions, { "<li><a href=\"\($0.url)\">\($0.title)</a></li>" })</ul>")
            \(some: start, { "<p><a href=\"\($0)\">\(page.t("forum.discuss"))</a></p>" })</section>
            """
    }
}
