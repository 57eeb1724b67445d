import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 16 (forum): threads and replies, the edit window, helpful marks, flags hiding a post, the moderators'
/// queue, new accounts' limits, and Markdown that cannot carry markup.
@Suite struct ForumTests {
    struct People {
        let siti: User
        let budi: User
        let wati: User
        let andi: User
    }

    /// Four citizens whose accounts are more than a day old (no new-account limits).
    static func people(_ context: TestContext) async throws -> People {
        let people = People(
            siti: try await Fixtures.citizen(phone: "081200000001", in: context),
            budi: try await Fixtures.citizen(phone: "081200000002", in: context),
            wati: try await Fixtures.citizen(phone: "081200000003", in: context),
            andi: try await Fixtures.citizen(phone: "081200000004", in: context))
        context.clock.advance(seconds: 25 * 3600)
        return people
    }

    static func signedIn(_ phone: String, _ context: TestContext) async throws -> Browser {
        let browser = Browser(context.app)
        #expect(try await browser.logIn(phone).status == .seeOther)
        return browser
    }

    /// Opens a thread through the form; returns its id.
    static func open(
        _ browser: Browser, title: String = "Jadwal pengangkutan sampah di Kota Mulia", body: String,
        extra: [String: String] = [:]
    ) async throws -> Int {
        var fields = ["title": title, "topic": "umum", "body": body]
        fields.merge(extra) { $1 }
        let answer = try await browser.submit("/forum/baru", fields)
        #expect(answer.status == .seeOther)
        let location = try #require(answer.location)
        return try #require(Int(location.replacingOccurrences(of: "/forum/", with: "")))
    }

    static func post(_ id: Int, _ context: TestContext) async throws -> ForumPost {
        try #require(try await ForumPost.find(id, on: context.db))
    }

    @Test func aThreadGetsRepliesQuotesAndHelpfulMarksAndItsAuthorHearsOfReplies() async throws {
        try await withSigap { context in
            let p = try await Self.people(context)
            let siti = try await Self.signedIn("081200000001", context)
            let id = try await Self.open(siti, body: "Sampah di pasar hanya diangkut **dua kali** seminggu.")
            let budi = try await Self.signedIn("081200000002", context)
            let page = try await budi.get("/forum/\(id)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("<strong>dua kali</strong>"))
            let opening = try #require(try await Forum.opening(of: id, on: context.db))

            let replied = try await budi.post(
                "/forum/\(id)/balas", ["body": "Di desa kami juga.", "quote": "\(opening.id!)"])
            #expect(replied.status == .seeOther)
            let reply = try #require(
                try await ForumPost.query(on: context.db).filter(\.$threadID == id).sort(\.$id).all().last)
            #expect(replied.location == "/forum/\(id)#pos-\(reply.id!)")
            #expect(reply.quotePostID == opening.id)
            let thread = try await budi.get("/forum/\(id)")
            #expect(thread.body.string.contains("<blockquote><p class=\"hint\">Siti Aminah:</p>"))
            let told = try await OutboxMessage.query(on: context.db).filter(\.$recipientUserID == p.siti.id!)
                .filter(\.$event == .forumReply).filter(\.$channel == .inApp).count()
            #expect(told == 1)

            // Helpful: once per person, never one's own.
            #expect(try await budi.post("/forum/pos/\(opening.id!)/bermanfaat").status == .seeOther)
            let twice = try await budi.post("/forum/pos/\(opening.id!)/bermanfaat")
            #expect(twice.status == .conflict)
            #expect(twice.body.string.contains("Anda sudah menandai pos ini bermanfaat."))
            #expect(try await siti.post("/forum/pos/\(opening.id!)/bermanfaat").status == .conflict)
            #expect(try await Self.post(opening.id!, context).helpfulCount == 1)

            // Everyone waits 30 seconds between posts.
            let quick = try await budi.post("/forum/\(id)/balas", ["body": "Satu lagi."])
            #expect(quick.status == .conflict)
            #expect(quick.body.string.contains("Tunggu 30 detik"))
            context.clock.advance(seconds: 31)
            #expect(try await budi.post("/forum/\(id)/balas", ["body": "Satu lagi."]).status == .seeOther)
            #expect(try await ForumThread.find(id, on: context.db)?.repliesCount == 2)
        }
    }

