import Foundation

/// A type of uploaded file, recognised by its content, never by its name or the browser's word.
public enum FileType: String, Codable, Sendable, CaseIterable {
    case jpeg, png, pdf

    public var contentType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .pdf: "application/pdf"
        }
    }

    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        case .pdf: "pdf"
        }
    }

    /// The type the first bytes announce, or nil.
    public static func detect(_ head: Data) -> FileType? {
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        switch ImageScrubber.detect(head) {
        case .jpeg: return .jpeg
        case .png: return .png
        case nil: return nil
        }
    }
}

public enum FileProblem: String, Error, Sendable, Equatable {
    case tooLarge = "file.too_large"
    case wrongType = "file.wrong_type"
    case tooMany = "file.too_many"
    /// An image whose header claims more than 40 megapixels.
    case tooManyPixels = "file.too_many_pixels"
}

/// The rules for the uploads of one purpose (report photos, WBS evidence, service documents, …): which types
/// are accepted, how large a file and how many may be, whether images lose their metadata, whether the file is
/// sealed at rest.
public struct FilePolicy: Sendable, Equatable {
    public let accepted: Set<FileType>
    public let maxBytes: Int
    public let maxFiles: Int
    /// JPEG and PNG are re-written without EXIF, XMP, comments and text chunks (location, camera, owner).
    public let scrubsImages: Bool
    /// Sealed with a per-record key before it reaches the disk (whistleblowing evidence).
    public let sealedAtRest: Bool

    public init(accepted: Set<FileType>, maxBytes: Int, maxFiles: Int, scrubsImages: Bool, sealedAtRest: Bool) {
        self.accepted = accepted
        self.maxBytes = maxBytes
        self.maxFiles = maxFiles
        self.scrubsImages = scrubsImages
        self.sealedAtRest = sealedAtRest
    }

    /// Checks `data` against the policy and returns what is to be stored: the bytes (scrubbed where images
    /// are) and their type.
    public func check(_ data: Data) -> Result<(data: Data, type: FileType), FileProblem> {
        guard data.count <= maxBytes else { return .failure(.tooLarge) }
        guard let type = FileType.detect(data.prefix(16)), accepted.contains(type) else {
            return .failure(.wrongType)
        }
        guard scrubsImages, type != .pdf else { return .success((data, type)) }
        do {
            let scrubbed = try ImageScrubber.scrub(data)
            return .success((scrubbed.data, scrubbed.format == .png ? .png : .jpeg))
        } catch .tooManyPixels {
            return .failure(.tooManyPixels)
        } catch {
            return .failure(.wrongType)
        }
    }
}
