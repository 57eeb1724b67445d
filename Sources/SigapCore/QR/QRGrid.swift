/// The module grid of a QR code while it is built: function patterns (finders, timing, alignment, format and
/// version areas) are marked so data and masks leave them alone. Coordinates are (x: column, y: row).
struct Grid {
    let version: Int
    let size: Int
    private(set) var dark: [[Bool]]
    private(set) var isFunction: [[Bool]]

    init(version: Int) {
        self.version = version
        size = version * 4 + 17
        dark = Array(repeating: Array(repeating: false, count: size), count: size)
        isFunction = dark
    }

    private mutating func setFunction(_ x: Int, _ y: Int, _ isDark: Bool) {
        dark[y][x] = isDark
        isFunction[y][x] = true
    }

    // MARK: Function patterns

    mutating func placeFunctionPatterns() {
        for i in 0..<size {
            setFunction(6, i, i % 2 == 0)
            setFunction(i, 6, i % 2 == 0)
        }
        for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] { finder(centreX: x, centreY: y) }
        let centres = Self.alignmentCentres(version)
        for (i, cx) in centres.enumerated() {
            for (j, cy) in centres.enumerated() {
                // Not over the three finders.
                if (i == 0 && j == 0) || (i == 0 && j == centres.count - 1) || (i == centres.count - 1 && j == 0) {
                    continue
                }
                for dy in -2...2 {
                    for dx in -2...2 { setFunction(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1) }
                }
            }
        }
        formatBits(0)  // reserved now, written with the mask
        versionBits()
    }

    private mutating func finder(centreX: Int, centreY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centreX + dx
                let y = centreY + dy
                guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                let distance = max(abs(dx), abs(dy))
                setFunction(x, y, distance != 2 && distance != 4)
            }
        }
    }

    static func alignmentCentres(_ version: Int) -> [Int] {
        switch version {
        case 1: []
        case 2...6: [6, version * 4 + 10]
        case 7: [6, 22, 38]
        case 8: [6, 24, 42]
        case 9: [6, 26, 46]
        default: [6, 28, 50]
        }
    }

    /// The 15 format bits (level and mask, BCH-protected), in both copies, and the always-dark module.
    mutating func formatBits(_ bits: Int) {
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
        for i in 0...5 { setFunction(8, i, bit(i)) }
        setFunction(8, 7, bit(6))
        setFunction(8, 8, bit(7))
        setFunction(7, 8, bit(8))
        for i in 9..<15 { setFunction(14 - i, 8, bit(i)) }
        for i in 0..<8 { setFunction(size - 1 - i, 8, bit(i)) }
        for i in 8..<15 { setFunction(8, size - 15 + i, bit(i)) }
        setFunction(8, size - 8, true)
    }

    /// Versions 7 and up carry their number, BCH-protected, beside two finders.
    private mutating func versionBits() {
        guard version >= 7 else { return }
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        let bits = version << 12 | remainder
        for i in 0..<18 {
            let isDark = (bits >> i) & 1 == 1
            let a = size - 11 + i % 3
            let b = i / 3
            setFunction(a, b, isDark)
            setFunction(b, a, isDark)
        }
    }

    static func format(level: QRCode.Level, mask: Int) -> Int {
        let data = level.formatBits << 3 | mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        return (data << 10 | remainder) ^ 0x5412
    }

    // MARK: Data

    /// The codewords in the standard's zigzag, two columns at a time from the bottom right, skipping the
    /// vertical timing column; the remainder modules stay light.
    mutating func place(_ codewords: [UInt8]) {
        var index = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for vertical in 0..<size {
                for j in 0..<2 {
                    let x = right - j
                    let upward = (right + 1) & 2 == 0
                    let y = upward ? size - 1 - vertical : vertical
                    if !isFunction[y][x], index < codewords.count * 8 {
                        dark[y][x] = (codewords[index >> 3] >> (7 - UInt8(index & 7))) & 1 == 1
                        index += 1
                    }
                }
            }
            right -= 2
        }
    }

    /// A copy with `mask` applied to the data modules and its format bits written.
    func masked(_ mask: Int, level: QRCode.Level) -> Grid {
        var copy = self
        for y in 0..<size {
            for x in 0..<size where !isFunction[y][x] {
                let invert: Bool
                switch mask {
                case 0: invert = (x + y) % 2 == 0
                case 1: invert = y % 2 == 0
                case 2: invert = x % 3 == 0
                case 3: invert = (x + y) % 3 == 0
                case 4: invert = (x / 3 + y / 2) % 2 == 0
                case 5: invert = x * y % 2 + x * y % 3 == 0
                case 6: invert = (x * y % 2 + x * y % 3) % 2 == 0
                default: invert = ((x + y) % 2 + x * y % 3) % 2 == 0
                }
                if invert { copy.dark[y][x].toggle() }
            }
        }
        copy.formatBits(Self.format(level: level, mask: mask))
        return copy
    }

    // MARK: Choosing the mask

    /// The standard's penalty: long runs, 2×2 blocks, finder-like patterns, imbalance of dark and light.
    var penalty: Int {
        var score = 0
        let columns = (0..<size).map { x in (0..<size).map { dark[$0][x] } }
        for line in dark + columns {
            var run = 1
            for i in 1..<size {
                if line[i] == line[i - 1] {
                    run += 1
                } else {
                    if run >= 5 { score += run - 2 }
                    run = 1
                }
            }
            if run >= 5 { score += run - 2 }
            score += 40 * Self.finderLike(line)
        }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let c = dark[y][x]
                if c == dark[y][x + 1], c == dark[y + 1][x], c == dark[y + 1][x + 1] { score += 3 }
            }
        }
        let darkCount = dark.reduce(0) { $0 + $1.filter { $0 }.count }
        let total = size * size
        score += 10 * ((abs(darkCount * 20 - total * 10) + total - 1) / total - 1)
        return score
    }

    /// Occurrences of dark-light-dark×3-light-dark with four light modules on one side (or past the edge).
    static func finderLike(_ line: [Bool]) -> Int {
        let core: [Bool] = [true, false, true, true, true, false, true]
        var count = 0
        guard line.count >= core.count else { return 0 }
        for start in 0...(line.count - core.count) where Array(line[start..<start + core.count]) == core {
            func light(_ range: Range<Int>) -> Bool { range.allSatisfy { $0 < 0 || $0 >= line.count || !line[$0] } }
            if light((start - 4)..<start) || light((start + 7)..<(start + 11)) { count += 1 }
        }
        return count
    }
}
