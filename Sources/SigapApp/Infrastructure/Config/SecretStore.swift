import Crypto
import Foundation

/// Secrets live outside the database: from the environment when given, otherwise generated once into the
/// data directory with owner-only permissions (0600) and read from there on later starts.
enum SecretStore {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func key(named fileName: String, fromEnvironment base64: String?, dataDirectory: String) throws
        -> SymmetricKey
    {
        if let base64, let data = Data(base64Encoded: base64) { return SymmetricKey(data: data) }
        let path = dataDirectory + "/" + fileName
        let files = FileManager.default
        if let existing = files.contents(atPath: path) {
            guard let text = String(data: existing, encoding: .utf8),
                let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32
            else { throw Failure(description: "\(path): not a base64 32-byte key; restore it from backup") }
            return SymmetricKey(data: data)
        }
        try files.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let key = SymmetricKey(size: .bits256)
        let encoded = key.withUnsafeBytes { Data($0).base64EncodedString() }
        guard files.createFile(atPath: path, contents: Data(encoded.utf8), attributes: [.posixPermissions: 0o600])
        else { throw Failure(description: "\(path): cannot write the new key") }
        return key
    }
}
