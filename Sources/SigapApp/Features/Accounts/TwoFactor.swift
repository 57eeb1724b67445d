import Fluent
import Foundation
import SigapCore
import Vapor

/// TOTP (RFC 6238, SHA-1, 6 digits, 30 s — what every authenticator app speaks) with Vapor's OTP, under the
/// acceptance rule of `OneTimeCodeWindow`, plus single-use recovery codes.
enum TwoFactor {
    static let window = OneTimeCodeWindow()
    static let recoveryCodeCount = 10

    static func newSecret() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<20).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    static func code(secret: [UInt8], step: Int64) -> String {
        TOTP(key: SymmetricKey(data: secret), digest: .sha1, digits: .six, interval: 30)
            .generate(time: Date(timeIntervalSince1970: TimeInterval(step) * window.interval))
    }

    static func otpauthURI(secret: [UInt8], account: String) -> String {
        let label = "Sigap:" + account
        let encodedLabel = label.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "Sigap"
        return "otpauth://totp/\(encodedLabel)?secret=\(secret.base32String().replacingOccurrences(of: "=", with: ""))"
            + "&issuer=Sigap&algorithm=SHA1&digits=6&period=30"
    }

    /// The accepted time step for `code`, or nil.
    static func acceptedStep(code: String, secret: [UInt8], lastUsedStep: Int64?, now: Date) -> Int64? {
        window.acceptedStep(for: code, at: now, lastUsedStep: lastUsedStep) { self.code(secret: secret, step: $0) }
    }

    static func secret(of user: User, cipher: FieldCipher) throws -> [UInt8]? {
        guard let sealed = user.totpSecretCipher else { return nil }
        return Array(decodingBase32: try cipher.open(sealed))
    }

    static func normalisedRecoveryCode(_ raw: String) -> String {
        raw.uppercased().filter { $0.isLetter || $0.isNumber }
    }

    /// Replaces the account's recovery codes with new ones and returns them (shown once, stored hashed).
    static func issueRecoveryCodes(for user: User, on db: any Database) async throws -> [String] {
        try await RecoveryCode.query(on: db).filter(\.$user.$id == user.requireID()).delete()
        var codes: [String] = []
        for _ in 0..<recoveryCodeCount {
            let code = SecretToken.readable(count: 12)
            codes.append(code)
            try await RecoveryCode(userID: user.requireID(), codeHash: SecretToken.digest(normalisedRecoveryCode(code)))
                .create(on: db)
        }
        return codes
    }

    /// Marks a matching unused recovery code as used; false when none matches.
    static func redeemRecoveryCode(_ raw: String, for user: User, on db: any Database, now: Date) async throws -> Bool {
        let hash = SecretToken.digest(normalisedRecoveryCode(raw))
        guard
            let code = try await RecoveryCode.query(on: db)
                .filter(\.$user.$id == user.requireID()).filter(\.$codeHash == hash).filter(\.$usedAt == nil).first()
        else { return false }
        code.usedAt = now
        try await code.save(on: db)
        return true
    }

    /// Removes two-factor from an account (administrator reset): the person enrols again at next log-in.
    static func reset(_ user: User, on db: any Database) async throws {
        user.totpSecretCipher = nil
        user.totpEnabledAt = nil
        user.totpLastStep = nil
        try await user.save(on: db)
        try await RecoveryCode.query(on: db).filter(\.$user.$id == user.requireID()).delete()
    }
}
