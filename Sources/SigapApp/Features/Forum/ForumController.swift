import Fluent
import Foundation
import SigapCore
import Vapor

/// `/forum`: the threads, a thread with its posts, and every form on them — open, reply (quoting), edit within
/// the window, helpful, flag, the staff outcome, and a moderator's hide/restore. Each form goes to a service in
/// `Forum`, which asks `Policy` and `ForumRules`.
struct ForumController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.open("the forum is a public discussion; hidden posts show only their reason")
        open.get("forum", use: list)
        open.get("forum", ":id", use: show)
        let members = routes.requiring(.postInForum)
        members.get("forum", "baru", use: newForm)
        members.post("forum", "baru", use: create)
        members.post("forum", ":id", "balas", use: reply)
        members.post("forum", "pos", ":post", "bermanfaat", use: helpful)
        members.post("forum", "pos", ":post", "tandai", use: flag)
        members.get("forum", "pos", ":post", "sunting", use: editForm)
        members.post("forum", "pos", ":post", "sunting", use: edit)
        routes.requiring(.answerInForumOfficially).post("forum", ":id", "hasil", use: conclude)
        routes.requiring(.moderateForum).post("forum", "pos", ":post", "moderasi", use: moderate)
    }

    static let pageSize = 20

    struct ListPage {
        let page: PageContext
        let threads: [ThreadRow]
        let topic: String?
        let topics: [Choice]
        let next: String?
        let previous: String?
    }

    struct ThreadRow {
        let url: String
        let title: String
        let topic: String
        let replies: Int
        let lastPost: String
        let concluded: Bool
    }

    func list(req: Request) async throws -> Response {
        let topic = req.query[String.self, at: "topik"]?.trimmedOrNil
        let page = max(1, min(req.query[Int.self, at: "hal"] ?? 1, 10_000))
        let reference = try await req.reference()
        var query = ForumThread.query(on: req.db).filter(\.$visible == true)
        if let topic { query = query.filter(\.$topic == topic) }
        let threads = try await query.sort(\.$lastPostAt, .descending).range(
            ((page - 1) * Self.pageSize)..<(page * Self.pageSize + 1)
        ).all()
        let base = SiteURL.forum + "?" + (topic.map { "topik=\($0)&" } ?? "")
        return req.page(
            ListPage(
                page: PageContext(req, title: req.t("forum.title")),
                threads: threads.prefix(Self.pageSize).map { t in
                    ThreadRow(
                        url: SiteURL.forumThread(String(t.id!)), title: t.title,
                        topic: req.forumTopicName(t.topic, reference), replies: t.repliesCount,
                        lastPost: req.localDateTime(t.lastPostAt), concluded: t.outcome != nil)
                },
                topic: topic, topics: req.forumTopicChoices(reference),
                next: threads.count > Self.pageSize ? base + "hal=\(page + 1)" : nil,
                previous: page > 1 ? base + "hal=\(page - 1)" : nil))
    }

    struct NewInput: Content {
        var title: String?
        var topic: String?
        var kecamatan: String?
        var linkedKind: String?
        var linkedKey: String?
        var body: String?

        enum CodingKeys: String, CodingKey {
            case title, topic, kecamatan, body
            case linkedKind = "linked_kind", linkedKey = "linked_key"
        }
    }

    struct NewPage {
        let page: PageContext
        let form: FormState
        let topics: [Choice]
        let kecamatan: [Choice]
    }

    func newForm(req: Request) async throws -> Response {
        var values: [String: String] = [:]
        // "Discuss this" from a report's or a proposal's page.
        if let number = req.query[String.self, at: "laporan"] {
            values = ["linked_kind": SearchKind.report.rawValue, "linked_key": number]
        } else if let number = req.query[String.self, at: "usulan"] {
            values = ["linked_kind": SearchKind.proposal.rawValue, "linked_key": number]
        }
        return try await renderNew(req, FormState(values: values))
    }

    func renderNew(_ req: Request, _ form: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let reference = try await req.reference()
        return req.page(
            NewPage(
                page: PageContext(req, title: req.t("forum.new")), form: form,
                topics: req.forumTopicChoices(reference), kecamatan: reference.kecamatanChoices),
            status: status)
    }

    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(NewInput.self)
        do {
            let thread = try await Forum.open(
                .init(
                    title: input.title, topic: input.topic, kecamatanCode: input.kecamatan,
                    linkedKind: input.linkedKind, linkedKey: input.linkedKey, body: input.body),
                context: req.context)
            return req.redirect(to: SiteURL.forumThread(String(thread.id!)), redirectType: .normal)
        } catch let error as AppError where [.conflict, .unprocessableEntity].contains(error.status) {
            var form = FormState(values: [
                "title": input.title ?? "", "topic": input.topic ?? "", "kecamatan": input.kecamatan ?? "",
                "linked_kind": input.linkedKind ?? "", "linked_key": input.linkedKey ?? "", "body": input.body ?? "",
            ])
            form.errors = error.fields.mapValues { req.t($0) }
            form.error = error.fields.isEmpty ? req.message(of: error) : req.t("error.422")
            return try await renderNew(req, form, status: error.status)
        }
    }

    func show(req: Request) async throws -> Response {
        try await ForumThreadPage.render(try Self.threadID(req), req: req)
    }

    static func threadID(_ req: Request) throws -> Int {
        guard let id = req.parameters.get("id").flatMap(Int.init) else { throw AppError.notFound() }
        return id
    }

    static func postID(_ req: Request) throws -> Int {
        guard let id = req.parameters.get("post").flatMap(Int.init) else { throw AppError.notFound() }
        return id
    }

    struct TextInput: Content {
        var body: String?
        var quote: Int?
        var reason: String?
        var decision: String?
        var outcome: String?
    }

    /// Runs a form's service, which returns the anchor to land on; a refusal comes back on the thread's page
    /// with its message.
    private func answer(_ req: Request, thread: Int, _ body: () async throws -> String) async throws -> Response {
        let anchor: String
        do {
            anchor = try await body()
        } catch let error as AppError where [.conflict, .unprocessableEntity].contains(error.status) {
            let message = error.fields.values.first.map { req.t($0) } ?? req.message(of: error)
            return try await ForumThreadPage.render(
                thread, req: req, form: FormState(error: message), status: error.status)
        }
        return req.redirect(to: SiteURL.forumThread(String(thread)) + anchor, redirectType: .normal)
    }

    func reply(req: Request) async throws -> Response {
        let thread = try Self.threadID(req)
        let input = try req.content.decode(TextInput.self)
        return try await answer(req, thread: thread) {
            let post = try await Forum.reply(to: thread, body: input.body, quoting: input.quote, context: req.context)
            return "#pos-\(post.id!)"
        }
    }

    func helpful(req: Request) async throws -> Response {
        let post = try await Self.post(req)
        return try await answer(req, thread: post.threadID) {
            try await Forum.markHelpful(post.id!, context: req.context)
            return "#pos-\(post.id!)"
        }
    }

    func flag(req: Request) async throws -> Response {
        let post = try await Self.post(req)
        let input = try req.content.decode(TextInput.self)
        return try await answer(req, thread: post.threadID) {
            _ = try await Forum.flag(post.id!, reason: input.reason, context: req.context)
            req.setNotice("forum.flagged")
            return "#pos-\(post.id!)"
        }
    }

    func moderate(req: Request) async throws -> Response {
        let post = try await Self.post(req)
        let input = try req.content.decode(TextInput.self)
        guard let decision = input.decision.flatMap(ForumRules.ModeratorDecision.init(rawValue:)) else {
            throw AppError.invalid(["decision": "forum.decision_unknown"])
        }
        let back = req.query[String.self, at: "kembali"] == "antrean"
        let response = try await answer(req, thread: post.threadID) {
            _ = try await Forum.moderate(post.id!, decision, reason: input.reason, context: req.context)
            return "#pos-\(post.id!)"
        }
        return back && response.status == .seeOther
            ? req.redirect(to: SiteURL.forumModeration, redirectType: .normal) : response
    }

    func conclude(req: Request) async throws -> Response {
        let thread = try Self.threadID(req)
        let input = try req.content.decode(TextInput.self)
        return try await answer(req, thread: thread) {
            try await Forum.conclude(thread, outcome: input.outcome, context: req.context)
            return ""
        }
    }

    struct EditPage {
        let page: PageContext
        let form: FormState
        let action: String
        let back: String
    }

    func editForm(req: Request) async throws -> Response {
        let post = try await Self.post(req)
        guard post.authorID == req.currentUser?.id else { throw AppError.forbidden() }
        return req.page(
            EditPage(
                page: PageContext(req, title: req.t("forum.edit")), form: FormState(values: ["body": post.body]),
                action: SiteURL.forumPost(post.id!) + "/sunting", back: SiteURL.forumThread(String(post.threadID))))
    }

    func edit(req: Request) async throws -> Response {
        let post = try await Self.post(req)
        let input = try req.content.decode(TextInput.self)
        do {
            _ = try await Forum.edit(post.id!, body: input.body, context: req.context)
        } catch let error as AppError where [.conflict, .unprocessableEntity].contains(error.status) {
            var form = FormState(values: ["body": input.body ?? ""])
            form.error = error.fields.values.first.map { req.t($0) } ?? req.message(of: error)
            return req.page(
                EditPage(
                    page: PageContext(req, title: req.t("forum.edit")), form: form,
                    action: SiteURL.forumPost(post.id!) + "/sunting",
                    back: SiteURL.forumThread(String(post.threadID))),
                status: error.status)
        }
        return req.redirect(
            to: SiteURL.forumThread(String(post.threadID)) + "#pos-\(post.id!)", redirectType: .normal)
    }

    static func post(_ req: Request) async throws -> ForumPost {
        guard let post = try await ForumPost.find(try postID(req), on: req.db) else { throw AppError.notFound() }
        return post
    }
}

extension Request {
    func forumTopicName(_ code: String, _ reference: ReferenceCache.Snapshot) -> String {
        reference.categories[code]?.name ?? t("forum.topic.\(code)")
    }

    func forumTopicChoices(_ reference: ReferenceCache.Snapshot) -> [Choice] {
        ForumTopics.all(reference).map {
            Choice(value: $0.code, label: $0.name.isEmpty ? t("forum.topic.\($0.code)") : $0.name)
        }
    }
}
