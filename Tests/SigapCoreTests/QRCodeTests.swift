import Foundation
import Testing

@testable import SigapCore

/// The QR encoder against another implementation: the vectors in Tests/Fixtures/qr-vectors.json were made with
/// Python's `qrcode` 8 (byte mode, the version, level and mask fixed), and must match module for module.
@Suite struct QRCodeTests {
    struct Vector: Decodable {
        let version: Int
        let level: String
        let mask: Int
        let text: String
        let rows: [String]
    }

    static let vectors: [Vector] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/qr-vectors.json")
        return (try? JSONDecoder().decode([Vector].self, from: Data(contentsOf: url))) ?? []
    }()

    static func level(_ letter: String) -> QRCode.Level {
        ["L": .low, "M": .medium, "Q": .quartile, "H": .high][letter]!
    }

    @Test func theVectorsAreThere() {
        #expect(Self.vectors.count == 5)
    }

    @Test(arguments: 0..<5)
    func matchesTheReferenceModuleForModule(index: Int) throws {
        let vector = try #require(Self.vectors.count > index ? Self.vectors[index] : nil)
        let code = try QRCode(
            bytes: Array(vector.text.utf8), level: Self.level(vector.level), version: vector.version,
            mask: vector.mask)
        let rows = code.modules.map { String($0.map { $0 ? "1" : "0" }) }
        #expect(code.size == vector.version * 4 + 17)
        #expect(rows == vector.rows, "version \(vector.version) \(vector.level) mask \(vector.mask)")
    }

    @Test func choosesTheSmallestVersionThatHoldsTheText() throws {
        #expect(try QRCode("SIGAP").version == 1)
        // 84 bytes is version 5's capacity at level M (86 codewords less mode and count); 85 needs version 6.
        #expect(try QRCode(String(repeating: "a", count: 84)).version == 5)
        #expect(try QRCode(String(repeating: "a", count: 85)).version == 6)
        #expect(try QRCode(String(repeating: "a", count: 213)).version == 10)
        #expect(throws: QRCode.Problem.tooLong) { try QRCode(String(repeating: "a", count: 214)) }
    }

    @Test func anAutomaticMaskGivesTheSameDataAsTheReferenceWithThatMask() throws {
        // Whatever mask the penalty picks, the code must equal the reference encoder's with that mask.
        let text = Self.vectors[1].text
        let automatic = try QRCode(bytes: Array(text.utf8), level: .medium)
        let forced = try QRCode(
            bytes: Array(text.utf8), level: .medium, version: automatic.version, mask: automatic.mask)
        #expect(automatic == forced)
        #expect((0..<8).contains(automatic.mask))
    }

    @Test func theDrawingHasAQuietZoneAndOnlyNumbersInItsPath() throws {
        let svg = try QRCode("SIGAP").svg
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 29 29\""))
        let path = try #require(svg.split(separator: "d=\"").last?.split(separator: "\"").first)
        #expect(path.allSatisfy { "Mhvz-0123456789 ".contains($0) })
        #expect(path.hasPrefix("M4 4h7v1h-7z"))  // the top-left finder's first row, after four light modules
    }
}
