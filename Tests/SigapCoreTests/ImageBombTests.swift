import Foundation
import Testing

@testable import SigapCore

/// Issue 12: an image whose header claims more than 40 megapixels is refused before anything decodes it.
@Suite struct ImageBombTests {
    /// A PNG signature and an IHDR chunk claiming `width` × `height` (the CRC is not checked by the scrubber).
    static func png(width: UInt32, height: UInt32) -> Data {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        for value in [width, height] { bytes += withUnsafeBytes(of: value.bigEndian, Array.init) }
        bytes += [8, 2, 0, 0, 0, 0, 0, 0, 0]  // depth, colour, compression, filter, interlace, CRC
        bytes += [0, 0, 0, 0] + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82]
        return Data(bytes)
    }

    /// A JPEG start with a baseline frame header claiming `width` × `height`, then the end.
    static func jpeg(width: UInt16, height: UInt16) -> Data {
        var bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08]
        for value in [height, width] { bytes += withUnsafeBytes(of: value.bigEndian, Array.init) }
        bytes += [0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xD9]
        return Data(bytes)
    }

    @Test func pngHeadersClaimingTooManyPixelsAreRefused() {
        #expect(throws: ImageProblem.tooManyPixels) { try ImageScrubber.scrub(Self.png(width: 50_000, height: 50_000)) }
        #expect(throws: ImageProblem.tooManyPixels) { try ImageScrubber.scrub(Self.png(width: 8_000, height: 5_001)) }
        #expect(throws: Never.self) { try ImageScrubber.scrub(Self.png(width: 8_000, height: 5_000)) }
    }

    @Test func jpegFrameHeadersClaimingTooManyPixelsAreRefused() {
        #expect(throws: ImageProblem.tooManyPixels) {
            try ImageScrubber.scrub(Self.jpeg(width: 65_000, height: 65_000))
        }
        #expect(throws: Never.self) { try ImageScrubber.scrub(Self.jpeg(width: 4_000, height: 3_000)) }
    }

    @Test func thePolicySaysWhyAndNotThatTheTypeIsWrong() {
        let policy = FilePolicy(
            accepted: [.jpeg, .png], maxBytes: 1_000_000, maxFiles: 5, scrubsImages: true, sealedAtRest: false)
        #expect(policy.check(Self.png(width: 10_000, height: 10_000)).failure == .tooManyPixels)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
