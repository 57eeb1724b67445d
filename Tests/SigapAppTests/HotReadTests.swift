import Fluent
import Foundation
import SQLKit
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 13: the hot read of a report by number (SQL written out) gives the same report as Fluent's query, on
/// both engines — every column, also the optional ones.
@Suite struct ReportReadTests {
    @Test func readingByNumberMatchesFluentFieldForField() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let citizen = try await APIClient.signedIn("081234567890", context)
            let number = try await ReportFixtures.file(citizen, ReportFixtures.draft())
            let stored = try #require(try await Report.query(on: context.db).filter(\.$number == number).first())
            stored.rating = 4
            stored.ratingComment = "Cepat"
            stored.respondedAt = context.clock.now
            stored.resolvedAt = context.clock.now
            stored.mergedIntoID = stored.id
            stored.late = true
            stored.escalationLevel = 2
            try await stored.save(on: context.db)
            let viaFluent = try #require(try await Report.query(on: context.db).filter(\.$number == number).first())
            let viaSQL = try #require(try await Report.read(number: number, on: context.db))
            #expect(try sameFields(viaSQL, viaFluent))
            #expect(viaSQL.id == viaFluent.id && viaSQL.rating == 4 && viaSQL.late)
            #expect(try await Report.read(number: "SGP-2026-999999", on: context.db) == nil)
        }
    }
}

/// Issue 13: the account read with the session (SQL written out) is the account Fluent reads, field for field.
@Suite struct SessionAccountReadTests {
    @Test func theAccountReadWithTheSessionMatchesFluent() async throws {
        try await withSigap { context in
            let staff = try await Fixtures.staff(.petugasDesa, in: context)
            let user = staff.user
            user.$desa.id = try #require(try await Desa.query(on: context.db).first()?.id)
            user.phoneVerifiedAt = context.clock.now
            user.totpLastStep = 123
            try Accounts.setPhone(PhoneNumber("0812-3456-7890"), of: user, cipher: context.app.sigap.cipher)
            try await user.save(on: context.db)
            let columns = User.readColumns.map { "u.\($0) AS u_\($0)" }.joined(separator: ", ")
            let row = try #require(
                try await (context.db as! any SQLDatabase).raw(
                    "SELECT \(unsafeRaw: columns) FROM users u WHERE u.id = \(bind: user.id!)"
                ).first())
            let viaSQL = try User(row: row, prefix: "u_")
            let viaFluent = try #require(try await User.find(user.id, on: context.db))
            #expect(try sameFields(viaSQL, viaFluent))
            #expect(viaSQL.totpLastStep == 123 && viaSQL.$desa.id != nil && viaSQL.role == .petugasDesa)
        }
    }
}

/// Whether two models carry the same value in every field (their JSON, keys sorted).
func sameFields<M: Encodable>(_ a: M, _ b: M) throws -> Bool {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    encoder.dateEncodingStrategy = .millisecondsSince1970
    return try encoder.encode(a) == encoder.encode(b)
}
