import Foundation

/// The region's emblem lives in the data folder (`uploads/branding/logo.<ext>`), so backups carry it and the
/// settings need no path that breaks when the folder moves.
enum RegionEmblem {
    static let folder = "uploads/branding"

    /// Copies `source` in (replacing an earlier emblem of any type); returns the stored file's path.
    static func store(copyOf source: String, dataDirectory: String) throws -> String {
        let files = FileManager.default
        let directory = dataDirectory + "/" + folder
        try files.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for old in ["png", "jpg", "jpeg", "svg"] { try? files.removeItem(atPath: directory + "/logo." + old) }
        let target = directory + "/logo." + (source as NSString).pathExtension.lowercased()
        try files.copyItem(atPath: source, toPath: target)
        return target
    }

    /// The emblem stored in the data folder, if any.
    static func stored(in dataDirectory: String) -> String? {
        ["png", "jpg", "jpeg", "svg"].map { dataDirectory + "/" + folder + "/logo." + $0 }
            .first { FileManager.default.isReadableFile(atPath: $0) }
    }
}
