import Fluent
import Foundation
import Testing
import VaporTesting

@testable import SigapApp

@Suite struct ReportPageCacheTests {
    @Test func anonymousReadersShareAPageForAFewSecondsWhileStaffAndReportersSeeChangesAtOnce() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let citizen = try await APIClient.signedIn("081234567890", context)
            let number = try await ReportFixtures.file(citizen)
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let staff = try await APIClient.signedIn(clerk.email, staff: clerk, context)

            let before = try await Browser(context.app).get("/laporan/\(number)")
            #expect(before.body.string.contains("Diterima"))
            _ = try await staff.send(
                .POST, "/api/v1/reports/\(number)/actions", json: ["action": "reply", "text": "Tim segera datang"])

            // the reporter (signed in) sees the reply at once; an anonymous reader may wait a few seconds
            let reporter = Browser(context.app)
            try await reporter.logIn("081234567890")
            #expect(try await reporter.get("/laporan/\(number)").body.string.contains("Tim segera datang"))
            #expect(
                !(try await Browser(context.app).get("/laporan/\(number)")).body.string.contains("Tim segera datang"))
            context.clock.advance(seconds: context.app.sigap.anonymousReportPages.lifetime + 1)
            #expect(try await Browser(context.app).get("/laporan/\(number)").body.string.contains("Tim segera datang"))

            // languages are kept apart
            let english = try await Browser(context.app).get("/laporan/\(number)?lang=en")
            #expect(english.body.string.contains("lang=\"en\""))
        }
    }
}
