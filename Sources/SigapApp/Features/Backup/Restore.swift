import Foundation
import SigapCore

/// `sigap restore FILE`: unpacks a backup into an empty data folder. It runs before the application is built
/// (`main.swift`): building it would create a new database and new keys in the very folder being restored.
/// The archive is unpacked into a hidden folder first and moved into place only when complete, so a damaged
/// archive leaves the data folder as empty as it was.
public enum Restore {
    /// Restores `archive` into `dataDirectory`; returns the lines to tell the operator.
    public static func run(archive: String, dataDirectory: String, environment: [String: String]) throws -> [String] {
        let files = FileManager.default
        try DataFolder.prepare(dataDirectory)
        for existing in [Backup.databaseName, "uploads"] where files.fileExists(atPath: dataDirectory + "/" + existing)
        {
            throw Backup.Failure.notEmpty(dataDirectory + "/" + existing)
        }
        let staging = dataDirectory + "/.restore-" + SecretToken.urlSafe(bytes: 9)
        try files.createDirectory(atPath: staging, withIntermediateDirectories: false)
        defer { try? files.removeItem(atPath: staging) }

        var reader = try TarReader(path: archive)
        var manifest: Backup.Manifest?
        var uploads = 0
        var sawDatabase = false
        while let entry = try reader.next() {
            if entry.name == Backup.manifestName {
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .iso8601
                manifest = try decoder.decode(Backup.Manifest.self, from: try reader.data(entry))
                continue
            }
            guard entry.name == Backup.databaseName || entry.name == SettingsFile.name || isUploadPath(entry.name)
            else {
                throw Backup.Failure.damaged("unexpected entry \(entry.name)")
            }
            let target = staging + "/" + entry.name
            try files.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            try reader.copy(entry, to: target)
            if entry.name == Backup.databaseName {
                sawDatabase = true
            } else if entry.name != SettingsFile.name {
                uploads += 1
            }
        }
        guard let manifest, manifest.format == Backup.format else { throw Backup.Failure.damaged("no manifest") }
        guard sawDatabase else { throw Backup.Failure.damaged("no database") }
        guard uploads == manifest.uploads else {
            throw Backup.Failure.damaged("\(uploads) uploads where the manifest lists \(manifest.uploads)")
        }
        try FileStore.move(staging + "/" + Backup.databaseName, to: dataDirectory + "/" + Backup.databaseName)
        if files.fileExists(atPath: staging + "/uploads") {
            try FileStore.move(staging + "/uploads", to: dataDirectory + "/uploads")
        }
        // The region's settings (`sigap init`) come back unless the folder has its own already.
        let settings = SettingsFile.path(dataDirectory: dataDirectory)
        if files.fileExists(atPath: staging + "/" + SettingsFile.name), !files.fileExists(atPath: settings) {
            try FileStore.move(staging + "/" + SettingsFile.name, to: settings)
        }
        var lines = [
            "Restored \(manifest.reports) reports (last \(manifest.lastReportNumber ?? "none")) and \(uploads) uploaded files "
                + "from the backup of \(ISO8601DateFormatter().string(from: manifest.createdAt)) into \(dataDirectory)."
        ]
        lines += keyProblems(manifest, dataDirectory: dataDirectory, environment: environment)
        return lines
    }

    /// `uploads/…` without a way out of the folder.
    static func isUploadPath(_ name: String) -> Bool {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts[0] == "uploads" && !name.hasPrefix("/")
            && !parts.contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }

    /// What the operator must still put back: each key the backup was made with, checked by its fingerprint.
    static func keyProblems(_ manifest: Backup.Manifest, dataDirectory: String, environment: [String: String])
        -> [String]
    {
        var lines: [String] = []
        let variables = ["field.key": "SIGAP_FIELD_KEY", "wbs.key": "SIGAP_WBS_KEY"]
        for (name, expected) in manifest.keys.sorted(by: { $0.key < $1.key }) {
            if expected == "environment" {
                lines.append(
                    "Set \(variables[name] ?? name) as before: the backup was made with it from the environment.")
                continue
            }
            if let variable = variables[name], environment[variable] != nil { continue }
            guard let contents = FileManager.default.contents(atPath: dataDirectory + "/" + name) else {
                lines.append("Put \(name) back into \(dataDirectory) before starting (SHA-256 \(expected)).")
                continue
            }
            if Backup.fingerprint(contents) != expected {
                lines.append("\(dataDirectory)/\(name) is not the key the backup was made with (SHA-256 \(expected)).")
            }
        }
        if lines.isEmpty { lines.append("Every key the backup was made with is in place.") }
        return lines
    }
}
