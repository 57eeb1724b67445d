/// A QR code (ISO/IEC 18004) of bytes, in byte mode, versions 1–10: enough for an `otpauth://` enrolment link
/// (version 6–8 at level M) and the links printed on certificates and posters. Written here rather than taken
/// from a package: no QR encoder is among the packages this project may use, and the whole of it is the
/// standard's tables, Reed–Solomon over GF(256), and module placement.
///
/// Checked module for module against another implementation (`QRCodeTests`, vectors from Python's `qrcode`).
public struct QRCode: Sendable, Equatable {
    public enum Level: Sendable, CaseIterable {
        /// Recovers ~7 %, ~15 %, ~25 %, ~30 % of damage.
        case low, medium, quartile, high

        /// The two format bits of the level (the standard's order is not alphabetical).
        var formatBits: Int {
            switch self {
            case .low: 1
            case .medium: 0
            case .quartile: 3
            case .high: 2
            }
        }
    }

    public enum Problem: Error, Equatable {
        /// More bytes than version 10 holds at the level.
        case tooLong
    }

    public let version: Int
    public let level: Level
    public let mask: Int
    /// Modules row by row, `true` dark; `size` × `size`.
    public let modules: [[Bool]]
    public var size: Int { modules.count }

    /// The smallest version that holds `bytes`, and the mask with the lowest penalty (or `mask` when given).
    public init(bytes: [UInt8], level: Level = .medium, version fixedVersion: Int? = nil, mask fixedMask: Int? = nil)
        throws(Problem)
    {
        guard
            let version = fixedVersion
                ?? (1...10).first(where: { Self.dataCapacity(version: $0, level: level) >= Self.neededBytes($0, bytes) }
                ),
            Self.dataCapacity(version: version, level: level) >= Self.neededBytes(version, bytes)
        else { throw .tooLong }
        let codewords = Self.codewords(Self.dataCodewords(bytes, version: version, level: level), version, level)
        var grid = Grid(version: version)
        grid.placeFunctionPatterns()
        grid.place(codewords)
        let chosen =
            fixedMask ?? (0..<8).min { a, b in
                grid.masked(a, level: level).penalty < grid.masked(b, level: level).penalty
            }!
        let final = grid.masked(chosen, level: level)
        self.version = version
        self.level = level
        mask = chosen
        modules = final.dark
    }

    public init(_ text: String, level: Level = .medium) throws(Problem) {
        try self.init(bytes: Array(text.utf8), level: level)
    }

    /// The drawing's side in modules, with the quiet zone of four modules around the code.
    public var side: Int { size + 8 }

