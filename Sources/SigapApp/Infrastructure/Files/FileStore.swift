import Fluent
import Foundation
import SQLKit
import SigapCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one place uploads reach the disk, for every purpose. A file is written before the row that names it:
/// to a temporary name, fsynced, renamed into place and the folder fsynced, so a file a committed row names
/// survives a crash. A file whose row never committed (a failed transaction, a request cut off) is an orphan,
/// and `removeOrphans` deletes it once it is an hour old. Files are kept in a folder per day of writing
/// (`uploads/<purpose>/2026-11-29/<random>.jpg`), so the regular sweep reads the last days' folders only, not
/// a million names; files of earlier versions stay where they were, directly under the purpose's folder.
struct FileStore: Sendable {
    /// The data folder; files live under `uploads/<purpose>/<day>/`, uploads in progress under
    /// `uploads/incoming/`.
    let root: String

    static let orphanAge: TimeInterval = 3600

    func folder(_ purpose: FilePurpose) -> String { root + "/uploads/" + purpose.folder }
    var incomingFolder: String { root + "/uploads/incoming" }

    func path(of storedName: String, _ purpose: FilePurpose) -> String { folder(purpose) + "/" + storedName }

    /// Checks `data` against the purpose's policy: the bytes to store (images scrubbed) and their type.
    func check(_ data: Data, for purpose: FilePurpose) throws(FileProblem) -> (data: Data, type: FileType) {
        switch purpose.policy.check(data) {
        case .success(let checked): return checked
        case .failure(let problem): throw problem
        }
    }

    /// An upload that passed its purpose's policy, waiting in `uploads/incoming/` (scrubbed where it is an
    /// image) until `place` moves it under its final name. Only its path is held, never its bytes.
    struct CheckedFile: Sendable {
        let path: String
        let type: FileType
        let byteCount: Int
    }

    /// Checks the file at `path` (at most the policy's size, read once) and, where scrubbing changed it, writes
    /// the scrubbed bytes back in its place.
    func check(fileAt path: String, for purpose: FilePurpose) throws(FileProblem) -> CheckedFile {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        guard let size, size <= purpose.policy.maxBytes else { throw .tooLarge }
        guard let data = FileManager.default.contents(atPath: path) else { throw .wrongType }
        let checked = try check(data, for: purpose)
        if checked.data != data {
            guard (try? checked.data.write(to: URL(fileURLWithPath: path))) != nil else { throw .wrongType }
        }
        return CheckedFile(path: path, type: checked.type, byteCount: checked.data.count)
    }

    /// Checks bytes that did not come as an upload (a photo fetched from a chat channel) and puts them in
    /// `uploads/incoming/` like an upload.
    func stage(_ data: Data, for purpose: FilePurpose) throws -> CheckedFile {
        let checked = try check(data, for: purpose)
        try FileManager.default.createDirectory(atPath: incomingFolder, withIntermediateDirectories: true)
        let path = incomingFolder + "/" + SecretToken.urlSafe(bytes: 18)
        try checked.data.write(to: URL(fileURLWithPath: path))
        return CheckedFile(path: path, type: checked.type, byteCount: checked.data.count)
    }

