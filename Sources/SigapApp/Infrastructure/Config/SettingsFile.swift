import Foundation

/// `settings.env` in the data folder: the region's settings `sigap init` wrote, as `NAME=value` lines a person
/// can read and edit. The environment (and a `.env` in the working folder) overrides any line, so a
/// deployment's variables still win; secrets never go here (they have their own files, mode 0600).
public enum SettingsFile {
    public static let name = "settings.env"

    public static func path(dataDirectory: String) -> String { dataDirectory + "/" + name }

    /// `environment` with the lines of the data folder's settings file added where the environment is silent.
    public static func merged(into environment: [String: String]) -> [String: String] {
        let folder = environment["SIGAP_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "./sigap-data"
        guard let text = try? String(contentsOfFile: path(dataDirectory: folder), encoding: .utf8) else {
            return environment
        }
        return environment.merging(parse(text)) { fromEnvironment, _ in fromEnvironment }
    }

    /// `NAME=value` per line; blank lines and `#` comments skipped; a value may be in double quotes (with `\"`
    /// and `\\` inside).
    static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            var value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
                    .replacingOccurrences(of: "\\\\", with: "\\")
            }
            values[key] = value
        }
        return values
    }

    /// Writes `values` (sorted, quoted) after a comment saying where they came from; owner-only, like the rest
    /// of the data folder.
    static func write(_ values: [String: String], dataDirectory: String, header: String) throws {
        var text = header.split(separator: "\n").map { "# " + $0 }.joined(separator: "\n") + "\n"
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                of: "\"", with: "\\\"")
            text += "\(key)=\"\(escaped)\"\n"
        }
        let file = path(dataDirectory: dataDirectory)
        let temporary = file + ".new"
        guard
            FileManager.default.createFile(
                atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw SecretStore.Failure(description: "\(temporary): cannot write the settings") }
        // rename(2) replaces the old file in one step: a crash leaves the old settings or the new, never half.
        guard rename(temporary, file) == 0 else {
            throw SecretStore.Failure(description: "\(file): cannot replace the settings")
        }
    }
}
