import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 12's smaller points: names without invisible tricks, private answers kept out of caches, a data folder
/// only its owner can read.
@Suite struct HardeningTests {
    @Test func accountNamesLoseNulAndDirectionOverrides() async throws {
        try await withSigap { context in
            let response = try await Browser(context.app).register(
                [
                    "name": "Budi\u{0}\u{202E}tnasoS", "contact": "0812-3456-7890", "password": "sawah hijau di lereng",
                    "password_confirmation": "sawah hijau di lereng", "consent": "on",
                ], context)
            #expect(response.status == .seeOther && response.location == "/akun")
            let user = try #require(try await User.query(on: context.db).filter(\.$role == .warga).first())
            #expect(user.name == "BuditnasoS")
            #expect(!user.name.unicodeScalars.contains { $0.value == 0 || $0.value == 0x202E })
        }
    }

    @Test func privateAPIAnswersAreNotStoredByCaches() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let issued = try await APIClient(app: context.app).send(
                .POST, "/api/v1/tokens", json: ["login": "081234567890", "password": Fixtures.password])
            #expect(issued.status == .created)
            #expect(issued.headers.first(name: .cacheControl) == "no-store")
            let citizen = try await APIClient.signedIn("081234567890", context)
            let number = try await ReportFixtures.file(citizen, ReportFixtures.draft(privacy: "rahasia"))
            let mine = try await citizen.send(.GET, "/api/v1/reports/\(number)")
            #expect(mine.status == .ok)
            #expect(mine.headers.first(name: .cacheControl) == "no-store")
            // what every anonymous reader gets is left to its handler
            let open = try await APIClient(app: context.app).send(.GET, "/api/v1/reports")
            #expect(open.status == .ok)
            #expect(open.headers.first(name: .cacheControl) != "no-store")
        }
    }

    @Test func theDataFolderAndTheDatabaseAreTheOwnersOnly() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigap-perm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withSigap(adjust: {
            $0.dataDirectory = folder.path
            $0.store = .sqliteFile(path: folder.path + "/sigap.sqlite")
        }) { context in
            _ = try await ReportFixtures.file(
                APIClient(app: context.app), ReportFixtures.draft(contact: "warga@contoh.id"))
            func mode(_ path: String) throws -> Int {
                try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) & 0o777
            }
            #expect(try mode(folder.path) == 0o700)
            #expect(try mode(folder.path + "/sigap.sqlite") == 0o600)
            for companion in ["-wal", "-shm"]
            where FileManager.default.fileExists(atPath: folder.path + "/sigap.sqlite" + companion) {
                #expect(try mode(folder.path + "/sigap.sqlite" + companion) == 0o600)
            }
            #expect(try mode(folder.path + "/field.key") == 0o600)
        }
    }
}
