import Fluent
import Foundation
import SigapCore
import Vapor

/// A thread as its reader may see it: the outcome pinned on top, then the posts in order. A hidden post shows
/// its reason instead of its text; a post waiting for a moderator is shown only to its author and moderators.
/// Each post carries the forms its reader may use.
struct ForumThreadPage {
    let page: PageContext
    let thread: ForumThread
    let topic: String
    let kecamatan: String?
    let linked: (label: String, url: String)?
    let outcome: HTML?
    let posts: [PostView]
    let form: FormState
    let canPost: Bool
    let canConclude: Bool
    let canModerate: Bool
    let quoting: Int?

    struct PostView {
        let id: Int
        let author: String
        let official: Bool
        let at: String
        let edited: Bool
        let state: ForumRules.PostState
        /// nil when its reader may not see the text (hidden, flagged, or pending for someone else).
        let body: HTML?
        let hiddenReason: String?
        let quote: (author: String, excerpt: String)?
        let helpful: Int
        let flags: Int
        let mayEdit: Bool
        let mayMark: Bool
    }

    static func render(_ id: Int, req: Request, form: FormState = FormState(), status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        guard let thread = try await ForumThread.find(id, on: req.db) else { throw AppError.notFound() }
        let reference = try await req.reference()
        let viewer = req.currentUser
        let canModerate = Policy.allows(viewer?.actor, .moderateForum)
        let posts = try await ForumPost.query(on: req.db).filter(\.$threadID == id).sort(\.$id).all()
        let authors = Dictionary(
            uniqueKeysWithValues: try await User.query(on: req.db).filter(\.$id ~~ Set(posts.map(\.authorID))).all()
                .map { ($0.id!, $0.name) })
        let byID = Dictionary(uniqueKeysWithValues: posts.map { ($0.id!, $0) })
        let limits = req.application.sigap.config.forum
        let now = req.now
        func readable(_ post: ForumPost) -> Bool {
            post.state.showsText(toAuthor: post.authorID == viewer?.id, moderator: canModerate)
        }
        var linked: (String, String)?
        if let kind = thread.linkedKind, let key = thread.linkedKey {
            linked = (req.t("forum.about.\(kind.rawValue)", key), kind.url(key))
        }
        let views = posts.map { post -> PostView in
            let quoted = post.quotePostID.flatMap { byID[$0] }
            return PostView(
                id: post.id!, author: authors[post.authorID] ?? "—", official: post.official,
                at: req.localDateTime(post.createdAt), edited: post.editedAt != nil, state: post.state,
                body: readable(post) ? Markdown.html(post.body) : nil,
                hiddenReason: post.state == .hidden ? post.hiddenReason : nil,
                quote: quoted.map { q in
                    (authors[q.authorID] ?? "—", readable(q) ? String(q.body.prefix(200)) : req.t("forum.quote_hidden"))
                },
                helpful: post.helpfulCount, flags: post.flagsCount,
                mayEdit: viewer?.id == post.authorID && now.timeIntervalSince(post.createdAt) <= limits.editWindow,
                mayMark: viewer != nil && viewer?.id != post.authorID && post.state.isPublic)
        }
        return req.page(
            ForumThreadPage(
                page: PageContext(req, title: thread.visible ? thread.title : req.t("forum.thread_hidden")),
                thread: thread,
                topic: req.forumTopicName(thread.topic, reference),
                kecamatan: thread.kecamatanID.flatMap { reference.kecamatanNames[$0] }, linked: linked,
                outcome: thread.outcome.map(Markdown.html), posts: views, form: form,
                canPost: Policy.allows(viewer?.actor, .postInForum),
                canConclude: Policy.allows(viewer?.actor, .answerInForumOfficially), canModerate: canModerate,
                quoting: req.query[Int.self, at: "kutip"]),
            status: status)
    }
}

