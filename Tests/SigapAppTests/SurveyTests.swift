import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 18 (SKM): the survey after an application, once and anonymous; the counter's kiosk link, limited per
/// device and address; the index from a fixture matching the hand-computed value and grade; the raw CSV.
@Suite struct SurveyTests {
    static func scores(_ values: [Int]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: values.enumerated().map { ("u\($0.offset + 1)", String($0.element)) })
    }

    @Test func aKioskSurveyCountsOnceADeviceAnHour() async throws {
        try await withSigap { context in
            let service = try await PublicServiceTests.define(context)
            let kiosk = Browser(context.app)
            let form = try await kiosk.get("/survei/layanan/\(service.code)")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan"))
            #expect(form.headers.setCookie?[SurveyController.deviceCookie] != nil)
            let first = try await kiosk.post(
                "/survei/layanan/\(service.code)", Self.scores([4, 4, 3, 4, 3, 4, 4, 3, 3]))
            #expect(first.status == .seeOther)
            let again = try await kiosk.post(
                "/survei/layanan/\(service.code)", Self.scores([1, 1, 1, 1, 1, 1, 1, 1, 1]))
            #expect(again.status == .tooManyRequests)
            #expect(try await SurveyResponse.query(on: context.db).count() == 1)
            // Another visitor's phone at the same counter answers too; an incomplete answer is refused.
            let neighbour = Browser(context.app)
            #expect(try await neighbour.get("/survei/layanan/\(service.code)").status == .ok)
            let partial = try await neighbour.post("/survei/layanan/\(service.code)", ["u1": "4"])
            #expect(partial.status == .unprocessableEntity)
            #expect(
                try await neighbour.post("/survei/layanan/\(service.code)", Self.scores([3, 3, 3, 3, 3, 3, 3, 3, 3]))
                    .status == .seeOther)
            #expect(try await SurveyResponse.query(on: context.db).count() == 2)
            let stored = try #require(try await SurveyResponse.query(on: context.db).first())
            #expect(stored.source == .kiosk)
            #expect(stored.serviceID == service.id)
            #expect(
                try await Browser(context.app).get("/survei/layanan/\(service.code)/poster").body.string.contains(
                    "<svg class=\"qr\""))
        }
    }

    @Test func theApplicantRatesADecidedApplicationOnceAndAnonymously() async throws {
        try await withSigap { context in
            let (head, service) = try await PublicServiceTests.concertPermit(context)
            let citizen = try await Fixtures.citizen(in: context)
            let application = try await Applications.save(
                nil, for: service, .init(values: ["nama_acara": "Konser"], files: [], submit: true),
                context: context.app.context(acting: citizen))
            let browser = Browser(context.app)
            #expect(try await browser.logIn("081234567890").status == .seeOther)
            // Not before it is decided.
            #expect(try await browser.get("/survei/permohonan/\(application.number)").status == .notFound)
            _ = try await Applications.act(
                .reject, on: application.number, text: "Tanggal bentrok dengan acara lain.",
                context: context.app.context(acting: head.user))
            let page = try await browser.get("/permohonan/\(application.number)")
            #expect(page.body.string.contains("/survei/permohonan/\(application.number)"))
            #expect(try await browser.get("/survei/permohonan/\(application.number)").status == .ok)
            var answer = Self.scores([3, 2, 2, 4, 3, 3, 4, 2, 3])
            answer["comment"] = "Petugas ramah."
            answer["sex"] = "P"
            let sent = try await browser.post("/survei/permohonan/\(application.number)", answer)
            #expect(sent.status == .seeOther)
            #expect(try await browser.post("/survei/permohonan/\(application.number)", answer).status == .conflict)
            // Another citizen cannot answer for it.
            _ = try await Fixtures.citizen(phone: "081298765432", in: context)
            let other = Browser(context.app)
            #expect(try await other.logIn("081298765432").status == .seeOther)
            #expect(try await other.get("/survei/permohonan/\(application.number)").status == .notFound)
            let stored = try #require(try await SurveyResponse.query(on: context.db).first())
            #expect(stored.source == .application)
            #expect(stored.comment == "Petugas ramah.")
            // Nothing in the answer names the applicant or the application: only its agency and service.
            let columns = [stored.onceKey ?? "", stored.comment ?? "", stored.sex ?? ""].joined()
            #expect(!columns.contains(citizen.name))
            #expect(
                stored.createdAt
                    == (try await context.app.context().reference().calendar.startOfDay(context.app.context().today)))
        }
    }

    @Test func theIndexOfAFixtureIsPublishedWithItsGradeAndTheCSVHasEveryAnswer() async throws {
        try await withSigap { context in
            let service = try await PublicServiceTests.define(context)
            let rows = [
                [3, 3, 2, 4, 3, 3, 4, 2, 3], [4, 3, 3, 4, 3, 4, 4, 3, 3], [3, 4, 2, 4, 3, 3, 3, 2, 2],
                [4, 3, 3, 4, 4, 3, 4, 3, 3],
            ]
            for scores in rows {
                let row = SurveyResponse()
                row.agencyID = service.agencyID
                row.serviceID = service.id
                row.source = .kiosk
                (row.u1, row.u2, row.u3, row.u4, row.u5, row.u6, row.u7, row.u8, row.u9) = (
                    scores[0], scores[1], scores[2], scores[3], scores[4], scores[5], scores[6], scores[7], scores[8]
                )
                row.createdAt = context.clock.now
                try await row.create(on: context.db)
            }
            let page = try await Browser(context.app).get("/ikm")
            #expect(page.status == .ok)
            let text = page.body.string
            // By hand (SatisfactionSurveyTests): 79.86, grade B; U3 and U8 weakest at 2.50.
            #expect(text.contains("79.86"))
            #expect(text.contains("B (Baik)"))
            #expect(text.contains("U3 Waktu penyelesaian 2.50"))
            #expect(text.contains("Izin keramaian"))
            // The same index per agency on /transparansi.
            let transparency = try await Browser(context.app).get("/transparansi").body.string
            #expect(transparency.contains("Indeks Kepuasan Masyarakat (IKM)"))
            #expect(transparency.contains("79.86"))

            let citizen = Browser(context.app)
            _ = try await Fixtures.citizen(in: context)
            #expect(try await citizen.logIn("081234567890").status == .seeOther)
            #expect(try await citizen.get("/dasbor/ikm.csv").status == .forbidden)
            let leader = Browser(context.app)
            try await leader.logIn(try await Fixtures.staff(.pimpinan, in: context), context)
            let csv = try await leader.get("/dasbor/ikm.csv")
            #expect(csv.status == .ok)
            let lines = csv.body.string.split(separator: "\r\n")
            #expect(lines.count == 5)
            #expect(lines[1].contains("PUPR,Izin keramaian,kiosk,3,3,2,4,3,3,4,2,3"))
        }
    }

    @Test func aResolvedReportInvitesItsReporterButAMergedDuplicateDoesNot() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let client = try await APIClient.signedIn("081234567890", context)
            let resolved = try await ReportFixtures.file(client, ReportFixtures.draft())
            let duplicate = try await ReportFixtures.file(client, ReportFixtures.draft())
            let first = try #require(try await Report.query(on: context.db).filter(\.$number == resolved).first())
            first.status = .selesai
            try await first.save(on: context.db)
            let merged = try #require(try await Report.query(on: context.db).filter(\.$number == duplicate).first())
            merged.status = .ditutup
            merged.mergedIntoID = first.id
            try await merged.save(on: context.db)

            let reporter = Browser(context.app)
            #expect(try await reporter.logIn("081234567890").status == .seeOther)
            #expect(try await reporter.get(SiteURL.survey(report: resolved)).status == .ok)
            #expect(
                try await reporter.get(SiteURL.report(resolved)).body.string.contains(SiteURL.survey(report: resolved)))
            #expect(try await reporter.get(SiteURL.survey(report: duplicate)).status == .notFound)
            let page = try await reporter.get(SiteURL.report(duplicate))
            #expect(page.status == .ok)
            #expect(!page.body.string.contains(SiteURL.survey(report: duplicate)))
        }
    }
}
