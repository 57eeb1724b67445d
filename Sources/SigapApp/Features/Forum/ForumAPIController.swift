import Fluent
import Foundation
import SigapCore
import Vapor

/// `GET /api/v1/forum` and `/api/v1/forum/{id}`: the public discussions for other clients, read only. The same
/// rules as the pages: a hidden post comes with its reason and without its text, a flagged one without its
/// text, a pending one only to its author and moderators; a hidden discussion is not there.
struct ForumAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.open("the forum is public; hidden posts carry only their reason").grouped("api", "v1")
        open.get("forum", use: threads)
        open.get("forum", ":id", use: thread)
    }

    struct ThreadSummary: Content {
        let id: Int
        let title: String
        let topic: String
        let kecamatan: String?
        let replies: Int
        let lastPostAt: Date
        let concluded: Bool
        let url: String

        enum CodingKeys: String, CodingKey {
            case id, title, topic, kecamatan, replies, concluded, url
            case lastPostAt = "last_post_at"
        }
    }

    struct ThreadList: Content {
        let threads: [ThreadSummary]
        let nextPage: Int?

        enum CodingKeys: String, CodingKey {
            case threads
            case nextPage = "next_page"
        }
    }

    func threads(req: Request) async throws -> ThreadList {
        let topic = req.query[String.self, at: "topic"]?.trimmedOrNil
        let page = max(1, min(req.query[Int.self, at: "page"] ?? 1, 10_000))
        let size = ForumController.pageSize
        var query = ForumThread.query(on: req.db).filter(\.$visible == true)
        if let topic { query = query.filter(\.$topic == topic) }
        let found = try await query.sort(\.$lastPostAt, .descending).range(((page - 1) * size)..<(page * size + 1))
            .all()
        let reference = try await req.reference()
        return ThreadList(
            threads: found.prefix(size).map { summary($0, reference) }, nextPage: found.count > size ? page + 1 : nil)
    }

    func summary(_ t: ForumThread, _ reference: ReferenceCache.Snapshot) -> ThreadSummary {
        ThreadSummary(
            id: t.id!, title: t.title, topic: t.topic,
            kecamatan: t.kecamatanID.flatMap { reference.kecamatanNames[$0] },
            replies: t.repliesCount, lastPostAt: t.lastPostAt, concluded: t.outcome != nil,
            url: SiteURL.forumThread(String(t.id!)))
    }

    struct PostItem: Content {
        let id: Int
        let author: String
        let official: Bool
        let createdAt: Date
        let edited: Bool
        let state: String
        /// The Markdown as written; absent when the reader may not see it.
        let body: String?
        let hiddenReason: String?
        let quotePostID: Int?
        let helpful: Int

        enum CodingKeys: String, CodingKey {
            case id, author, official, edited, state, body, helpful
            case createdAt = "created_at", hiddenReason = "hidden_reason", quotePostID = "quote_post_id"
        }
    }

    struct ThreadDetail: Content {
        let thread: ThreadSummary
        let linked: Linked?
        /// The staff-written outcome (Markdown), when the discussion is concluded.
        let outcome: String?
        let posts: [PostItem]

        struct Linked: Content {
            let kind: String
            let key: String
            let url: String
        }
    }

    func thread(req: Request) async throws -> ThreadDetail {
        guard let id = req.parameters.get("id", as: Int.self), let thread = try await ForumThread.find(id, on: req.db),
            thread.visible
        else { throw AppError.notFound() }
        let viewer = req.currentUser
        let moderator = Policy.allows(viewer?.actor, .moderateForum)
        let posts = try await ForumPost.query(on: req.db).filter(\.$threadID == id).sort(\.$id).limit(1_000).all()
            .filter {
                $0.state != .pending || $0.state.showsText(toAuthor: $0.authorID == viewer?.id, moderator: moderator)
            }
        let authors = Dictionary(
            uniqueKeysWithValues: try await User.query(on: req.db).filter(\.$id ~~ Set(posts.map(\.authorID))).all()
                .map { ($0.id!, $0.name) })
        let linked = thread.linkedKind.flatMap { kind in
            thread.linkedKey.map { ThreadDetail.Linked(kind: kind.rawValue, key: $0, url: kind.url($0)) }
        }
        return ThreadDetail(
            thread: summary(thread, try await req.reference()), linked: linked, outcome: thread.outcome,
            posts: posts.map { p in
                PostItem(
                    id: p.id!, author: authors[p.authorID] ?? "—", official: p.official, createdAt: p.createdAt,
                    edited: p.editedAt != nil, state: p.state.rawValue,
                    body: p.state.showsText(toAuthor: p.authorID == viewer?.id, moderator: moderator) ? p.body : nil,
                    hiddenReason: p.state == .hidden ? p.hiddenReason : nil, quotePostID: p.quotePostID,
                    helpful: p.helpfulCount)
            })
    }
}
