import Crypto
import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 18: an agency defines a service; a citizen applies with documents; a correction round stops the
/// clock; approval signs a result only its applicant can download and anyone can verify; rejection; nobody
/// else sees an application.
@Suite struct PublicServiceTests {
    static let fields = """
        Nama acara | teks | wajib
        Perkiraan peserta | angka | wajib
        NIK penanggung jawab | nik | wajib
        """

    /// The PUPR head defines a crowd-event permit through the form; returns the service.
    static func define(_ context: TestContext) async throws -> PublicService {
        let head = Browser(context.app)
        try await head.logIn(try await Fixtures.staff(.opdAdmin, agency: "PUPR", in: context), context)
        #expect(try await head.get("/dasbor/layanan").status == .ok)
        let bad = try await head.submit(
            "/dasbor/layanan/baru", ["code": "izin keramaian", "name": "Izin", "description": "x", "days": "0"])
        #expect(bad.status == .unprocessableEntity)
        let saved = try await head.submit(
            "/dasbor/layanan/baru",
            [
                "code": "izin-keramaian", "name": "Izin keramaian",
                "description": "Izin untuk acara yang mengundang massa.",
                "eligibility": "Warga berusia 17 tahun ke atas", "fields": fields,
                "requirements": "KTP | pdf, jpeg, png | wajib\nSurat pengantar RT | pdf | wajib", "days": "3",
                "fee": "0",
                "legal_basis": "Perbup 12/2024", "active": "on",
            ])
        #expect(saved.status == .seeOther)
        return try #require(try await PublicService.query(on: context.db).filter(\.$code == "izin-keramaian").first())
    }

    static let pdf = DemoPDF.make(["KTP", "Contoh"])

    /// A service with one field and no documents, defined by the PUPR head (returned too).
    static func concertPermit(_ context: TestContext) async throws -> (Fixtures.Staff, PublicService) {
        let head = try await Fixtures.staff(.opdAdmin, agency: "PUPR", in: context)
        let service = try await ServiceCatalogue.save(
            nil,
            .init(
                code: "izin-konser", name: "Izin konser", agencyCode: nil, description: "Izin konser di ruang terbuka.",
                eligibility: "", fields: "Nama acara | teks | wajib", requirements: "", days: 3, fee: 0, legalBasis: "",
                active: true),
            context: context.app.context(acting: head.user))
        return (head, service)
    }