    /// An SVG drawing with the quiet zone, dark modules as one path.
    public var svg: String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" shape-rendering=\"crispEdges\">"
            + "<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/><path d=\"\(pathData)\" fill=\"#000\"/></svg>"
    }

    /// The dark modules as SVG path data, one rectangle per run of a row: only `M h v z`, digits and spaces.
    public var pathData: String {
        var path = ""
        for (y, row) in modules.enumerated() {
            var x = 0
            while x < size {
                guard row[x] else {
                    x += 1
                    continue
                }
                var run = 1
                while x + run < size, row[x + run] { run += 1 }
                path += "M\(x + 4) \(y + 4)h\(run)v1h-\(run)z"
                x += run
            }
        }
        return path
    }

    // MARK: Data and error correction

    /// Bytes the data needs in byte mode: mode (4 bits), count (8 or 16 bits), the bytes.
    static func neededBytes(_ version: Int, _ bytes: [UInt8]) -> Int {
        (4 + (version < 10 ? 8 : 16) + bytes.count * 8 + 7) / 8
    }

    static func dataCapacity(version: Int, level: Level) -> Int {
        let b = blocks(version, level)
        return b.count1 * b.data1 + b.count2 * (b.data1 + 1)
    }

    /// The data codewords: mode, count, bytes, terminator, padding to the capacity.
    static func dataCodewords(_ bytes: [UInt8], version: Int, level: Level) -> [UInt8] {
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) {
            for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) }
        }
        append(0b0100, 4)
        append(bytes.count, version < 10 ? 8 : 16)
        for byte in bytes { append(Int(byte), 8) }
        let capacityBits = dataCapacity(version: version, level: level) * 8
        append(0, min(4, capacityBits - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var out: [UInt8] = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(0) { $0 << 1 | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while out.count < capacityBits / 8 {
            out.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return out
    }

    /// Data split into blocks, each with its Reed–Solomon codewords, interleaved as the standard lays them out.
    static func codewords(_ data: [UInt8], _ version: Int, _ level: Level) -> [UInt8] {
        let b = blocks(version, level)
        var blocksData: [[UInt8]] = []
        var offset = 0
        for index in 0..<(b.count1 + b.count2) {
            let length = index < b.count1 ? b.data1 : b.data1 + 1
            blocksData.append(Array(data[offset..<offset + length]))
            offset += length
        }
        let divisor = ReedSolomon.generator(degree: b.ecPerBlock)
        let ecBlocks = blocksData.map { ReedSolomon.remainder($0, divisor) }
        var out: [UInt8] = []
        for i in 0..<(b.data1 + 1) {
            for block in blocksData where i < block.count { out.append(block[i]) }
        }
        for i in 0..<b.ecPerBlock {
            for block in ecBlocks { out.append(block[i]) }
        }
        return out
    }

    /// EC codewords per block; group 1's block count and data codewords; group 2's block count (one more data
    /// codeword each). ISO/IEC 18004 table 9, versions 1–10.
    static func blocks(_ version: Int, _ level: Level) -> (ecPerBlock: Int, count1: Int, data1: Int, count2: Int) {
        let table: [[(Int, Int, Int, Int)]] = [
            // low, medium, quartile, high
            [(7, 1, 19, 0), (10, 1, 16, 0), (13, 1, 13, 0), (17, 1, 9, 0)],
            [(10, 1, 34, 0), (16, 1, 28, 0), (22, 1, 22, 0), (28, 1, 16, 0)],
            [(15, 1, 55, 0), (26, 1, 44, 0), (18, 2, 17, 0), (22, 2, 13, 0)],
            [(20, 1, 80, 0), (18, 2, 32, 0), (26, 2, 24, 0), (16, 4, 9, 0)],
            [(26, 1, 108, 0), (24, 2, 43, 0), (18, 2, 15, 2), (22, 2, 11, 2)],
            [(18, 2, 68, 0), (16, 4, 27, 0), (24, 4, 19, 0), (28, 4, 15, 0)],
            [(20, 2, 78, 0), (18, 4, 31, 0), (18, 2, 14, 4), (26, 4, 13, 1)],
            [(24, 2, 97, 0), (22, 2, 38, 2), (22, 4, 18, 2), (26, 4, 14, 2)],
            [(30, 2, 116, 0), (22, 3, 36, 2), (20, 4, 16, 4), (24, 4, 12, 4)],
            [(18, 2, 68, 2), (26, 4, 43, 1), (24, 6, 19, 2), (28, 6, 15, 2)],
        ]
        let row = table[version - 1][Level.allCases.firstIndex(of: level)!]
        return (row.0, row.1, row.2, row.3)
    }
}

/// Reed–Solomon over GF(256) with the QR polynomial x⁸ + x⁴ + x³ + x² + 1.
enum ReedSolomon {
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var result: UInt16 = 0
        for i in stride(from: 7, through: 0, by: -1) {
            result = (result << 1) ^ ((result >> 7) * 0x11D)
            result ^= UInt16((y >> UInt8(i)) & 1) * UInt16(x)
        }
        return UInt8(result & 0xFF)
    }

    /// The generator polynomial of `degree` (its coefficients after the leading 1), product of (x − αⁱ).
    static func generator(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in 0..<degree {
                result[j] = multiply(result[j], root)
                if j + 1 < degree { result[j] ^= result[j + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    static func remainder(_ data: [UInt8], _ divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for i in 0..<result.count { result[i] ^= multiply(divisor[i], factor) }
        }
        return result
    }
}
