import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Training mode: a facilitator opens a practice session (on the agenda), participants join with its code and
/// use the real forms; what they send is marked practice, never reaches a queue, statistics, search, open data
/// or a notification, the facilitator sees it, and closing the session deletes it.
@Suite struct PracticeSessionTests {
    static let practiceTitle = "Latihan jembatan gantung Kalimaya putus"
    static let realTitle = "Saluran air tersumbat di Pasar Baru"

    /// A pendamping opens a session through the form; returns its id and code.
    static func open(_ context: TestContext) async throws -> (Browser, Int, String) {
        let helper = try await AssistedFilingTests.pendamping(context).0
        let facilitator = Browser(context.app)
        try await facilitator.logIn(helper, context)
        let opened = try await facilitator.submit(
            "/latihan/kelola",
            [
                "title": "Sosialisasi Sigap kader PKK Pasar Baru", "place": "Balai Desa Pasar Baru",
                "start": "2026-11-20T09:00", "end": "2026-11-20T12:00",
            ])
        #expect(opened.status == .seeOther)
        let session = try #require(try await PracticeSession.query(on: context.db).first())
        #expect(opened.location == "/latihan/kelola/\(session.id!)")
        return (facilitator, session.id!, session.code)
    }

    static func join(_ code: String, _ context: TestContext) async throws -> Browser {
        let participant = Browser(context.app)
        let joined = try await participant.submit("/latihan", ["code": code.lowercased(), "name": "Bu Rina"])
        #expect(joined.status == .seeOther)
        return participant
    }

    static let reportFields: [String: String] = [
        "kind": "pengaduan", "category": "jalan", "title": practiceTitle,
        "description": "Jembatan gantung di dusun tiga putus, warga memutar jauh untuk ke pasar.",
        "desa": "99.01.01.1001", "privacy": "publik", "confirm": "on",
    ]

    @Test func practiceIsMarkedReachesNoQueueStatisticsSearchOpenDataOrMessageAndVanishesAtClosing() async throws {
        try await withSigap { context in
            let (facilitator, id, code) = try await Self.open(context)
            // The session is on the agenda as a sosialisasi.
            let agenda = try await Browser(context.app).get("/agenda")
            #expect(agenda.body.string.contains("Sosialisasi Sigap kader PKK Pasar Baru"))

            // A real report, filed the same way, to show each check below can see a report.
            let real = try await Browser(context.app).submit(
                "/lapor",
                Self.reportFields.merging(["title": Self.realTitle, "contact": "warga@contoh.example"]) { $1 })
            #expect(real.status == .seeOther)
            let messagesBefore = try await OutboxMessage.query(on: context.db).count()

            let participant = try await Self.join(code, context)
            let form = try await participant.get("/lapor")
            #expect(form.body.string.contains("MODE LATIHAN (Sosialisasi Sigap kader PKK Pasar Baru)"))
            let practised = try await participant.post("/lapor", Self.reportFields)
            #expect(practised.status == .seeOther)
            let entry = try #require(try await PracticeEntry.query(on: context.db).first())
            #expect(practised.location == "/latihan/hasil/\(entry.id!)")
            #expect(entry.kind == .laporan && entry.participantName == "Bu Rina" && entry.sessionID == id)
            let result = try await participant.get("/latihan/hasil/\(entry.id!)")
            #expect(result.body.string.contains("LATIHAN — tidak dikirim ke instansi mana pun"))
            #expect(result.body.string.contains("LATIHAN-\(entry.id!)"))
            // Checked the real way: a bad practice report is refused with the form's messages.
            var bad = Self.reportFields
            bad["desa"] = "00.00.00.0000"
            #expect(try await participant.post("/lapor", bad).status == .unprocessableEntity)

            // Nowhere but the practice tables.
            #expect(try await Report.query(on: context.db).count() == 1)
            #expect(try await OutboxMessage.query(on: context.db).count() == messagesBefore)
            let admin = Browser(context.app)
            try await admin.logIn(try await Fixtures.staff(.admin, in: context), context)
            let queue = try await admin.get("/dasbor/laporan")
            #expect(queue.body.string.contains(Self.realTitle) && !queue.body.string.contains(Self.practiceTitle))
            // (Results highlight the words searched for: the other words of each title show whether it was found.)
            let realNumber = try #require(try await Report.query(on: context.db).first()).number
            #expect(try await Browser(context.app).get("/cari?q=saluran").body.string.contains(realNumber))
            #expect(!(try await Browser(context.app).get("/cari?q=jembatan").body.string.contains("Kalimaya")))
            let openData = try await Browser(context.app).get("/data/laporan.csv")
            #expect(openData.body.string.contains(Self.realTitle) && !openData.body.string.contains(Self.practiceTitle))
            let api = try await Browser(context.app).get("/api/v1/reports")
            #expect(api.body.string.contains(Self.realTitle) && !api.body.string.contains(Self.practiceTitle))
            // The statistics count the real report alone.
            let home = try await Browser(context.app).get("/")
            #expect(home.body.string.contains("<span class=\"count\">1</span> laporan diterima"))

            // A practice survey, and the facilitator sees what the participant did.
            var answers = ["comment": "Antre terlalu lama."]
            for element in 1...9 { answers["u\(element)"] = "3" }
            #expect(try await participant.submit("/latihan/survei", answers).status == .seeOther)
            let watched = try await facilitator.get("/latihan/kelola/\(id)")
            #expect(watched.body.string.contains("Yang dilakukan peserta (2)"))
            #expect(watched.body.string.contains("Laporan latihan: \(Self.practiceTitle)"))
            #expect(watched.body.string.contains("Bu Rina"))
            #expect(try await facilitator.get("/latihan/hasil/\(entry.id!)").status == .ok)
            // Another visitor cannot read a participant's practice.
            #expect(try await Browser(context.app).get("/latihan/hasil/\(entry.id!)").status == .notFound)

            // Closing deletes the practice; the code stops working; the agenda keeps the event.
            let closed = try await facilitator.post("/latihan/kelola/\(id)/tutup")
            #expect(closed.status == .seeOther)
            #expect(try await PracticeEntry.query(on: context.db).count() == 0)
            #expect(try await participant.get("/latihan/hasil/\(entry.id!)").status == .notFound)
            #expect(try await participant.post("/lapor", Self.reportFields).status == .conflict)
            let late = try await Browser(context.app).submit("/latihan", ["code": code, "name": "Pak Anton"])
            #expect(late.status == .unprocessableEntity)
            #expect(try await AgendaEvent.query(on: context.db).count() == 1)
        }
    }

