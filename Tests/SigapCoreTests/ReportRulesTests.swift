import Foundation
import Testing

@testable import SigapCore

@Suite struct ReportWorkflowTests {
    let agency = UUID()
    let otherAgency = UUID()
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func facts(_ status: ReportStatus, resolvedDaysAgo: Double? = nil, rated: Bool = false) -> ReportWorkflow.Facts {
        ReportWorkflow.Facts(
            status: status, agencyID: agency, resolvedAt: resolvedDaysAgo.map { now.addingTimeInterval(-$0 * 86_400) },
            rated: rated)
    }

    /// Every report of these tests is handled by `agency`.
    func actor(_ role: Role, agencyID: UUID? = nil, isReporter: Bool = false) -> ReportActor {
        Policy.reportActor(
            Actor(id: UUID(), role: role, agencyID: agencyID), Place(agencyID: agency), isReporter: isReporter)
    }

    var clerk: ReportActor { actor(.opdStaf, agencyID: agency) }
    var reporter: ReportActor { actor(.warga, isReporter: true) }

    @Test func theHappyPathLeadsFromReceivedToResolved() {
        #expect(
            ReportWorkflow.apply(.verify, to: facts(.diterima), by: clerk, text: nil, now: now)
                == .success(.diverifikasi))
        #expect(
            ReportWorkflow.apply(.assign, to: facts(.diverifikasi), by: clerk, text: "ke PUPR", now: now)
                == .success(.didisposisikan))
        #expect(
            ReportWorkflow.apply(.start, to: facts(.didisposisikan), by: clerk, text: nil, now: now)
                == .success(.diproses))
        #expect(
            ReportWorkflow.apply(.reply, to: facts(.diproses), by: clerk, text: "Sedang dikerjakan", now: now)
                == .success(.diproses))
        #expect(
            ReportWorkflow.apply(.resolve, to: facts(.diproses), by: clerk, text: "Sudah diaspal", now: now)
                == .success(.selesai))
    }

    @Test func reasonsAreRequiredWhereTheyMatter() {
        #expect(
            ReportWorkflow.apply(.reject, to: facts(.diterima), by: clerk, text: "  ", now: now)
                == .failure(.reasonRequired))
        #expect(
            ReportWorkflow.apply(.assign, to: facts(.diterima), by: clerk, text: nil, now: now)
                == .failure(.reasonRequired))
        #expect(
            ReportWorkflow.apply(.resolve, to: facts(.diproses), by: clerk, text: "", now: now)
                == .failure(.reasonRequired))
    }

    @Test func staffOfAnotherAgencyAndCitizensCannotAct() {
        let stranger = actor(.opdAdmin, agencyID: otherAgency)
        #expect(
            ReportWorkflow.apply(.verify, to: facts(.diterima), by: stranger, text: nil, now: now)
                == .failure(.notAllowed))
        #expect(
            ReportWorkflow.apply(.verify, to: facts(.diterima), by: reporter, text: nil, now: now)
                == .failure(.notAllowed))
        let admin = actor(.admin)
        #expect(
            ReportWorkflow.apply(.verify, to: facts(.diterima), by: admin, text: nil, now: now)
                == .success(.diverifikasi))
    }

    @Test func closedReportsAcceptNoStaffTransitions() {
        for status in [ReportStatus.ditutup, .ditolak, .selesai] {
            #expect(
                ReportWorkflow.apply(.reject, to: facts(status), by: clerk, text: "x", now: now)
                    == .failure(.wrongState))
        }
    }

    @Test func theReporterMayReopenWithinTenDaysWithAReason() {
        #expect(
            ReportWorkflow.apply(
                .reopen, to: facts(.selesai, resolvedDaysAgo: 9.9), by: reporter, text: "Masih rusak", now: now)
                == .success(.dibukaKembali))
        #expect(
            ReportWorkflow.apply(
                .reopen, to: facts(.selesai, resolvedDaysAgo: 10.1), by: reporter, text: "Masih rusak", now: now)
                == .failure(.reopenWindowClosed))
        #expect(
            ReportWorkflow.apply(.reopen, to: facts(.selesai, resolvedDaysAgo: 1), by: reporter, text: nil, now: now)
                == .failure(.reasonRequired))
        #expect(
            ReportWorkflow.apply(.reopen, to: facts(.diproses), by: reporter, text: "x", now: now)
                == .failure(.wrongState))
    }

    @Test func aReportIsRatedOnceAfterItIsResolved() {
        #expect(
            ReportWorkflow.apply(.rate, to: facts(.selesai, resolvedDaysAgo: 1), by: reporter, text: nil, now: now)
                == .success(.ditutup))
        #expect(
            ReportWorkflow.apply(
                .rate, to: facts(.selesai, resolvedDaysAgo: 1, rated: true), by: reporter, text: nil, now: now)
                == .failure(.alreadyRated))
        #expect(
            ReportWorkflow.apply(.rate, to: facts(.diproses), by: reporter, text: nil, now: now)
                == .failure(.wrongState))
    }

    @Test func citizensSupportOthersOpenReportsButNotTheirOwn() {
        let neighbour = actor(.warga)
        #expect(
            ReportWorkflow.apply(.support, to: facts(.diproses), by: neighbour, text: nil, now: now)
                == .success(.diproses))
        #expect(
            ReportWorkflow.apply(.support, to: facts(.diproses), by: reporter, text: nil, now: now)
                == .failure(.notAllowed))
        #expect(
            ReportWorkflow.apply(.support, to: facts(.ditutup), by: neighbour, text: nil, now: now)
                == .failure(.wrongState))
    }
}