    /// Moves a checked upload under `storedName` durably: its bytes synced, renamed into place (both folders
    /// are in the data folder, so this is a rename, not a copy), the folder synced.
    func place(_ file: CheckedFile, as storedName: String, _ purpose: FilePurpose) throws {
        let descriptor = open(file.path, O_RDONLY)
        guard descriptor >= 0 else { throw FileStoreError.io("open", errno) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard synced else { throw FileStoreError.io("fsync", errno) }
        chmod(file.path, mode_t(purpose.permissions))
        try Self.move(file.path, to: path(of: storedName, purpose))
    }

    /// A new random name for a file of `type`, in the folder of the day (UTC, by the system clock: the folders
    /// are the file system's business, and the sweep reads them by the same clock).
    static func newName(_ type: FileType?, now: Date = Date()) -> String {
        dayFolder(now) + "/" + SecretToken.urlSafe(bytes: 18) + (type.map { "." + $0.fileExtension } ?? "")
    }

    static func dayFolder(_ date: Date) -> String {
        DateFormatters.shared.string(
            from: date, format: "yyyy-MM-dd", locale: "en_US_POSIX", timeZone: TimeZone(identifier: "UTC")!)
    }

    /// Writes `data` durably under `storedName` (a name from `newName`).
    func write(_ data: Data, as storedName: String, _ purpose: FilePurpose) throws {
        let target = path(of: storedName, purpose)
        let directory = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = directory + "/." + (target as NSString).lastPathComponent + ".part"
        try Self.writeSynced(data, to: temporary, permissions: purpose.permissions)
        do {
            try Self.move(temporary, to: target)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Renames a synced file to `target` (creating its folder) and syncs the folder: the rename is what makes
    /// the file exist under its name after a crash.
    static func move(_ source: String, to target: String) throws {
        let directory = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        guard rename(source, target) == 0 else { throw FileStoreError.io("rename", errno) }
        try syncFolder(directory)
    }

    func read(_ storedName: String, _ purpose: FilePurpose) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path(of: storedName, purpose)) else {
            throw FileStoreError.missing
        }
        return data
    }

    /// Removes files whose rows are gone (a purge, a deleted record); missing files are not an error.
    func remove(_ storedNames: [String], _ purpose: FilePurpose) {
        for name in storedNames { unlink(path(of: name, purpose)) }
    }

    /// Deletes files that no row names and that are older than `minimumAge` (by the file system's clock), and
    /// uploads in progress that were abandoned as long ago. Reads the folders of the last three days, or with
    /// `everything` every folder, earlier versions' files included (`sigap sweep --all-files`). Returns how
    /// many went.
    @discardableResult
    func removeOrphans(
        on db: any Database, minimumAge: TimeInterval = orphanAge, now: Date = Date(), everything: Bool = false
    ) async throws -> Int {
        let cutoff = now.addingTimeInterval(-minimumAge)
        var removed = 0
        for purpose in FilePurpose.allCases {
            let base = folder(purpose)
            let subfolders =
                everything
                ? [""]
                    + ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).filter {
                        Self.isFolder(base + "/" + $0)
                    }
                : (0..<3).map { Self.dayFolder(now.addingTimeInterval(-Double($0) * 86_400)) }
            var candidates: [String] = []
            for subfolder in subfolders {
                let prefix = subfolder.isEmpty ? "" : subfolder + "/"
                for name in Self.entries(of: base + "/" + subfolder, modifiedBefore: cutoff) {
                    if name.hasPrefix("."), name.hasSuffix(".part") {
                        // Half-written temporary files never become anything.
                        unlink(path(of: prefix + name, purpose))
                        removed += 1
                    } else if !name.hasPrefix(".") {
                        candidates.append(prefix + name)
                    }
                }
            }
            for chunk in stride(from: 0, to: candidates.count, by: 500).map({
                Array(candidates[$0..<min($0 + 500, candidates.count)])
            }) {
                let (table, column) = purpose.references
                // A photo's display copies belong to it (`PhotoSize`): kept while the original is named.
                let owners = Set(chunk.map(PhotoSize.original(of:)))
                let named = Set(
                    try await (db as! any SQLDatabase).select().column(SQLIdentifier(column)).from(table)
                        .where(SQLIdentifier(column), .in, SQLGroupExpression(SQLList(owners.map { SQLBind($0) })))
                        .all().map { try $0.decode(column: column, as: String.self) })
                for name in chunk where !named.contains(PhotoSize.original(of: name)) {
                    unlink(path(of: name, purpose))
                    removed += 1
                }
            }
        }
        for name in Self.entries(of: incomingFolder, modifiedBefore: cutoff) {
            unlink(incomingFolder + "/" + name)
            removed += 1
        }
        return removed
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func entries(of directory: String, modifiedBefore cutoff: Date) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { name in
            let attributes = try? FileManager.default.attributesOfItem(atPath: directory + "/" + name)
            guard let modified = attributes?[.modificationDate] as? Date,
                attributes?[.type] as? FileAttributeType
                    == .typeRegular
            else { return false }
            return modified < cutoff
        }
    }

    static func writeSynced(_ data: Data, to path: String, permissions: Int16) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode_t(permissions))
        guard descriptor >= 0 else { throw FileStoreError.io("open", errno) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: data)
        try handle.synchronize()
    }

    /// Makes a rename durable: the folder's entry is what names the file.
    static func syncFolder(_ directory: String) throws {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { throw FileStoreError.io("open folder", errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw FileStoreError.io("fsync folder", errno) }
    }
}

enum FileStoreError: Error, CustomStringConvertible {
    case io(String, Int32)
    case missing

    var description: String {
        switch self {
        case .io(let step, let code): "file store: \(step) failed (errno \(code))"
        case .missing: "file store: file missing"
        }
    }
}