    @Test func aPostCanBeEditedForFifteenMinutesAndEarlierVersionsAreKept() async throws {
        try await withSigap { context in
            _ = try await Self.people(context)
            let siti = try await Self.signedIn("081200000001", context)
            let id = try await Self.open(siti, body: "Tulisan pertama.")
            let opening = try #require(try await Forum.opening(of: id, on: context.db))
            let budi = try await Self.signedIn("081200000002", context)
            #expect(try await budi.get("/forum/pos/\(opening.id!)/sunting").status == .forbidden)
            #expect(
                try await budi.post("/forum/pos/\(opening.id!)/sunting", ["body": "Diubah orang lain"]).status
                    == .forbidden)

            context.clock.advance(seconds: 10 * 60)
            let edited = try await siti.submit(
                "/forum/pos/\(opening.id!)/sunting", ["body": "Tulisan yang diperbaiki."])
            #expect(edited.status == .seeOther)
            var post = try await Self.post(opening.id!, context)
            #expect(post.body == "Tulisan yang diperbaiki.")
            #expect(post.editedAt != nil)
            let versions = try await ForumPostVersion.query(on: context.db).filter(\.$postID == opening.id!).all()
            #expect(versions.map(\.body) == ["Tulisan pertama."])

            context.clock.advance(seconds: 6 * 60)
            let late = try await siti.post("/forum/pos/\(opening.id!)/sunting", ["body": "Terlambat."])
            #expect(late.status == .conflict)
            #expect(late.body.string.contains("Waktu untuk menyunting sudah lewat"))
            post = try await Self.post(opening.id!, context)
            #expect(post.body == "Tulisan yang diperbaiki.")
        }
    }

    @Test func threeFlagsHideAPostEverywhereUntilAModeratorDecides() async throws {
        try await withSigap { context in
            let p = try await Self.people(context)
            let siti = try await Self.signedIn("081200000001", context)
            let id = try await Self.open(
                siti, title: "Jual beli lahan makam", body: "Hubungi calo makam sekarang juga.")
            let opening = try #require(try await Forum.opening(of: id, on: context.db))
            #expect(try await SearchTests.found("calo makam", context) == [String(id)])

            for phone in ["081200000002", "081200000003"] {
                let flagger = try await Self.signedIn(phone, context)
                #expect(
                    try await flagger.submit(
                        "/forum/\(id)", to: "/forum/pos/\(opening.id!)/tandai", ["reason": "Iklan calo"]
                    ).status == .seeOther)
            }
            #expect(try await Self.post(opening.id!, context).state == .visible)
            let andi = try await Self.signedIn("081200000004", context)
            #expect(
                try await andi.submit("/forum/\(id)", to: "/forum/pos/\(opening.id!)/tandai", ["reason": "Penipuan"])
                    .status == .seeOther)
            #expect(try await andi.post("/forum/pos/\(opening.id!)/tandai", ["reason": "Lagi"]).status == .conflict)
            #expect(try await Self.post(opening.id!, context).state == .flagged)

            // Gone from the page, from search and from the search API; the author is told.
            let page = try await Browser(context.app).get("/forum/\(id)")
            #expect(page.status == .ok)
            #expect(!page.body.string.contains("calo makam sekarang"))
            #expect(page.body.string.contains("Disembunyikan sementara karena ditandai warga"))
            // The opening post takes the title with it, on the thread's page and from the list.
            #expect(page.body.string.contains("<h1>Diskusi disembunyikan</h1>"))
            #expect(!page.body.string.contains("Jual beli lahan makam"))
            #expect(!(try await Browser(context.app).get("/forum").body.string.contains("Jual beli lahan makam")))
            #expect(try await SearchTests.found("calo makam", context).isEmpty)
            let api = try await Browser(context.app).get("/api/v1/search?q=calo+makam")
            #expect(api.status == .ok)
            #expect(api.body.string.contains("\"results\":[]"))
            let told = try await OutboxMessage.query(on: context.db).filter(\.$recipientUserID == p.siti.id!)
                .filter(\.$event == .forumModerated).filter(\.$channel == .inApp).count()
            #expect(told == 1)

            // The moderators' queue: not for citizens; shows the flags' reasons; hide with a reason, restore.
            #expect(try await andi.get("/dasbor/forum").status == .forbidden)
            let moderator = Browser(context.app)
            try await moderator.logIn(try await Fixtures.staff(.moderator, in: context), context)
            let queue = try await moderator.get("/dasbor/forum")
            #expect(queue.status == .ok)
            #expect(queue.body.string.contains("Iklan calo"))
            #expect(queue.body.string.contains("Penipuan"))
            let hidden = try await moderator.post(
                "/forum/pos/\(opening.id!)/moderasi?kembali=antrean", ["decision": "hide", "reason": "Iklan terlarang"])
            #expect(hidden.status == .seeOther)
            #expect(hidden.location == "/dasbor/forum")
            let hiddenPage = try await Browser(context.app).get("/forum/\(id)")
            #expect(hiddenPage.body.string.contains("Disembunyikan moderator: Iklan terlarang"))
            #expect(!hiddenPage.body.string.contains("calo makam sekarang"))
            #expect(try await AuditEvent.query(on: context.db).filter(\.$action == "forum.post_hide").count() == 1)
            let emptyQueue = try await moderator.get("/dasbor/forum")
            #expect(emptyQueue.body.string.contains("Tidak ada pos yang menunggu."))

            #expect(
                try await moderator.post("/forum/pos/\(opening.id!)/moderasi", ["decision": "restore"]).status
                    == .seeOther)
            #expect(try await SearchTests.found("calo makam", context) == [String(id)])
            #expect(try await Browser(context.app).get("/forum/\(id)").body.string.contains("calo makam sekarang"))
            #expect(try await Browser(context.app).get("/forum").body.string.contains("Jual beli lahan makam"))
        }
    }

    @Test func theForumAPIShowsWhatThePagesShowAndNoHiddenText() async throws {
        try await withSigap { context in
            _ = try await Self.people(context)
            let siti = try await Self.signedIn("081200000001", context)
            let id = try await Self.open(siti, body: "Kapan truk sampah lewat di Pasar Baru?")
            let budi = try await Self.signedIn("081200000002", context)
            let reply = try await budi.submit(
                "/forum/\(id)", to: "/forum/\(id)/balas", ["body": "Hubungi saya di nomor rahasia 0812-5555-1234."])
            #expect(reply.status == .seeOther)
            let replyPost = try #require(
                try await ForumPost.query(on: context.db).filter(\.$threadID == id).sort(\.$id, .descending).first())
            #expect(replyPost.body.contains("0812-5555-1234"))
            let moderator = Browser(context.app)
            try await moderator.logIn(try await Fixtures.staff(.moderator, in: context), context)
            #expect(
                try await moderator.submit(
                    "/forum/\(id)", to: "/forum/pos/\(replyPost.id!)/moderasi",
                    ["decision": "hide", "reason": "Data pribadi"]
                ).status == .seeOther)

            struct Summary: Decodable { let id: Int }
            let list = try await Browser(context.app).get("/api/v1/forum")
            #expect(list.status == .ok)
            #expect(try list.content.get([Summary].self, at: "threads").map(\.id) == [id])
            let thread = try await Browser(context.app).get("/api/v1/forum/\(id)")
            #expect(thread.status == .ok)
            #expect(!thread.body.string.contains("0812-5555-1234"))
            struct Post: Decodable {
                let id: Int
                let state: String
                let body: String?
                let hidden_reason: String?
            }
            let posts = try thread.content.get([Post].self, at: "posts")
            #expect(posts.map(\.id).last == replyPost.id)
            #expect(posts.first?.body == "Kapan truk sampah lewat di Pasar Baru?")
            #expect(posts.last?.state == "disembunyikan")
            #expect(posts.last?.body == nil)
            #expect(posts.last?.hidden_reason == "Data pribadi")

            // A discussion whose opening post is hidden is not in the API at all.
            let opening = try #require(try await Forum.opening(of: id, on: context.db))
            #expect(
                try await moderator.submit(
                    "/forum/\(id)", to: "/forum/pos/\(opening.id!)/moderasi",
                    ["decision": "hide", "reason": "Di luar topik"]
                ).status == .seeOther)
            #expect(try await Browser(context.app).get("/api/v1/forum/\(id)").status == .notFound)
            #expect(
                try await Browser(context.app).get("/api/v1/forum").content.get([Summary].self, at: "threads").isEmpty)
            #expect(try await Browser(context.app).get("/api/v1/forum/999999").status == .notFound)
        }
    }

    @Test func newAccountsAreLimitedAndAModeratorCanSilenceAnyone() async throws {
        try await withSigap { context in
            // A brand-new account: the clock is not advanced.
            let fresh = try await Fixtures.citizen(phone: "081299999999", in: context)
            let browser = try await Self.signedIn("081299999999", context)
            for n in 1...3 {
                _ = try await Self.open(browser, title: "Diskusi nomor \(n) akun baru", body: "Isi \(n)")
                context.clock.advance(seconds: 31)
            }
            let fourth = try await browser.submit(
                "/forum/baru", ["title": "Diskusi keempat akun baru", "topic": "umum", "body": "Isi"])
            #expect(fourth.status == .conflict)
            #expect(fourth.body.string.contains("Akun baru bisa membuka 3 diskusi sehari."))
            let thread = try #require(try await ForumThread.query(on: context.db).first()?.id)

            let image = try await browser.post(
                "/forum/\(thread)/balas", ["body": "Lihat ![foto](https://contoh.id/a.jpg)"])
            #expect(image.status == .conflict)
            let links = "Baca https://a.id dan https://b.id serta https://c.id"
            #expect(try await browser.post("/forum/\(thread)/balas", ["body": links]).status == .seeOther)
            let waiting = try #require(try await ForumPost.query(on: context.db).filter(\.$body == links).first())
            #expect(waiting.state == .pending)
            #expect(
                try await Browser(context.app).get("/forum/\(thread)").body.string.contains("https://c.id") == false)
            #expect(try await browser.get("/forum/\(thread)").body.string.contains("Menunggu pemeriksaan moderator"))

            // A day later the account is no longer new (signed in again: the session has expired meanwhile).
            context.clock.advance(seconds: 25 * 3600)
            let dayLater = try await Self.signedIn("081299999999", context)
            #expect(
                try await dayLater.submit("/forum/\(thread)", to: "/forum/\(thread)/balas", ["body": links]).status
                    == .seeOther)
            #expect(
                try await ForumPost.query(on: context.db).filter(\.$body == links).filter(\.$state == .visible).count()
                    == 1)

            // Silenced for a week: refused with the date.
            let moderator = Browser(context.app)
            try await moderator.logIn(try await Fixtures.staff(.moderator, in: context), context)
            #expect(try await moderator.get("/dasbor/forum").status == .ok)
            let silenced = try await moderator.post(
                "/dasbor/forum/bungkam", ["user": fresh.id!.uuidString, "days": "7", "reason": "Berulang kali spam"])
            #expect(silenced.status == .seeOther)
            context.clock.advance(seconds: 60)
            let refused = try await dayLater.post("/forum/\(thread)/balas", ["body": "Masih bisa?"])
            #expect(refused.status == .conflict)
            #expect(refused.body.string.contains("Akun Anda dibatasi di forum sampai"))
            #expect(
                try await AuditEvent.query(on: context.db).filter(\.$action == "forum.account_silenced").count() == 1)
        }
    }

    @Test func markdownCannotCarryMarkupOrScriptLinks() async throws {
        try await withSigap { context in
            _ = try await Self.people(context)
            let siti = try await Self.signedIn("081200000001", context)
            let body = """
                <script>alert('x')</script> dan <img src=x onerror=alert(1)>
                [klik](javascript:alert(1)) [aman](https://pemkab.go.id/info) [kutip](https://a.id/" onmouseover="x)
                [lokal](/lapor) [miring](/\\evil.example)
                `<b>kode</b>`
                """
            let id = try await Self.open(siti, body: body)
            let html = try await Browser(context.app).get("/forum/\(id)").body.string
            let post = try #require(
                html.range(of: "<div class=\"post-body\">").map { String(html[$0.upperBound...].prefix(700)) })
            #expect(!post.contains("<script"))
            #expect(!post.contains("<img"))
            #expect(post.contains("&lt;script&gt;"))
            #expect(!post.contains("javascript:"))
            #expect(post.contains("<a href=\"https://pemkab.go.id/info\" rel=\"nofollow ugc noopener\">aman</a>"))
            #expect(!post.contains("\" onmouseover=\""))
            #expect(post.contains("<a href=\"/lapor\" rel=\"nofollow ugc noopener\">lokal</a>"))
            #expect(!post.contains("evil.example\""))
            #expect(post.contains("<code>&lt;b&gt;kode&lt;/b&gt;</code>"))
        }
    }

    @Test func staffAnswersAreOfficialAndTheOutcomeIsPinnedAndFound() async throws {
        try await withSigap { context in
            _ = try await Self.people(context)
            let siti = try await Self.signedIn("081200000001", context)
            let id = try await Self.open(siti, title: "Usulan taman bermain anak", body: "Desa kami belum punya taman.")
            #expect(try await siti.post("/forum/\(id)/hasil", ["outcome": "Ditetapkan sendiri."]).status == .forbidden)
            let officer = Browser(context.app)
            try await officer.logIn(try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context), context)
            #expect(
                try await officer.submit("/forum/\(id)", to: "/forum/\(id)/balas", ["body": "Kami catat."]).status
                    == .seeOther)
            #expect(
                try await officer.post(
                    "/forum/\(id)/hasil", ["outcome": "Taman bermain masuk usulan Musrenbang kecamatan tahun depan."]
                ).status == .seeOther)
            let page = try await Browser(context.app).get("/forum/\(id)").body.string
            #expect(page.contains("Jawaban resmi"))
            let outcome = try #require(page.range(of: "Hasil diskusi"))
            let firstPost = try #require(page.range(of: "Desa kami belum punya taman"))
            #expect(outcome.lowerBound < firstPost.lowerBound)
            #expect(try await SearchTests.found("musrenbang taman", kind: .thread, context) == [String(id)])
        }
    }

    @Test func aThreadAboutAReportShowsOnBothPagesAndOnlyPublicReportsCanBeLinked() async throws {
        try await withSigap { context in
            _ = try await Self.people(context)
            let road = try await SearchTests.file("Jalan pasar berlubang", "Lubang besar di depan pasar.", context)
            let secret = try await SearchTests.file(
                "Pungutan di pasar", "Petugas meminta uang.", privacy: "rahasia", context)
            let siti = try await Self.signedIn("081200000001", context)
            let start = try await siti.get("/forum/baru?laporan=\(road.number)")
            #expect(start.status == .ok)
            #expect(start.body.string.contains("value=\"\(road.number)\" readonly"))
            let id = try await Self.open(
                siti, title: "Kapan jalan pasar diperbaiki?", body: "Sudah sebulan.",
                extra: ["linked_kind": "laporan", "linked_key": road.number])
            let thread = try await Browser(context.app).get("/forum/\(id)")
            #expect(
                thread.body.string.contains("<a href=\"/laporan/\(road.number)\">Tentang laporan \(road.number)</a>"))
            let report = try await Browser(context.app).get("/laporan/\(road.number)")
            #expect(report.status == .ok)
            #expect(report.body.string.contains("<a href=\"/forum/\(id)\">Kapan jalan pasar diperbaiki?</a>"))
            #expect(report.body.string.contains("/forum/baru?laporan=\(road.number)"))

            context.clock.advance(seconds: 31)
            let hidden = try await siti.post(
                "/forum/baru",
                [
                    "title": "Tentang pungutan", "topic": "umum", "body": "Isi", "linked_kind": "laporan",
                    "linked_key": secret.number,
                ])
            #expect(hidden.status == .unprocessableEntity)
            #expect(hidden.body.string.contains("Nomor itu bukan laporan atau usulan publik."))
            #expect(try await ForumThread.query(on: context.db).count() == 1)

            // A discussion a moderator hides leaves the report's page with it.
            let opening = try #require(try await Forum.opening(of: id, on: context.db))
            let moderator = try await Fixtures.staff(.moderator, in: context)
            _ = try await Forum.moderate(
                opening.id!, .hide, reason: "Di luar topik", context: context.app.context(acting: moderator.user))
            context.clock.advance(seconds: 6)  // past the 5 s the anonymous page is shared
            let after = try await Browser(context.app).get("/laporan/\(road.number)")
            #expect(after.status == .ok)
            #expect(!after.body.string.contains("Kapan jalan pasar diperbaiki?"))
        }
    }
}
