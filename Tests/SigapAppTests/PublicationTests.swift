import Fluent
import Foundation
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 14: moderation before publication. By default a new report appears publicly only once staff have
/// verified it (or acted on it), because free text can name people; the reporter always sees their own.
@Suite struct PublicationTests {
    @Test func reportsAppearAfterVerificationByDefault() throws {
        #expect(try AppConfig.load(from: [:]).publication == .afterVerification)
        #expect(try AppConfig.load(from: ["SIGAP_PUBLISH_REPORTS": "on_filing"]).publication == .onFiling)
        #expect(throws: AppConfig.Problems.self) { try AppConfig.load(from: ["SIGAP_PUBLISH_REPORTS": "kadang"]) }
    }

    @Test func anUncheckedReportIsSeenByItsReporterAndStaffOnlyUntilVerified() async throws {
        try await withSigap(adjust: { $0.publication = .afterVerification }) { context in
            _ = try await Fixtures.citizen(in: context)
            let author = try await APIClient.signedIn("081234567890", context)
            let number = try await ReportFixtures.file(
                author, ReportFixtures.draft(title: "Pak Kades menyalahgunakan dana"))
            let guest = APIClient(app: context.app)
            let stranger = Browser(context.app)
            func publiclyVisible() async throws -> [Bool] {
                [
                    try await guest.send(.GET, "/api/v1/reports/\(number)").status == .ok,
                    try await guest.send(.GET, "/api/v1/reports").body.string.contains(number),
                    try await guest.send(.GET, "/api/v1/reports?bbox=98.0,3.0,99.0,4.0").body.string.contains(number),
                    try await stranger.get("/laporan").body.string.contains(number),
                    try await stranger.get("/laporan/\(number)").status == .ok,
                ]
            }
            #expect(try await publiclyVisible() == [false, false, false, false, false])
            #expect(try await author.send(.GET, "/api/v1/reports/\(number)").status == .ok)
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let staff = try await APIClient.signedIn(clerk.email, staff: clerk, context)
            #expect(try await staff.send(.GET, "/api/v1/reports/\(number)").status == .ok)

            // A note does not publish; verifying does.
            #expect(
                try await staff.send(
                    .POST, "/api/v1/reports/\(number)/actions", json: ["action": "note", "text": "cek"]
                )
                .status == .ok)
            #expect(try await publiclyVisible() == [false, false, false, false, false])
            #expect(
                try await staff.send(.POST, "/api/v1/reports/\(number)/actions", json: ["action": "verify"]).status
                    == .ok)
            context.clock.advance(seconds: 10)  // past the few seconds shared pages and pins are kept
            #expect(try await publiclyVisible() == [true, true, true, true, true])
        }
    }

    @Test func aReportRejectedUncheckedNeverAppears() async throws {
        try await withSigap(adjust: { $0.publication = .afterVerification }) { context in
            _ = try await Fixtures.citizen(in: context)
            let author = try await APIClient.signedIn("081234567890", context)
            let number = try await ReportFixtures.file(author, ReportFixtures.draft())
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let staff = try await APIClient.signedIn(clerk.email, staff: clerk, context)
            let rejected = try await staff.send(
                .POST, "/api/v1/reports/\(number)/actions", json: ["action": "reject", "text": "Bukan laporan"])
            #expect(rejected.status == .ok)
            #expect(try await APIClient(app: context.app).send(.GET, "/api/v1/reports/\(number)").status == .notFound)
            #expect(try await author.send(.GET, "/api/v1/reports/\(number)").status == .ok)
        }
    }

    @Test func withPublicationOnFilingAReportIsPublicAtOnce() async throws {
        try await withSigap(adjust: { $0.publication = .onFiling }) { context in
            _ = try await Fixtures.citizen(in: context)
            let author = try await APIClient.signedIn("081234567890", context)
            let number = try await ReportFixtures.file(author, ReportFixtures.draft())
            #expect(try await APIClient(app: context.app).send(.GET, "/api/v1/reports/\(number)").status == .ok)
        }
    }
}
