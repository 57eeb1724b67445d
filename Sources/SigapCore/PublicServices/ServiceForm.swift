import Foundation

/// What a public service asks of an applicant: form fields of a few kinds and documents to upload. An agency
/// defines them without a programmer; the checks here run on every application.
public enum ServiceForm {
    public enum FieldKind: String, Codable, Sendable, CaseIterable {
        case text = "teks"
        case number = "angka"
        case date = "tanggal"
        case choice = "pilihan"
        /// A 16-digit national identity number (NIK).
        case nik
    }

    public struct Field: Codable, Sendable, Equatable {
        /// The name the form posts ("nama_acara"): lower-case letters, digits and underscores.
        public var key: String
        public var label: String
        public var kind: FieldKind
        public var required: Bool
        /// A choice's options.
        public var options: [String]

        public init(key: String, label: String, kind: FieldKind, required: Bool = true, options: [String] = []) {
            self.key = key
            self.label = label
            self.kind = kind
            self.required = required
            self.options = options
        }
    }

    public struct Requirement: Codable, Sendable, Equatable {
        public var key: String
        public var label: String
        public var accepted: [FileType]
        public var required: Bool

        public init(key: String, label: String, accepted: [FileType], required: Bool = true) {
            self.key = key
            self.label = label
            self.accepted = accepted
            self.required = required
        }
    }

    /// Field key → catalog key of what is wrong with the values given; empty when the form is complete.
    public static func problems(_ fields: [Field], values: [String: String]) -> [String: String] {
        var problems: [String: String] = [:]
        for field in fields {
            let value = (values[field.key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if value.isEmpty {
                if field.required { problems[field.key] = "service.field_required" }
                continue
            }
            switch field.kind {
            case .text:
                if value.count > 2_000 { problems[field.key] = "service.field_too_long" }
            case .number:
                if Double(value.replacingOccurrences(of: ",", with: ".")) == nil {
                    problems[field.key] = "service.field_number"
                }
            case .date:
                if CivilDay(value) == nil { problems[field.key] = "service.field_date" }
            case .choice:
                if !field.options.contains(value) { problems[field.key] = "service.field_choice" }
            case .nik:
                if !isNIK(value) { problems[field.key] = "service.field_nik" }
            }
        }
        return problems
    }

    /// 16 digits whose first six name a region and whose birth date (DDMMYY, women +40 on the day) exists.
    public static func isNIK(_ text: String) -> Bool {
        let digits = Array(text)
        guard digits.count == 16, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
            let day = Int(String(digits[6...7])), let month = Int(String(digits[8...9]))
        else { return false }
        let birthDay = day > 40 ? day - 40 : day
        return (1...31).contains(birthDay) && (1...12).contains(month) && String(digits[0...1]) != "00"
    }

    /// Problems of a service's definition itself: keys unique and well formed, a choice with options.
    public static func definitionProblems(fields: [Field], requirements: [Requirement]) -> [String] {
        var problems: [String] = []
        let keys = fields.map(\.key) + requirements.map(\.key)
        if Set(keys).count != keys.count { problems.append("service.keys_unique") }
        for key in keys
        where key.isEmpty || key.count > 40
            || !key.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
        {
            problems.append("service.key_invalid")
        }
        if fields.contains(where: { $0.kind == .choice && $0.options.isEmpty }) {
            problems.append("service.choice_without_options")
        }
        if requirements.contains(where: { $0.accepted.isEmpty }) { problems.append("service.requirement_types") }
        return problems
    }
}
