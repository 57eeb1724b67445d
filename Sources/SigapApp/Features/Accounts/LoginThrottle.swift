import Fluent
import Foundation
import SigapCore
import Vapor

/// Log-in throttling shared by all app nodes through the database (`LoginLimits`). Keys are keyed hashes of the
/// account identifier and the client address, so the table holds no e-mail, phone number or IP address.
struct LoginThrottle {
    let request: Request

    struct Keys {
        let accountAtAddress: String
        let address: String
        let account: String

        var all: [String] { [accountAtAddress, address, account] }
    }

    /// The keys of a log-in or token request for the identifier typed.
    func keys(identifier: String) -> Keys {
        keys(account: ContactIdentifier(identifier)?.canonical ?? identifier.lowercased(), step: "login")
    }

    /// The keys of a later step of an account already known (`2fa`, `password-change`).
    func keys(account: String, step: String) -> Keys {
        let cipher = request.sigap.cipher
        let address = request.clientAddress
        return Keys(
            accountAtAddress: cipher.lookupToken(
                step + "\u{0}" + account + "\u{0}" + address, purpose: "throttle-account-address"),
            address: cipher.lookupToken(address, purpose: "throttle-address"),
            account: cipher.lookupToken(step + "\u{0}" + account, purpose: "throttle-account"))
    }

    /// Throws 429 with Retry-After when this account from this address, or this address, has used up its
    /// attempts; holds the attempt back a few seconds when the account is being guessed from many places.
    func check(_ keys: Keys) async throws {
        let now = request.now
        let recent = Dictionary(
            grouping: try await LoginFailure.query(on: request.db).filter(\.$throttleKey ~~ keys.all)
                .filter(\.$failedAt > now.addingTimeInterval(-LoginLimits.longestWindow)).all(),
            by: \.throttleKey
        ).mapValues { $0.map(\.failedAt) }
        let waits = [
            LoginLimits.accountAtAddress.retryAfter(failures: recent[keys.accountAtAddress] ?? [], now: now),
            LoginLimits.address.retryAfter(failures: recent[keys.address] ?? [], now: now),
        ].compactMap { $0 }
        if let wait = waits.max() { throw AppError.tooManyAttempts(retryAfter: wait) }
        if let delay = LoginLimits.account.slowdown(failures: recent[keys.account] ?? [], now: now) {
            await request.sigap.pause(delay)
        }
    }

    /// Registration attempts from this address: every attempt counts, refused with 429 past the limit.
    func admitRegistration() async throws {
        let now = request.now
        let rule = LoginLimits.registration
        let key = request.sigap.cipher.lookupToken(request.clientAddress, purpose: "throttle-registration")
        let recent = try await LoginFailure.query(on: request.db).filter(\.$throttleKey == key)
            .filter(\.$failedAt > now.addingTimeInterval(-rule.window)).all().map(\.failedAt)
        if let wait = rule.retryAfter(failures: recent, now: now) { throw AppError.tooManyAttempts(retryAfter: wait) }
        try await request.context.write { db in
            try await LoginFailure.query(on: db).filter(\.$throttleKey == key)
                .filter(\.$failedAt < now.addingTimeInterval(-rule.window)).delete()
            try await LoginFailure(throttleKey: key, failedAt: now).create(on: db)
        }
    }

    /// Whether `password` is `user`'s, for a step that asks for it again (changing the password, deleting the
    /// account): throttled per account and address like a log-in, and a wrong one counts as a failure.
    func confirmPassword(_ password: String?, of user: User, step: String) async throws -> Bool {
        let keys = keys(account: user.id!.uuidString, step: step)
        try await check(keys)
        guard try await request.sigap.passwords.verify(password ?? "", against: user.passwordHash) else {
            try await recordFailure(keys)
            return false
        }
        return true
    }

    func recordFailure(_ keys: Keys) async throws {
        let now = request.now
        let window = LoginLimits.longestWindow
        let all = keys.all
        try await request.context.write { db in
            try await LoginFailure.query(on: db)
                .filter(\.$throttleKey ~~ all)
                .filter(\.$failedAt < now.addingTimeInterval(-window))
                .delete()
            for key in all { try await LoginFailure(throttleKey: key, failedAt: now).create(on: db) }
        }
    }
}
