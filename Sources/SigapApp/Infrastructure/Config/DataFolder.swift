import Foundation

/// The data folder holds the database, the uploads and the generated keys: only the account that runs Sigap
/// may enter it (0700), and the database files are its alone (0600) even if the folder is moved or copied.
enum DataFolder {
    static func prepare(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
    }

    /// Creates the SQLite file owner-only before SQLite opens it (SQLite gives its `-wal` and `-shm` files the
    /// database file's permissions), and tightens files of earlier versions.
    static func protectDatabase(at path: String) throws {
        let files = FileManager.default
        if !files.fileExists(atPath: path) {
            guard files.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw SecretStore.Failure(description: "\(path): cannot create the database file")
            }
        }
        for file in [path, path + "-wal", path + "-shm"] where files.fileExists(atPath: file) {
            try files.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
    }
}
