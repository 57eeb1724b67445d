import Fluent
import Foundation
import SigapCore
import Vapor

/// `/dasbor/forum`: what waits for a moderator — posts hidden by flags (with the flags' reasons) and new
/// accounts' posts with many links — with the hide/restore form, each post's earlier versions, and silencing
/// its author for a number of days.
struct ForumModerationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let moderators = routes.requiring(.moderateForum)
        moderators.get("dasbor", "forum", use: queue)
        moderators.post("dasbor", "forum", "bungkam", use: silence)
    }

    struct QueuePage {
        let page: PageContext
        let items: [Item]
    }

    struct Item {
        let post: Int
        let threadURL: String
        let threadTitle: String
        let authorID: String
        let author: String
        let state: ForumRules.PostState
        let body: HTML
        let flags: [String]
        let versions: [String]
    }

    func queue(req: Request) async throws -> Response {
        let posts = try await ForumPost.query(on: req.db).filter(\.$state ~~ [.pending, .flagged]).sort(\.$id)
            .limit(100).all()
        let ids = posts.compactMap(\.id)
        let threads = Dictionary(
            uniqueKeysWithValues: try await ForumThread.query(on: req.db).filter(\.$id ~~ Set(posts.map(\.threadID)))
                .all().map { ($0.id!, $0) })
        let authors = Dictionary(
            uniqueKeysWithValues: try await User.query(on: req.db).filter(\.$id ~~ Set(posts.map(\.authorID))).all()
                .map { ($0.id!, $0.name) })
        let flags = Dictionary(
            grouping: try await ForumFlag.query(on: req.db).filter(\.$postID ~~ ids).all(), by: \.postID)
        let versions = Dictionary(
            grouping: try await ForumPostVersion.query(on: req.db).filter(\.$postID ~~ ids).sort(\.$replacedAt).all(),
            by: \.postID)
        return req.page(
            QueuePage(
                page: PageContext(req, title: req.t("forum.moderation")),
                items: posts.map { p in
                    Item(
                        post: p.id!, threadURL: SiteURL.forumThread(String(p.threadID)),
                        threadTitle: threads[p.threadID]?.title ?? "", authorID: p.authorID.uuidString,
                        author: authors[p.authorID] ?? "—", state: p.state, body: Markdown.html(p.body),
                        flags: (flags[p.id!] ?? []).map(\.reason), versions: (versions[p.id!] ?? []).map(\.body))
                }))
    }

    struct SilenceInput: Content {
        var user: UUID?
        var days: Int?
        var reason: String?
    }

    func silence(req: Request) async throws -> Response {
        let input = try req.content.decode(SilenceInput.self)
        guard let user = input.user else { throw AppError.invalid(["user": "forum.silence_user"]) }
        try await Forum.silence(user, days: input.days ?? 0, reason: input.reason, context: req.context)
        req.setNotice("forum.silenced_notice")
        return req.redirect(to: SiteURL.forumModeration, redirectType: .normal)
    }
}

extension ForumModerationController.QueuePage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("forum.moderation"))</h1>
        \(when: items.isEmpty, "<p>\(page.t("forum.queue_empty"))</p>")
        \(each: items, { i in
            """
            <section class="card"><h2><a href="\(i.threadURL)#pos-\(i.post)">\(i.threadTitle)</a></h2>
            <p class="hint">\(i.author) · \(page.t("forum.state.\(i.state.rawValue)"))</p>
            <div class="post-body">\(i.body)</div>
            \(when: !i.flags.isEmpty, "<p>\(page.t("forum.flag_reasons"))</p><ul>\(each: i.flags, { "<li>\($0)</li>" })</ul>")
            \(when: !i.versions.isEmpty, "<details><summary>\(page.t("forum.versions"))</summary><ol>\(each: i.versions, { "<li>\($0)</li>" })</ol></details>")
            <form method="post" action="\(SiteURL.forumPost(i.post))/moderasi?kembali=antrean">\(page.csrfField)
              <label>\(page.t("forum.hide_reason"))<input name="reason" maxlength="300"></label>
              <button type="submit" name="decision" value="hide">\(page.t("forum.hide"))</button>
              <button type="submit" name="decision" value="restore" class="secondary">\(page.t("forum.restore"))</button>
            </form>
            <details><summary>\(page.t("forum.silence"))</summary>
            <form method="post" action="\(SiteURL.forumModeration)/bungkam">\(page.csrfField)
              <input type="hidden" name="user" value="\(i.authorID)">
              <label>\(page.t("forum.silence_days"))<input type="number" name="days" min="1" max="365" value="7" required></label>
              <label>\(page.t("forum.silence_reason"))<input name="reason" maxlength="300" required></label>
              <button type="submit" class="secondary">\(page.t("forum.silence"))</button>
            </form></details>
            </section>
            """
        })
        """
    }
}
