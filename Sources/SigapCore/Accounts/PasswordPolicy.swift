import Foundation

/// Why a chosen password is refused; the app turns each case into a message in the page's language.
public enum PasswordProblem: String, Error, Sendable {
    case tooShort = "password.too_short"
    case tooLong = "password.too_long"
    case tooCommon = "password.too_common"
}

public enum PasswordPolicy {
    public static let minimumLength = 10
    /// Bcrypt reads only the first 72 bytes; refuse longer input instead of silently ignoring the tail.
    public static let maximumBytes = 72

    public static func check(_ password: String, context: [String] = []) -> PasswordProblem? {
        if password.count < minimumLength { return .tooShort }
        if password.utf8.count > maximumBytes { return .tooLong }
        if isCommon(password, context: context) { return .tooCommon }
        return nil
    }

    /// A password is common when it, or it with the digits/punctuation at the end stripped, is in the list,
    /// when it is one character repeated, or when it is just the person's own name or e-mail.
    static func isCommon(_ password: String, context: [String]) -> Bool {
        let lowered = password.lowercased()
        if Set(lowered).count <= 2 { return true }
        let stem = String(lowered.reversed().drop(while: { !$0.isLetter }).reversed())
        if CommonPasswords.list.contains(lowered) || (stem.count >= 4 && CommonPasswords.list.contains(stem)) {
            return true
        }
        let personal = context.map { $0.lowercased() }.filter { $0.count >= 4 }
        return personal.contains { lowered.contains($0) || $0.contains(lowered) }
    }
}
