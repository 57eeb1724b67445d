import Foundation

/// A service's form written as lines an agency clerk can type, one field or document per line:
///
///     Nama acara | teks | wajib
///     Jenis acara | pilihan | wajib | Pawai, Konser, Pertandingan
///     KTP penanggung jawab | pdf, jpeg, png | wajib
///
/// The key each answer is stored under comes from the label ("nama_acara"). Lines that cannot be read are
/// reported by number.
public enum ServiceFormText {
    public struct LineProblem: Sendable, Equatable {
        public let line: Int
        public let key: String
    }

    public static func fields(_ text: String) -> ([ServiceForm.Field], [LineProblem]) {
        var fields: [ServiceForm.Field] = []
        var problems: [LineProblem] = []
        for (number, parts) in lines(text) {
            guard parts.count >= 2, let kind = ServiceForm.FieldKind(rawValue: parts[1].lowercased()),
                !parts[0].isEmpty
            else {
                problems.append(.init(line: number, key: "service.line_field"))
                continue
            }
            let options =
                parts.count > 3
                ? parts[3].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                : []
            fields.append(
                .init(
                    key: key(parts[0]), label: parts[0], kind: kind, required: required(parts, at: 2),
                    options: options))
        }
        return (fields, problems)
    }

    public static func requirements(_ text: String) -> ([ServiceForm.Requirement], [LineProblem]) {
        var requirements: [ServiceForm.Requirement] = []
        var problems: [LineProblem] = []
        for (number, parts) in lines(text) {
            let types =
                parts.count >= 2
                ? parts[1].split(separator: ",").map {
                    FileType(rawValue: $0.trimmingCharacters(in: .whitespaces).lowercased())
                } : []
            guard !parts[0].isEmpty, !types.isEmpty, !types.contains(nil) else {
                problems.append(.init(line: number, key: "service.line_requirement"))
                continue
            }
            requirements.append(
                .init(
                    key: key(parts[0]), label: parts[0], accepted: types.compactMap { $0 },
                    required: required(parts, at: 2)))
        }
        return (requirements, problems)
    }

    /// The lines written back, for the edit form.
    public static func text(_ fields: [ServiceForm.Field]) -> String {
        fields.map { f in
            ([f.label, f.kind.rawValue, f.required ? "wajib" : "opsional"]
                + (f.options.isEmpty ? [] : [f.options.joined(separator: ", ")]))
                .joined(separator: " | ")
        }.joined(separator: "\n")
    }

    public static func text(_ requirements: [ServiceForm.Requirement]) -> String {
        requirements.map { r in
            [r.label, r.accepted.map(\.rawValue).joined(separator: ", "), r.required ? "wajib" : "opsional"]
                .joined(separator: " | ")
        }.joined(separator: "\n")
    }

    /// "KTP penanggung jawab" → "ktp_penanggung_jawab".
    public static func key(_ label: String) -> String {
        var key = ""
        for character in label.lowercased().folding(options: .diacriticInsensitive, locale: nil) {
            if character.isASCII && (character.isLetter || character.isNumber) {
                key.append(character)
            } else if !key.hasSuffix("_") && !key.isEmpty {
                key.append("_")
            }
        }
        while key.hasSuffix("_") { key.removeLast() }
        return String(key.prefix(40))
    }

    static func required(_ parts: [String], at index: Int) -> Bool {
        parts.count <= index || parts[index].lowercased() != "opsional"
    }

    static func lines(_ text: String) -> [(Int, [String])] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { offset, line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return nil }
            return (
                offset + 1,
                trimmed.split(separator: "|", omittingEmptySubsequences: false).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
            )
        }
    }
}
