import Foundation

/// The POSIX ustar format, enough for Sigap's backups: regular files only, names up to 255 bytes (prefix and
/// name fields), sizes up to 8 GiB (11 octal digits). Written and read in 1 MiB pieces, so a database of any
/// size never sits in memory. Any `tar` reads what `TarWriter` writes (`tar -tf backup.tar`).
public struct TarWriter: ~Copyable {
    private let handle: FileHandle
    public static let blockSize = 512
    static let piece = 1 << 20

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts an archive at `path` (created or emptied, owner-only: a backup holds personal data).
    public init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        else { throw Failure(description: "\(path): cannot create the archive") }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    /// Adds `data` as the file `name`.
    public mutating func add(_ data: Data, as name: String, modified: Date = Date()) throws {
        try handle.write(contentsOf: try Self.header(name: name, size: data.count, modified: modified))
        try handle.write(contentsOf: data)
        try pad(data.count)
    }

    /// Adds the file at `path` as `name`, copied in pieces. The size is the file's when the copy starts; a file
    /// that shrinks meanwhile is an error (the archive would lie), one that grows is cut at that size.
    public mutating func addFile(at path: String, as name: String) throws {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let modified = attributes[.modificationDate] as? Date ?? Date()
        let source = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? source.close() }
        try handle.write(contentsOf: try Self.header(name: name, size: size, modified: modified))
        var remaining = size
        while remaining > 0 {
            let chunk = try source.read(upToCount: min(remaining, Self.piece)) ?? Data()
            guard !chunk.isEmpty else { throw Failure(description: "\(path) shrank while it was copied") }
            try handle.write(contentsOf: chunk)
            remaining -= chunk.count
        }
        try pad(size)
    }

    /// Ends the archive (two empty blocks) and makes it durable.
    public consuming func finish() throws {
        try handle.write(contentsOf: Data(count: Self.blockSize * 2))
        try handle.synchronize()
        try handle.close()
    }

    private func pad(_ size: Int) throws {
        let rest = size % Self.blockSize
        if rest > 0 { try handle.write(contentsOf: Data(count: Self.blockSize - rest)) }
    }

    static func header(name: String, size: Int, modified: Date) throws -> Data {
        let bytes = Array(name.utf8)
        var prefix: [UInt8] = []
        var short = bytes
        if bytes.count > 100 {
            // Split at a slash so that the last part fits the name field and the rest the prefix field.
            guard
                let cut = bytes.indices.reversed().first(where: {
                    bytes[$0] == UInt8(ascii: "/") && bytes.count - $0 - 1 <= 100
                }),
                cut <= 155
            else { throw Failure(description: "\(name): too long for a tar name") }
            prefix = Array(bytes[..<cut])
            short = Array(bytes[(cut + 1)...])
        }
        guard size < 0o77777777777 else { throw Failure(description: "\(name): too large") }
        var header = [UInt8](repeating: 0, count: blockSize)
        func put(_ value: [UInt8], at offset: Int) {
            header.replaceSubrange(offset..<offset + value.count, with: value)
        }
        func octal(_ value: Int, width: Int) -> [UInt8] {
            Array(String(value, radix: 8).leftPadded(to: width - 1).utf8) + [0]
        }
        put(short, at: 0)
        put(octal(0o600, width: 8), at: 100)
        put(octal(0, width: 8), at: 108)
        put(octal(0, width: 8), at: 116)
        put(octal(size, width: 12), at: 124)
        put(octal(max(0, Int(modified.timeIntervalSince1970)), width: 12), at: 136)
        put(Array("        ".utf8), at: 148)  // the checksum counts its own field as spaces
        header[156] = UInt8(ascii: "0")
        put(Array("ustar".utf8) + [0], at: 257)
        put(Array("00".utf8), at: 263)
        put(prefix, at: 345)
        let checksum = header.reduce(0) { $0 + Int($1) }
        put(Array(String(checksum, radix: 8).leftPadded(to: 6).utf8) + [0, UInt8(ascii: " ")], at: 148)
        return Data(header)
    }
}

/// Reads an archive `TarWriter` wrote (or any ustar archive of regular files), one entry at a time.
public struct TarReader: ~Copyable {
    private let handle: FileHandle

    public struct Entry: Sendable, Equatable {
        public let name: String
        public let size: Int
    }

    public init(path: String) throws {
        handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    }

    deinit { try? handle.close() }

    /// The next entry's header, or nil at the end. The caller then reads its contents with `copy(_:to:)` or
    /// `data(_:)` before asking for the next.
    public mutating func next() throws -> Entry? {
        guard let block = try handle.read(upToCount: TarWriter.blockSize), block.count == TarWriter.blockSize else {
            return nil
        }
        let bytes = [UInt8](block)
        if bytes.allSatisfy({ $0 == 0 }) { return nil }
        func text(_ range: Range<Int>) -> String {
            String(decoding: bytes[range].prefix { $0 != 0 }, as: UTF8.self)
        }
        func number(_ range: Range<Int>) -> Int? {
            Int(text(range).trimmingCharacters(in: .whitespaces), radix: 8)
        }
        var checked = bytes
        checked.replaceSubrange(148..<156, with: Array("        ".utf8))
        guard let stored = number(148..<156), stored == checked.reduce(0, { $0 + Int($1) }) else {
            throw TarWriter.Failure(description: "a damaged archive header (checksum)")
        }
        guard let size = number(124..<136), size >= 0 else {
            throw TarWriter.Failure(description: "a damaged archive header (size)")
        }
        let type = bytes[156]
        guard type == UInt8(ascii: "0") || type == 0 else {
            throw TarWriter.Failure(description: "\(text(0..<100)): only regular files are restored")
        }
        let prefix = text(345..<500)
        let name = prefix.isEmpty ? text(0..<100) : prefix + "/" + text(0..<100)
        return Entry(name: name, size: size)
    }

    /// Writes the current entry's contents to `path`, synced, owner-only.
    public mutating func copy(_ entry: Entry, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        else { throw TarWriter.Failure(description: "\(path): cannot create") }
        let target = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? target.close() }
        var remaining = entry.size
        while remaining > 0 {
            let chunk = try handle.read(upToCount: min(remaining, TarWriter.piece)) ?? Data()
            guard !chunk.isEmpty else { throw TarWriter.Failure(description: "\(entry.name): the archive ends early") }
            try target.write(contentsOf: chunk)
            remaining -= chunk.count
        }
        try target.synchronize()
        try skipPadding(entry.size)
    }

    /// The current entry's contents, for small entries (the manifest).
    public mutating func data(_ entry: Entry) throws -> Data {
        let data = try handle.read(upToCount: entry.size) ?? Data()
        guard data.count == entry.size else {
            throw TarWriter.Failure(description: "\(entry.name): the archive ends early")
        }
        try skipPadding(entry.size)
        return data
    }

    private mutating func skipPadding(_ size: Int) throws {
        let rest = size % TarWriter.blockSize
        if rest > 0 { _ = try handle.read(upToCount: TarWriter.blockSize - rest) }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
