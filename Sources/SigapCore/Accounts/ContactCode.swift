import Foundation

/// The rules of the code that proves an e-mail address or phone number belongs to whoever typed it: six digits
/// from the system's secure generator, valid 15 minutes, five guesses. What a person types back is read
/// leniently (spaces, dashes).
public enum ContactCode {
    public static let lifetime: TimeInterval = 15 * 60
    public static let maxAttempts = 5
    public static let length = 6

    public static func fresh() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(format: "%06d", Int.random(in: 0..<1_000_000, using: &generator))
    }

    /// The code's digits in what was typed, or nil when it cannot be a code.
    public static func digits(of typed: String) -> String? {
        let digits = typed.filter(\.isNumber)
        return digits.count == length && digits.allSatisfy(\.isASCII) ? String(digits) : nil
    }
}
