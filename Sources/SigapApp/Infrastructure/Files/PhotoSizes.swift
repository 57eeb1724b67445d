import CImageScale
import Foundation

/// The sizes pages show report photos in: a phone photo of several megabytes took most of a minute to appear at
/// 400 kbps as a 160 px thumbnail. Each is a JPEG beside the original, named after it (`…jpg.w320.jpg`), made
/// when the photo is stored; the original stays for staff. A missing copy (a photo stored before, a crash
/// between the two writes) is served as the original.
enum PhotoSize: String, CaseIterable, Sendable {
    /// Thumbnails in lists and on the report page.
    case small = "kecil"
    /// The photo opened on a phone.
    case medium = "sedang"

    var longerSide: Int {
        switch self {
        case .small: 320
        case .medium: 1280
        }
    }

    var suffix: String { ".w\(longerSide).jpg" }

    func storedName(of original: String) -> String { original + suffix }

    /// The original a stored name belongs to: itself, or the photo it is a copy of.
    static func original(of storedName: String) -> String {
        for size in allCases where storedName.hasSuffix(size.suffix) {
            return String(storedName.dropLast(size.suffix.count))
        }
        return storedName
    }
}

/// Decoding, scaling and encoding with stb (decision 0015). CPU work of tens of milliseconds: callers run it on
/// the thread pool, after `FileStore.check` refused images over 40 megapixels.
enum ImageScaler {
    /// A JPEG whose longer side is at most `longerSide` (never enlarged); nil if the image cannot be decoded.
    static func jpeg(_ image: Data, longerSide: Int, quality: Int = 80) -> (data: Data, width: Int, height: Int)? {
        image.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> (Data, Int, Int)? in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return nil }
            var output: UnsafeMutablePointer<UInt8>?
            var length: Int32 = 0
            var width: Int32 = 0
            var height: Int32 = 0
            guard
                image_scale_jpeg(
                    base, Int32(image.count), Int32(longerSide), Int32(quality), &output, &length, &width, &height)
                    == 1, let output
            else { return nil }
            defer { image_scale_free(output) }
            return (Data(bytes: output, count: Int(length)), Int(width), Int(height))
        }
    }
}

extension FileStore {
    /// Writes the display sizes of a stored photo beside it. A photo that cannot be decoded keeps none.
    func placeDisplayCopies(of storedName: String, _ purpose: FilePurpose) throws {
        let original = try read(storedName, purpose)
        for size in PhotoSize.allCases {
            guard let copy = ImageScaler.jpeg(original, longerSide: size.longerSide) else { return }
            try write(copy.data, as: size.storedName(of: storedName), purpose)
        }
    }

    /// The file to serve for `size`: the copy when it exists, else the original (and whether it is the copy).
    func displayPath(of storedName: String, _ purpose: FilePurpose, size: PhotoSize?) -> (path: String, isCopy: Bool) {
        if let size {
            let copy = path(of: size.storedName(of: storedName), purpose)
            if FileManager.default.fileExists(atPath: copy) { return (copy, true) }
        }
        return (path(of: storedName, purpose), false)
    }
}