extension ForumThreadPage: PageView {
    func render(_ page: Page) -> HTML {
        let base = SiteURL.forumThread(String(thread.id!))
        return """
            <p class="crumbs"><a href="\(SiteURL.forum)">\(page.t("forum.title"))</a> › \(topic)</p>
            <h1>\(page.frame.title)</h1>
            <p class="hint">\(topic)\(some: kecamatan, { " · \($0)" })\(some: linked, { l in " · <a href=\"\(l.url)\">\(l.label)</a>" })</p>
            \(some: form.error, { "<p class=\"error\" role=\"alert\">\($0)</p>" })
            \(some: outcome, { o in "<section class=\"card outcome\"><h2>\(page.t("forum.outcome"))</h2>\(o)</section>" })
            <ol class="posts">\(each: posts, { p in post(p, page) })</ol>
            \(when: canPost, replyForm(page, base))
            \(when: !canPost, "<p><a href=\"\(SiteURL.login)\">\(page.t("forum.sign_in_to_reply"))</a></p>")
            \(when: canConclude, """
                <details><summary>\(page.t("forum.write_outcome"))</summary>
                <form method="post" action="\(base)/hasil">\(page.csrfField)
                <label>\(page.t("forum.outcome"))<textarea name="outcome" rows="4" maxlength="5000" required>\(thread.outcome ?? "")</textarea></label>
                <button type="submit">\(page.t("forum.save_outcome"))</button></form></details>
                """)
            """
    }

    private func post(_ p: PostView, _ page: Page) -> HTML {
        let action = SiteURL.forumPost(p.id)
        return """
            <li id="pos-\(p.id)" class="post\(when: p.official, " official")">
            <p class="hint"><strong>\(p.author)</strong>\(when: p.official, " <span class=\"tag\">\(page.t("forum.official"))</span>") · \(p.at)\(when: p.edited, " · \(page.t("forum.edited"))")</p>
            \(some: p.quote, { q in "<blockquote><p class=\"hint\">\(q.author):</p><p>\(q.excerpt)</p></blockquote>" })
            \(some: p.body, { body in "<div class=\"post-body\">\(body)</div>" })
            \(when: p.state == .pending, "<p class=\"hint\">\(page.t("forum.pending"))</p>")
            \(when: p.body == nil && p.state == .hidden, "<p class=\"hint\">\(page.t("forum.hidden", p.hiddenReason ?? ""))</p>")
            \(when: p.body == nil && p.state == .flagged, "<p class=\"hint\">\(page.t("forum.flagged_hidden"))</p>")
            <p class="post-actions"><span>\(page.t("forum.helpful_count", String(p.helpful)))</span>
            \(when: p.mayMark, "<form method=\"post\" action=\"\(action)/bermanfaat\" class=\"inline\">\(page.csrfField)<button type=\"submit\" class=\"small secondary\">\(page.t("forum.helpful"))</button></form>")
            \(when: canPost && p.state.isPublic, " <a href=\"\(SiteURL.forumThread(String(thread.id!)))?kutip=\(p.id)#balas\">\(page.t("forum.quote"))</a>")
            \(when: p.mayEdit, " <a href=\"\(action)/sunting\">\(page.t("forum.edit"))</a>")</p>
            \(when: p.mayMark, """
                <details><summary>\(page.t("forum.flag"))</summary><form method="post" action="\(action)/tandai">\(page.csrfField)
                <label>\(page.t("forum.flag_reason"))<input name="reason" maxlength="300" required></label>
                <button type="submit" class="small secondary">\(page.t("forum.flag_send"))</button></form></details>
                """)
            \(when: canModerate, """
                <details><summary>\(page.t("forum.moderate")) (\(page.t("forum.flags_count", String(p.flags))))</summary>
                <form method="post" action="\(action)/moderasi">\(page.csrfField)
                <label>\(page.t("forum.hide_reason"))<input name="reason" maxlength="300"></label>
                <button type="submit" name="decision" value="hide" class="small">\(page.t("forum.hide"))</button>
                <button type="submit" name="decision" value="restore" class="small secondary">\(page.t("forum.restore"))</button></form></details>
                """)
            </li>
            """
    }

    private func replyForm(_ page: Page, _ base: String) -> HTML {
        """
        <form method="post" action="\(base)/balas" id="balas" data-once>\(page.csrfField)
        \(some: quoting, { "<input type=\"hidden\" name=\"quote\" value=\"\($0)\"><p class=\"hint\">\(page.t("forum.quoting", String($0)))</p>" })
        <label>\(page.t("forum.reply"))<textarea name="body" rows="5" maxlength="10000" required></textarea></label>
        <p class="hint">\(page.t("forum.markdown_hint"))</p>
        <button type="submit">\(page.t("forum.send"))</button>
        </form>
        """
    }
}