@Suite struct ReportChecksTests {
    let region = BoundingBox(minLongitude: 98.0, minLatitude: 3.0, maxLongitude: 99.0, maxLatitude: 4.0)
    var draft: ReportDraft {
        ReportDraft(
            kind: "pengaduan", categoryCode: "jalan", title: "Jalan berlubang di depan SD",
            description: "Lubang besar dan dalam, berbahaya bagi motor.",
            desaCode: "99.01.02.2001", address: "Jl. Merdeka 5", latitude: 3.6, longitude: 98.4, privacy: nil,
            contact: nil)
    }

    @Test func aGoodDraftPassesWithPublicPrivacyByDefault() throws {
        let checked = try ReportChecks.check(draft, isGuest: false, region: region).get()
        #expect(checked.privacy == .publik)
        #expect(checked.location == GeoPoint(latitude: 3.6, longitude: 98.4))
    }

    @Test func coordinatesOutOfRangeOrOutsideTheRegionAreRefused() {
        var far = draft
        far.latitude = -6.2
        far.longitude = 106.8
        #expect(throws: FieldProblems(fields: ["location": "report.location_outside"])) {
            try ReportChecks.check(far, isGuest: false, region: region).get()
        }
        var broken = draft
        broken.latitude = 123
        #expect(throws: FieldProblems(fields: ["location": "report.location_invalid"])) {
            try ReportChecks.check(broken, isGuest: false, region: region).get()
        }
        var half = draft
        half.longitude = nil
        #expect(throws: FieldProblems(fields: ["location": "report.location_invalid"])) {
            try ReportChecks.check(half, isGuest: false, region: region).get()
        }
    }

    @Test func guestsMustLeaveAContact() {
        #expect(throws: FieldProblems(fields: ["contact": "report.contact_required"])) {
            try ReportChecks.check(draft, isGuest: true, region: region).get()
        }
        var withPhone = draft
        withPhone.contact = "0812 3456 7890"
        #expect(
            (try? ReportChecks.check(withPhone, isGuest: true, region: region).get())?.contact?.canonical
                == "6281234567890")
    }

    @Test func lengthsAreEnforcedAndControlCharactersDropped() throws {
        var short = draft
        short.title = "Rusak"
        short.description = "pendek"
        let problems = try #require(ReportChecks.check(short, isGuest: false, region: region).failureValue)
        #expect(problems.fields["description"] == "report.description_length")
        #expect(problems.fields["title"] == nil)
        #expect(ReportChecks.clean("  Jalan\u{0007}  rusak \n parah ") == "Jalan rusak parah")
    }
}

@Suite struct ReportNumberAndGeoTests {
    @Test func numbersPrintAndParse() {
        let number = ReportNumber(prefix: "SGP", year: 2026, sequence: 123)
        #expect(number.description == "SGP-2026-000123")
        #expect(ReportNumber("sgp-2026-000123") == number)
        #expect(ReportNumber("SGP-2026-123") == nil)
        #expect(ReportNumber("SGP-26-000123") == nil)
        #expect(ReportNumber("../etc/passwd") == nil)
    }

    @Test func distancesAndBoxes() throws {
        let a = try #require(GeoPoint(latitude: 3.6, longitude: 98.48))
        let b = try #require(GeoPoint(latitude: 3.6018, longitude: 98.48))
        #expect(abs(a.distance(to: b) - 200) < 2)
        #expect(a.boundingBox(metres: 201).contains(b))
        #expect(!a.boundingBox(metres: 150).contains(b))
        #expect(BoundingBox(parameter: "98.3,3.4,98.7,3.8") != nil)
        #expect(BoundingBox(parameter: "98.7,3.4,98.3,3.8") == nil)
        #expect(BoundingBox(parameter: "a,b,c,d") == nil)
    }
}

@Suite struct ImageScrubberTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    func fixture(_ name: String) throws -> Data { try Data(contentsOf: Self.fixtures.appendingPathComponent(name)) }

    @Test func aGPSTaggedJPEGLosesItsEXIFAndCommentButKeepsItsPicture() throws {
        let original = try fixture("gps-tagged.jpg")
        #expect(original.range(of: Data("Exif".utf8)) != nil)
        let (clean, format) = try ImageScrubber.scrub(original)
        #expect(format == .jpeg)
        #expect(clean.range(of: Data("Exif".utf8)) == nil)
        #expect(clean.range(of: Data("SigapTestCam".utf8)) == nil)
        #expect(clean.range(of: Data("secret comment".utf8)) == nil)
        // Everything from the start of scan to the end is the picture: it must be byte-identical.
        let sos = Data([0xFF, 0xDA])
        let picture = original[original.range(of: sos)!.lowerBound...]
        #expect(clean[clean.range(of: sos)!.lowerBound...] == picture)
    }

    @Test func aPNGLosesItsTextChunks() throws {
        let original = try fixture("text-chunks.png")
        #expect(original.range(of: Data("Budi Rahasia".utf8)) != nil)
        let (clean, format) = try ImageScrubber.scrub(original)
        #expect(format == .png)
        #expect(clean.range(of: Data("Budi Rahasia".utf8)) == nil)
        #expect(clean.range(of: Data("lokasi rumah".utf8)) == nil)
        #expect(clean.range(of: Data("IDAT".utf8)) != nil)
        #expect(clean.suffix(8).starts(with: Data("IEND".utf8).prefix(0)))
    }

    @Test func theContentDecidesNotTheName() {
        #expect(throws: ImageProblem.unsupported) { try ImageScrubber.scrub(Data("GIF89a....".utf8)) }
        #expect(throws: ImageProblem.unsupported) { try ImageScrubber.scrub(Data("<svg onload=alert(1)>".utf8)) }
        #expect(throws: ImageProblem.malformed) { try ImageScrubber.scrub(Data([0xFF, 0xD8, 0xFF, 0xE1, 0x00])) }
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
