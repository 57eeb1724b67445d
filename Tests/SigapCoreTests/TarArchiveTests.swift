import Foundation
import Testing

@testable import SigapCore

/// The backup's archive format: what `TarWriter` writes, `TarReader` and the system's `tar` read back.
@Suite struct TarArchiveTests {
    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tar-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func filesOfAnySizeAndLongNamesComeBackByteForByte() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // 1 MiB + 3 bytes: more than one piece of the copy, and not a multiple of the 512-byte block
        let big = Data((0..<(1 << 20) + 3).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try big.write(to: URL(fileURLWithPath: root + "/big.bin"))
        let longName = "uploads/reports/2026-11-30/" + String(repeating: "a", count: 90) + ".jpg"  // > 100 bytes
        var writer = try TarWriter(path: root + "/backup.tar")
        try writer.addFile(at: root + "/big.bin", as: "sigap.sqlite")
        try writer.add(Data("isi".utf8), as: longName)
        try writer.add(Data(), as: "MANIFEST.json")
        try writer.finish()

        var reader = try TarReader(path: root + "/backup.tar")
        let first = try #require(try reader.next())
        #expect(first == TarReader.Entry(name: "sigap.sqlite", size: big.count))
        try reader.copy(first, to: root + "/copy.bin")
        #expect(FileManager.default.contents(atPath: root + "/copy.bin") == big)
        let second = try #require(try reader.next())
        #expect(second.name == longName)
        #expect(try reader.data(second) == Data("isi".utf8))
        let third = try #require(try reader.next())
        #expect(third.name == "MANIFEST.json" && third.size == 0)
        #expect(try reader.data(third).isEmpty)
        #expect(try reader.next() == nil)

        // the system's tar lists the same names
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "-tf", root + "/backup.tar"]
        let output = Pipe()
        tar.standardOutput = output
        try tar.run()
        tar.waitUntilExit()
        let names = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(tar.terminationStatus == 0)
        #expect(names.split(separator: "\n").map(String.init) == ["sigap.sqlite", longName, "MANIFEST.json"])
    }

    @Test func aDamagedHeaderIsRefused() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var writer = try TarWriter(path: root + "/backup.tar")
        try writer.add(Data("isi".utf8), as: "sigap.sqlite")
        try writer.finish()
        var bytes = try #require(FileManager.default.contents(atPath: root + "/backup.tar"))
        bytes[3] ^= 0xFF  // a letter of the name: the checksum no longer matches
        try bytes.write(to: URL(fileURLWithPath: root + "/backup.tar"))
        var reader = try TarReader(path: root + "/backup.tar")
        #expect(throws: TarWriter.Failure.self) { _ = try reader.next() }
    }
}
