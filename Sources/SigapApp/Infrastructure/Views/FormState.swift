import Vapor

/// What a form shows when it comes back: the values typed (never passwords) and a message per field.
struct FormState: Encodable {
    var values: [String: String] = [:]
    var errors: [String: String] = [:]
    /// A message for the whole form ("wrong credentials").
    var error: String?

    var isValid: Bool { errors.isEmpty && error == nil }
}

extension String {
    /// Trimmed, or nil when nothing but whitespace was typed.
    var trimmedOrNil: String? {
        let text = trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
