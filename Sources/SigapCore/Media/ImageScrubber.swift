import Foundation

public enum ImageFormat: String, Sendable {
    case jpeg, png

    public var contentType: String { self == .jpeg ? "image/jpeg" : "image/png" }
    public var fileExtension: String { self == .jpeg ? "jpg" : "png" }
}

public enum ImageProblem: Error, Equatable, Sendable {
    /// Neither JPEG nor PNG by its content, whatever its name says.
    case unsupported
    /// Looks like JPEG/PNG but its structure is broken.
    case malformed
    /// Its header claims more than `ImageScrubber.maximumPixels`: decoding it would take gigabytes (a
    /// "decompression bomb"), whatever the file's size.
    case tooManyPixels
}

/// Removes metadata from photos without touching the picture: for JPEG every APPn segment except JFIF (APP0),
/// the ICC colour profile (APP2 "ICC_PROFILE") and Adobe's colour transform (APP14), and every comment (COM);
/// for PNG every ancillary chunk except those that change how pixels look (PLTE is critical; tRNS, gAMA,
/// cHRM, sRGB, iCCP, sBIT, pHYs kept). EXIF (with GPS and maker notes), XMP, IPTC, text chunks and
/// timestamps go. Entropy-coded image data is copied byte for byte.
public enum ImageScrubber {
    /// 40 megapixels: more than any phone camera takes.
    public static let maximumPixels = 40_000_000

    public static func detect(_ data: Data) -> ImageFormat? {
        if data.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if data.starts(with: pngSignature) { return .png }
        return nil
    }

    public static func scrub(_ data: Data) throws(ImageProblem) -> (data: Data, format: ImageFormat) {
        switch detect(data) {
        case .jpeg: return (try scrubJPEG(Array(data)), .jpeg)
        case .png: return (try scrubPNG(Array(data)), .png)
        case nil: throw .unsupported
        }
    }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    static let keptPNGAncillary: Set<String> = ["tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "pHYs", "bKGD"]

    static func scrubJPEG(_ bytes: [UInt8]) throws(ImageProblem) -> Data {
        var output: [UInt8] = [0xFF, 0xD8]
        var index = 2
        while index < bytes.count {
            guard bytes[index] == 0xFF, index + 1 < bytes.count else { throw .malformed }
            let marker = bytes[index + 1]
            if marker == 0xFF {  // fill byte
                index += 1
                continue
            }
            if marker == 0xD9 {  // end of image
                output += [0xFF, 0xD9]
                return Data(output)
            }
            if (0xD0...0xD7).contains(marker) || marker == 0x01 {  // stand-alone markers
                output += [0xFF, marker]
                index += 2
                continue
            }
            guard index + 3 < bytes.count else { throw .malformed }
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            guard length >= 2, index + 2 + length <= bytes.count else { throw .malformed }
            let segment = bytes[index..<(index + 2 + length)]
            let payload = bytes[(index + 4)..<(index + 2 + length)]
            if marker == 0xDA {
                // Start of scan: the header, then entropy-coded data up to the next marker that is not a
                // stuffed 0xFF00 or a restart marker. Copy it all unchanged.
                var end = index + 2 + length
                while end + 1 < bytes.count {
                    if bytes[end] == 0xFF, bytes[end + 1] != 0x00, !(0xD0...0xD7).contains(bytes[end + 1]) { break }
                    end += 1
                }
                output += bytes[index..<end]
                index = end
                continue
            }
            // Start of frame (SOF0–SOF15 but DHT, JPG and DAC): precision, height, width.
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker), payload.count >= 5 {
                let base = payload.startIndex
                let height = Int(payload[base + 1]) << 8 | Int(payload[base + 2])
                let width = Int(payload[base + 3]) << 8 | Int(payload[base + 4])
                guard width * height <= maximumPixels else { throw .tooManyPixels }
            }
            if keepJPEGSegment(marker: marker, payload: payload) { output += segment }
            index += 2 + length
        }
        throw .malformed
    }

    static func keepJPEGSegment(marker: UInt8, payload: ArraySlice<UInt8>) -> Bool {
        switch marker {
        case 0xE0: return payload.starts(with: Array("JFIF".utf8))
        case 0xE2: return payload.starts(with: Array("ICC_PROFILE".utf8))
        case 0xEE: return payload.starts(with: Array("Adobe".utf8))
        case 0xE1, 0xE3...0xED, 0xEF, 0xFE: return false
        default: return true
        }
    }

    static func scrubPNG(_ bytes: [UInt8]) throws(ImageProblem) -> Data {
        var output = pngSignature
        var index = pngSignature.count
        while index + 12 <= bytes.count {
            let length =
                Int(bytes[index]) << 24 | Int(bytes[index + 1]) << 16 | Int(bytes[index + 2]) << 8
                | Int(bytes[index + 3])
            guard length >= 0, index + 12 + length <= bytes.count else { throw .malformed }
            let typeBytes = bytes[(index + 4)..<(index + 8)]
            guard let type = String(bytes: typeBytes, encoding: .ascii) else { throw .malformed }
            let chunk = bytes[index..<(index + 12 + length)]
            if type == "IHDR", length >= 8 {
                func word(_ at: Int) -> Int {
                    Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
                }
                guard word(index + 8) * word(index + 12) <= maximumPixels else { throw .tooManyPixels }
            }
            // Critical chunks have an upper-case first letter.
            let critical = typeBytes.first.map { $0 & 0x20 == 0 } ?? false
            if critical || keptPNGAncillary.contains(type) { output += chunk }
            index += 12 + length
            if type == "IEND" { return Data(output) }
        }
        throw .malformed
    }
}
