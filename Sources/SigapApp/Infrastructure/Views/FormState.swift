import Vapor

/// What a form shows when it comes back: the values typed (never passwords) and a message per field.
struct FormState {
    var values: [String: String] = [:]
    var errors: [String: String] = [:]
    /// A message for the whole form ("wrong credentials").
    var error: String?

    var isValid: Bool { errors.isEmpty && error == nil }

    /// Records `message` for `field` unless `value` has visible text of at most `maxLength` characters.
    mutating func requireText(_ field: String, _ value: String?, maxLength: Int, message: String) {
        guard let text = value?.trimmedOrNil, text.count <= maxLength else {
            errors[field] = message
            return
        }
    }
}

extension Array {
    /// Pages pass lists through this so a view's `guard let` or `some:` means "has items".
    var nilIfEmpty: [Element]? { isEmpty ? nil : self }
}

/// One choice of a `<select>`.
struct SelectOption {
    let id: String
    let name: String
}

extension String {
    /// Trimmed, or nil when nothing but whitespace was typed.
    var trimmedOrNil: String? {
        let text = trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