    @Test func onlyFacilitatorsOpenSessionsAndEachSeesTheirOwn() async throws {
        try await withSigap { context in
            let (_, id, _) = try await Self.open(context)
            let other = Browser(context.app)
            try await other.logIn(try await Fixtures.staff(.pendamping, in: context), context)
            #expect(try await other.get("/latihan/kelola/\(id)").status == .notFound)
            let clerk = Browser(context.app)
            try await clerk.logIn(try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context), context)
            #expect(try await clerk.get("/latihan/kelola").status == .forbidden)
            let admin = Browser(context.app)
            try await admin.logIn(try await Fixtures.staff(.admin, in: context), context)
            #expect(try await admin.get("/latihan/kelola/\(id)").status == .ok)
            // A wrong code is refused with the form's message.
            let wrong = try await Browser(context.app).submit("/latihan", ["code": "ZZZZ-ZZZZ", "name": "Bu Rina"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("Kode tidak dikenal"))
        }
    }

    @Test func aParticipantsEntriesAreLimitedAndASessionKeepsABoundedNumber() async throws {
        try await withSigap { context in
            let (_, _, code) = try await Self.open(context)
            let participant = try await Self.join(code, context)
            for _ in 0..<PracticeSessions.entriesPerParticipant.limit {
                #expect(try await participant.submit("/lapor", Self.reportFields).status == .seeOther)
            }
            let limit = PracticeSessions.entriesPerParticipant.limit
            #expect(try await PracticeEntry.query(on: context.db).count() == limit)
            // One more from the same participant is refused; nothing more is kept.
            #expect(try await participant.submit("/lapor", Self.reportFields).status == .tooManyRequests)
            #expect(try await PracticeEntry.query(on: context.db).count() == limit)
            // Another participant still practises, until the session holds its most.
            let second = try await Self.join(code, context)
            #expect(try await second.submit("/lapor", Self.reportFields).status == .seeOther)
            let session = try #require(try await PracticeSession.query(on: context.db).first())
            let kept = try await PracticeEntry.query(on: context.db).count()
            for n in kept..<PracticeSessions.entriesPerSession {
                let entry = PracticeEntry()
                entry.sessionID = session.id!
                entry.participantKey = "filler-\(n)"
                entry.participantName = "Peserta"
                entry.kind = .laporan
                entry.title = "Latihan"
                entry.summary = ""
                entry.createdAt = context.clock.now
                try await entry.create(on: context.db)
            }
            let full = try await second.submit("/lapor", Self.reportFields)
            #expect(full.status == .conflict)
            #expect(try await PracticeEntry.query(on: context.db).count() == PracticeSessions.entriesPerSession)
        }
    }

    @Test func aParticipantWithoutAnAccountPractisesAProposalThatNeverReachesThePlan() async throws {
        try await withSigap { context in
            // Without a session, proposing still asks a guest to sign in.
            let guest = try await Browser(context.app).get("/musrenbang/usul")
            #expect(guest.status == .seeOther && guest.location?.hasPrefix("/masuk") == true)
            let (facilitator, id, code) = try await Self.open(context)
            let participant = try await Self.join(code, context)
            let form = try await participant.get("/musrenbang/usul")
            #expect(form.status == .ok)
            #expect(
                form.body.string.contains("MODE LATIHAN")
                    && form.body.string.contains("<option value=\"99.01.01.1001\""))
            let fields = [
                "title": "Latihan: sumur bor untuk dusun tiga", "desa": "99.01.01.1001", "volume": "1",
                "unit": "unit", "cost": "25000000", "sector": "infrastruktur",
                "problem": "Latihan usulan: warga dusun tiga kekurangan air bersih di musim kemarau.",
                "confirm": "on",
            ]
            let sent = try await participant.postMultipart("/musrenbang/usul", fields)
            #expect(sent.status == .seeOther)
            let entry = try #require(try await PracticeEntry.query(on: context.db).first())
            #expect(entry.kind == .usulan && sent.location == "/latihan/hasil/\(entry.id!)")
            #expect(try await Proposal.query(on: context.db).count() == 0)
            #expect(try await facilitator.get("/latihan/kelola/\(id)").body.string.contains("sumur bor"))
        }
    }
}
