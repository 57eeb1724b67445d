import Fluent
import Foundation
import SigapCore
import VaporTesting

@testable import SigapApp

/// Accounts made straight in the database, for tests that are not about how accounts are made.
enum Fixtures {
    static let password = "kopi tubruk pagi hari"

    struct Staff {
        let user: User
        let email: String
        let secret: [UInt8]
    }

    static func agency(_ code: String, on db: any Database) async throws -> Agency {
        try await Agency.query(on: db).filter(\.$code == code).first()!
    }

    /// A staff account with two-factor already enrolled (unless `enrolled` is false).
    static func staff(
        _ role: Role, agency agencyCode: String? = nil, enrolled: Bool = true, mustChangePassword: Bool = false,
        in context: TestContext
    ) async throws -> Staff {
        let email = "\(role.rawValue).\(UUID().uuidString.prefix(8).lowercased())@pemkab.test"
        let user = User(
            name: "Petugas \(role.rawValue)", role: role,
            passwordHash: try await context.app.sigap.passwords.hash(password))
        user.email = email
        user.mustChangePassword = mustChangePassword
        if let agencyCode { user.$agency.id = try await agency(agencyCode, on: context.db).id }
        let secret = TwoFactor.newSecret()
        if enrolled {
            user.totpSecretCipher = try context.app.sigap.cipher.seal(secret.base32String())
            user.totpEnabledAt = context.clock.now
        }
        try await user.create(on: context.db)
        return Staff(user: user, email: email, secret: secret)
    }

    /// A citizen whose phone number is proven (as registration leaves it) unless `phoneProven` is false.
    static func citizen(phone: String = "081234567890", phoneProven: Bool = true, in context: TestContext) async throws
        -> User
    {
        let user = User(
            name: "Siti Aminah", role: .warga, passwordHash: try await context.app.sigap.passwords.hash(password))
        try Accounts.setPhone(PhoneNumber(phone), of: user, cipher: context.app.sigap.cipher)
        if phoneProven { user.phoneVerifiedAt = context.clock.now }
        try await user.create(on: context.db)
        // Born on the test clock, not the machine's: the forum's new-account limits count from it.
        user.createdAt = context.clock.now
        try await user.save(on: context.db)
        return user
    }

    /// The files stored below `folder` (the file store keeps a folder per day), by their paths relative to it.
    static func storedFiles(in folder: String) -> [String] {
        let all = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String]) ?? []
        return all.filter { !FileStore.isFolder(folder + "/" + $0) }.sorted()
    }

    static func currentCode(_ staff: Staff, _ context: TestContext, offsetSteps: Int64 = 0) -> String {
        let step = TwoFactor.window.step(at: context.clock.now) + offsetSteps
        return TwoFactor.code(secret: staff.secret, step: step)
    }
}

extension Browser {
    /// Password step only.
    @discardableResult
    func logIn(_ identifier: String, password: String = Fixtures.password) async throws -> TestingHTTPResponse {
        try await submit("/masuk", ["identifier": identifier, "password": password])
    }

    /// Password and two-factor, ending signed in as staff.
    func logIn(_ staff: Fixtures.Staff, password: String = Fixtures.password, _ context: TestContext) async throws {
        let first = try await logIn(staff.email, password: password)
        precondition(
            first.location == "/masuk/2fa", "expected the two-factor step, got \(first.status) \(first.location ?? "")")
        let second = try await submit("/masuk/2fa", ["code": Fixtures.currentCode(staff, context)])
        precondition(second.status == .seeOther, "two-factor failed: \(second.status)")
    }
}
