import Crypto
import Fluent
import Foundation
import SQLKit
import SigapCore

/// `sigap backup FILE` and `sigap restore FILE` (docs/architecture.md, "Backups"). A backup is a tar archive:
/// a consistent copy of the SQLite database taken while the server serves (`VACUUM INTO` reads one snapshot),
/// then the uploads, then `MANIFEST.json`. The database copy is taken first: every file a row in it names was
/// written and synced before that row committed, so it is on disk when the uploads are copied. The keys are
/// NOT in the archive — a stolen backup must not open NIK, phone numbers or whistleblowing cases — only their
/// names and SHA-256 fingerprints, so the operator can check at restore that the keys kept apart are the right
/// ones.
enum Backup {
    static let manifestName = "MANIFEST.json"
    static let databaseName = "sigap.sqlite"
    static let format = "sigap-backup/1"

    struct Manifest: Codable, Equatable {
        var format: String
        var createdAt: Date
        var reports: Int
        var lastReportNumber: String?
        var uploads: Int
        /// Key file (relative to the data folder) → SHA-256 of its contents, hex; "environment" for keys given
        /// in `SIGAP_FIELD_KEY`/`SIGAP_WBS_KEY`/`SIGAP_SIGNING_KEY`.
        var keys: [String: String]
        var note: String
    }

    struct Outcome {
        let manifest: Manifest
        let bytes: Int
    }

    /// Writes the archive to `path` (through `path.partial`, renamed when complete and synced).
    static func create(at path: String, context: ServiceContext) async throws -> Outcome {
        let config = context.config
        guard case .sqliteFile = config.store else { throw Failure.notSQLite }
        let dataDirectory = config.dataDirectory
        let staging = dataDirectory + "/.backup-" + SecretToken.urlSafe(bytes: 9)
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: staging) }
        let snapshot = staging + "/" + databaseName

        let sql = context.writer as! any SQLDatabase
        try await sql.raw("VACUUM INTO \(unsafeRaw: quoted(snapshot))").run()
        let counted = try await sql.raw("SELECT COUNT(*) AS n, MAX(number) AS last FROM reports").first()
        let partial = path + ".partial"
        var archive = try TarWriter(path: partial)
        try archive.addFile(at: snapshot, as: databaseName)
        let settings = SettingsFile.path(dataDirectory: dataDirectory)
        if FileManager.default.fileExists(atPath: settings) { try archive.addFile(at: settings, as: SettingsFile.name) }
        var uploads = 0
        for name in uploadFiles(in: dataDirectory) {
            try archive.addFile(at: dataDirectory + "/" + name, as: name)
            uploads += 1
        }
        let manifest = Manifest(
            format: format, createdAt: context.now, reports: try counted?.decode(column: "n", as: Int.self) ?? 0,
            lastReportNumber: try counted?.decode(column: "last", as: String?.self), uploads: uploads,
            keys: keyFingerprints(config), note: keyNote)
        try archive.add(try encoder.encode(manifest), as: manifestName, modified: context.now)
        try archive.finish()
        guard rename(partial, path) == 0 else { throw Failure.io("rename \(partial)", errno) }
        try FileStore.syncFolder((path as NSString).deletingLastPathComponent.nilIfEmptyPath)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        return Outcome(manifest: manifest, bytes: bytes)
    }

    static let keyNote =
        "Keys are not in this archive. Restore field.key, wbs.key and signing-keys/ (or SIGAP_FIELD_KEY, SIGAP_WBS_KEY, "
        + "SIGAP_SIGNING_KEY) from where you keep them apart; without field.key no NIK, phone number or two-factor "
        + "secret can be read, without wbs.key no whistleblowing case."

    /// Upload files by their path relative to the data folder, in a stable order; uploads in progress
    /// (`uploads/incoming/`, hidden `.part` files) are not data yet.
    static func uploadFiles(in dataDirectory: String) -> [String] {
        let root = dataDirectory + "/uploads"
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var names: [String] = []
        while let relative = walker.nextObject() as? String {
            let parts = relative.split(separator: "/")
            guard parts.first != "incoming", !(parts.last?.hasPrefix(".") ?? true) else { continue }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isFolder),
                !isFolder.boolValue
            else { continue }
            names.append("uploads/" + relative)
        }
        return names.sorted()
    }

    /// The key files of the data folder (or "environment"), fingerprinted.
    static func keyFingerprints(_ config: AppConfig) -> [String: String] {
        var keys: [String: String] = [:]
        let folder = config.dataDirectory
        func fingerprint(_ relative: String) -> String? {
            FileManager.default.contents(atPath: folder + "/" + relative).map(Backup.fingerprint)
        }
        keys["field.key"] = config.fieldKey != nil ? "environment" : fingerprint("field.key")
        keys["wbs.key"] = config.wbsKey != nil ? "environment" : fingerprint("wbs.key")
        let signing = SigningKeys.folder(folder)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: signing)) ?? [] where name.hasSuffix(".key") {
            keys["signing-keys/" + name] = fingerprint("signing-keys/" + name)
        }
        if config.signingKey != nil { keys["SIGAP_SIGNING_KEY"] = "environment" }
        return keys.compactMapValues { $0 }
    }

    /// How the manifest names a key file's contents: SHA-256, hex.
    static func fingerprint(_ contents: Data) -> String { Data(SHA256.hash(data: contents)).hexString }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static func quoted(_ path: String) -> String { "'" + path.replacingOccurrences(of: "'", with: "''") + "'" }

    enum Failure: Error, CustomStringConvertible {
        case notSQLite
        case io(String, Int32)
        case notEmpty(String)
        case damaged(String)

        var description: String {
            switch self {
            case .notSQLite:
                "sigap backup copies the embedded SQLite store; on PostgreSQL use pg_dump and copy the uploads folder (README, \"Backups\")"
            case .io(let what, let code): "\(what): \(String(cString: strerror(code)))"
            case .notEmpty(let what): "restore needs an empty data folder: \(what) exists"
            case .damaged(let what): "not a Sigap backup: \(what)"
            }
        }
    }
}

extension String {
    /// "." for the folder of a bare file name.
    fileprivate var nilIfEmptyPath: String { isEmpty ? "." : self }
}