    @Test func aCitizenAppliesACorrectionStopsTheClockAndTheSignedResultIsTheApplicantsAlone() async throws {
        try await withSigap { context in
            let service = try await Self.define(context)
            #expect(service.requirements.map(\.key) == ["ktp", "surat_pengantar_rt"])
            let catalogue = try await Browser(context.app).get("/layanan?q=keramaian")
            #expect(catalogue.body.string.contains("Izin keramaian"))
            #expect(
                try await Browser(context.app).get("/layanan/izin-keramaian").body.string.contains("Surat pengantar RT")
            )

            let citizen = try await Fixtures.citizen(in: context)
            let browser = Browser(context.app)
            #expect(try await browser.logIn("081234567890").status == .seeOther)
            #expect(try await browser.get("/layanan/izin-keramaian/ajukan").status == .ok)
            // A draft keeps what was typed, incomplete as it is.
            let draft = try await browser.postMultipart(
                "/layanan/izin-keramaian/ajukan", ["nama_acara": "Pawai budaya", "kirim": "simpan"],
                attachments: [("dok_ktp", "ktp.pdf", Self.pdf)])
            #expect(draft.status == .seeOther)
            let application = try #require(try await ServiceApplication.query(on: context.db).first())
            #expect(application.status == .draft)
            #expect(application.number == "PL-2026-000001")
            #expect(!application.valuesCipher.contains("Pawai"))  // sealed at rest
            // Submitting needs every field and document.
            let incomplete = try await browser.postMultipart(
                "/permohonan/\(application.number)/ubah", ["nama_acara": "Pawai budaya", "kirim": "ajukan"])
            #expect(incomplete.status == .unprocessableEntity)
            #expect(incomplete.body.string.contains("Unggah dokumen ini."))
            // Nothing is lost: still the one draft, and the form now saves to it.
            #expect(try await ServiceApplication.query(on: context.db).count() == 1)
            #expect(incomplete.body.string.contains("/permohonan/\(application.number)/ubah"))
            let submitted = try await browser.postMultipart(
                "/permohonan/\(application.number)/ubah",
                [
                    "nama_acara": "Pawai budaya", "perkiraan_peserta": "250",
                    "nik_penanggung_jawab": "1207014501900003", "kirim": "ajukan",
                ],
                attachments: [("dok_surat_pengantar_rt", "rt.pdf", Self.pdf)])
            #expect(submitted.status == .seeOther)
            var current = try #require(try await ServiceApplication.find(application.id, on: context.db))
            #expect(current.status == .submitted)
            let due = try #require(current.dueAt)
            let calendar = try await context.app.context().reference().calendar
            #expect(due == calendar.adding(workingDays: 3, to: try #require(current.submittedAt)))

            // Nobody else sees it: another citizen, another agency's clerk (404 both).
            let stranger = Browser(context.app)
            _ = try await Fixtures.citizen(phone: "081298765432", in: context)
            #expect(try await stranger.logIn("081298765432").status == .seeOther)
            #expect(try await stranger.get("/permohonan/\(application.number)").status == .notFound)
            let dinsos = Browser(context.app)
            try await dinsos.logIn(try await Fixtures.staff(.opdStaf, agency: "DINSOS", in: context), context)
            #expect(try await dinsos.get("/permohonan/\(application.number)").status == .notFound)
            #expect(!(try await dinsos.get("/dasbor/permohonan").body.string.contains(application.number)))
            let file = try #require(try await ApplicationFile.query(on: context.db).first())
            #expect(try await stranger.get("/permohonan/berkas/\(file.id!)").status == .notFound)

            // The agency's clerk works it: review, then ask for a correction a working day later.
            let clerkAccount = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let clerk = Browser(context.app)
            try await clerk.logIn(clerkAccount, context)
            #expect(try await clerk.get("/dasbor/permohonan").body.string.contains(application.number))
            #expect(try await clerk.get("/permohonan/\(application.number)").body.string.contains("1207014501900003"))
            _ = try await Applications.act(
                .review, on: application.number, text: nil, context: context.app.context(acting: clerkAccount.user))
            context.clock.advance(seconds: 3600)
            let asked = context.clock.now
            _ = try await Applications.act(
                .requestCorrection, on: application.number, text: "Surat RT belum ditandatangani.",
                context: context.app.context(acting: clerkAccount.user))
            current = try #require(try await ServiceApplication.find(application.id, on: context.db))
            #expect(current.status == .correction)
            #expect(current.checkAt == nil)
            let remaining = try #require(current.pausedRemaining)
            #expect(remaining == calendar.workingSeconds(from: asked, to: due))
            // The citizen takes five days; the clock did not run meanwhile.
            context.clock.advance(seconds: 5 * 86_400)
            // (Sessions end after a day: both sign in again.)
            #expect(try await browser.logIn("081234567890").status == .seeOther)
            try await clerk.logIn(clerkAccount, context)
            #expect(try await stranger.logIn("081298765432").status == .seeOther)
            #expect(try await browser.get("/permohonan/\(application.number)").body.string.contains("Perlu perbaikan"))
            let resubmitted = try await browser.postMultipart(
                "/permohonan/\(application.number)/tindakan", ["action": "resubmit"],
                attachments: [("dok_surat_pengantar_rt", "rt-ttd.pdf", Self.pdf)])
            #expect(resubmitted.status == .seeOther)
            current = try #require(try await ServiceApplication.find(application.id, on: context.db))
            #expect(current.status == .submitted)
            #expect(current.dueAt == calendar.adding(workingSeconds: remaining, to: context.clock.now))
            #expect(try await ApplicationFile.query(on: context.db).count() == 3)  // every round kept

            // Approved with a result PDF: signed, the applicant's alone, verifiable by anyone.
            let resultPDF = DemoPDF.make(["IZIN KERAMAIAN", "Nomor 1/2026"])
            let page = try await clerk.get("/permohonan/\(application.number)")
            #expect(page.body.string.contains("value=\"approve\""))
            let approved = try await clerk.postMultipart(
                "/permohonan/\(application.number)/tindakan",
                ["action": "approve", "text": "Silakan diambil aslinya."],
                attachments: [("hasil", "izin.pdf", resultPDF)])
            #expect(approved.status == .seeOther)
            current = try #require(try await ServiceApplication.find(application.id, on: context.db))
            #expect(current.status == .approved)
            let digest = SHA256.hash(data: resultPDF).map { String(format: "%02x", $0) }.joined()
            #expect(current.resultDigest == digest)
            let download = try await browser.get("/permohonan/\(application.number)/hasil")
            #expect(download.status == .ok)
            #expect(Data(download.body.readableBytesView) == resultPDF)
            #expect(try await clerk.get("/permohonan/\(application.number)/hasil").status == .notFound)
            #expect(try await stranger.get("/permohonan/\(application.number)/hasil").status == .notFound)
            let credential = try await browser.get("/permohonan/\(application.number)/hasil.json")
            #expect(credential.status == .ok)
            let json = try JSONValue.parse(credential.body.string)
            #expect(json["credentialSubject"]?["documentSha256"] == .string(digest))
            let verified = try await Browser(context.app).submit("/verifikasi", ["credential": credential.body.string])
            #expect(verified.body.string.contains("SAH: ditandatangani penerbit"))
            let forged = try await Browser(context.app).submit(
                "/verifikasi",
                ["credential": credential.body.string.replacingOccurrences(of: digest, with: String(digest.reversed()))]
            )
            #expect(forged.body.string.contains("TIDAK SAH"))

            let told = try await OutboxMessage.query(on: context.db).filter(\.$recipientUserID == citizen.id!)
                .filter(\.$event == .applicationUpdated).filter(\.$channel == .inApp).count()
            #expect(told == 4)  // submitted, in review, correction asked, approved
            let kinds = try await HistoryEvent.of(current.subject, on: context.db).all().map(\.kind)
            #expect(kinds == [.submitted, .reviewed, .correctionRequested, .resubmitted, .approved])
        }
    }

    @Test func aRejectionNeedsAReasonAndEndsTheApplication() async throws {
        try await withSigap { context in
            let head = try await Fixtures.staff(.opdAdmin, agency: "PUPR", in: context)
            let service = try await ServiceCatalogue.save(
                nil,
                .init(
                    code: "izin-konser", name: "Izin konser", agencyCode: nil,
                    description: "Izin untuk konser musik di ruang terbuka.", eligibility: "", fields: Self.fields,
                    requirements: "", days: 3, fee: 0, legalBasis: "", active: true),
                context: context.app.context(acting: head.user))
            let citizen = try await Fixtures.citizen(in: context)
            let application = try await Applications.save(
                nil, for: service,
                .init(
                    values: [
                        "nama_acara": "Konser", "perkiraan_peserta": "5000", "nik_penanggung_jawab": "1207010101900003",
                    ],
                    files: [], submit: false),
                context: context.app.context(acting: citizen))
            #expect(application.status == .draft)
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let asClerk = context.app.context(acting: clerk.user)
            // A draft is the citizen's: staff cannot decide on it.
            let early = await ProposalTests.refusal {
                try await Applications.act(.reject, on: application.number, text: "Tidak lengkap", context: asClerk)
            }
            #expect(early?.status == .conflict)
            _ = try await Applications.save(
                application.number, for: service,
                .init(
                    values: [
                        "nama_acara": "Konser", "perkiraan_peserta": "5000", "nik_penanggung_jawab": "1207010101900003",
                    ],
                    files: [], submit: true),
                context: context.app.context(acting: citizen))
            #expect(
                await ProposalTests.refusal {
                    try await Applications.act(.reject, on: application.number, text: " ", context: asClerk)
                }?.status == .unprocessableEntity)
            let rejected = try await Applications.act(
                .reject, on: application.number, text: "Lokasi tidak memungkinkan untuk 5.000 orang.", context: asClerk)
            #expect(rejected.status == .rejected)
            #expect(rejected.finishedAt != nil)
            #expect(rejected.resultStoredName == nil)
            // The applicant cannot approve their own, and nothing moves after a decision.
            #expect(
                await ProposalTests.refusal {
                    try await Applications.act(
                        .resubmit, on: application.number, text: nil, context: context.app.context(acting: citizen))
                }?.status == .conflict)
        }
    }

    @Test func aLateApplicationIsMarkedAndEscalatedButNotWhileTheCitizenHoldsIt() async throws {
        try await withSigap { context in
            let leader = try await Fixtures.staff(.pimpinan, in: context)
            let (head, service) = try await Self.concertPermit(context)
            let citizen = try await Fixtures.citizen(in: context)
            let asCitizen = context.app.context(acting: citizen)
            let held = try await Applications.save(
                nil, for: service, .init(values: ["nama_acara": "Konser"], files: [], submit: true), context: asCitizen)
            let waiting = try await Applications.save(
                nil, for: service, .init(values: ["nama_acara": "Pawai"], files: [], submit: true), context: asCitizen)
            // The first goes back to the citizen at once: its clock stops.
            _ = try await Applications.act(
                .requestCorrection, on: held.number, text: "Lampirkan denah lokasi.",
                context: context.app.context(acting: head.user))
            let calendar = try await context.app.context().reference().calendar
            let due = try #require(waiting.dueAt)
            context.clock.advance(seconds: due.timeIntervalSince(context.clock.now) + 60)
            try await DeadlineSweep.run(context.app.context())
            let late = try #require(try await ServiceApplication.find(waiting.id, on: context.db))
            #expect(late.late)
            #expect(late.escalationLevel == 1)
            let stillHeld = try #require(try await ServiceApplication.find(held.id, on: context.db))
            #expect(!stillHeld.late)
            func told(_ user: User) async throws -> Int {
                try await OutboxMessage.query(on: context.db).filter(\.$recipientUserID == user.id!)
                    .filter(\.$event == .applicationLate).filter(\.$channel == .inApp).count()
            }
            #expect(try await told(head.user) == 1)
            #expect(try await told(leader.user) == 0)
            // A second sweep the same minute adds nothing.
            try await DeadlineSweep.run(context.app.context())
            #expect(try await told(head.user) == 1)
            // Three working days later the leadership hears of it.
            let toLeadership = calendar.adding(workingDays: ApplicationClock.daysToLeadership, to: due)
            context.clock.advance(seconds: toLeadership.timeIntervalSince(context.clock.now) + 60)
            try await DeadlineSweep.run(context.app.context())
            #expect(try await told(leader.user) == 1)
            #expect(try await ServiceApplication.find(waiting.id, on: context.db)?.escalationLevel == 2)
            let kinds = try await HistoryEvent.of(late.subject, on: context.db).all().map(\.kind)
            #expect(kinds == [.submitted, .resolutionLate, .resolutionLate])
            #expect(!(try #require(try await ServiceApplication.find(held.id, on: context.db))).late)
            // Both waiting, one of them late: on /transparansi per service.
            let transparency = try await Browser(context.app).get("/transparansi")
            #expect(transparency.status == .ok)
            #expect(transparency.body.string.contains("Izin konser"))
            #expect(transparency.body.string.contains("2 <span class=\"late\">(1 terlambat)</span>"))
        }
    }

    @Test func aDesaOfficesServiceIsWorkedByItsVillageOfficers() async throws {
        try await withSigap { context in
            let desa = try await Desa.query(on: context.db).sort(\.$code).all()
            #expect(desa.count >= 2)
            let admin = try await Fixtures.staff(.admin, in: context)
            let service = try await ServiceCatalogue.save(
                nil,
                .init(
                    code: "surat-domisili", name: "Surat keterangan domisili", agencyCode: "PUPR",
                    desaCode: desa[0].code,
                    description: "Surat keterangan domisili dari kantor desa.", eligibility: "",
                    fields: "Alamat | teks | wajib", requirements: "", days: 2, fee: 0, legalBasis: "", active: true),
                context: context.app.context(acting: admin.user))
            #expect(service.desaID == desa[0].id)
            let citizen = try await Fixtures.citizen(in: context)
            let application = try await Applications.save(
                nil, for: service, .init(values: ["alamat": "Dusun II RT 003"], files: [], submit: true),
                context: context.app.context(acting: citizen))
            #expect(application.desaID == desa[0].id)
            let officer = try await Fixtures.staff(.petugasDesa, in: context)
            officer.user.$desa.id = desa[0].id
            try await officer.user.save(on: context.db)
            let neighbour = try await Fixtures.staff(.petugasDesa, in: context)
            neighbour.user.$desa.id = desa[1].id
            try await neighbour.user.save(on: context.db)
            let here = Browser(context.app)
            try await here.logIn(officer, context)
            #expect(try await here.get("/dasbor/permohonan").body.string.contains(application.number))
            #expect(try await here.get("/permohonan/\(application.number)").status == .ok)
            let there = Browser(context.app)
            try await there.logIn(neighbour, context)
            #expect(!(try await there.get("/dasbor/permohonan").body.string.contains(application.number)))
            #expect(try await there.get("/permohonan/\(application.number)").status == .notFound)
            // Late, the village officers hear of it (with the agency's heads); the neighbouring desa does not.
            let due = try #require(application.dueAt)
            context.clock.advance(seconds: due.timeIntervalSince(context.clock.now) + 60)
            try await DeadlineSweep.run(context.app.context())
            func told(_ user: User) async throws -> Int {
                try await OutboxMessage.query(on: context.db).filter(\.$recipientUserID == user.id!)
                    .filter(\.$event == .applicationLate).filter(\.$channel == .inApp).count()
            }
            #expect(try await told(officer.user) == 1)
            #expect(try await told(neighbour.user) == 0)
            let done = try await Applications.act(
                .reject, on: application.number, text: "Alamat berada di desa lain.",
                context: context.app.context(acting: officer.user))
            #expect(done.status == .rejected)
            #expect(try await Browser(context.app).get("/layanan/surat-domisili").body.string.contains(desa[0].name))
        }
    }
}
