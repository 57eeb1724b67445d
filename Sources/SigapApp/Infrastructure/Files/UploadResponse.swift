import Foundation
import Vapor

extension Request {
    /// Streams a stored upload the caller has decided the viewer may see: a picture at the display size
    /// `?ukuran=` asks for (`PhotoSize`, the original when absent or missing), anything else as a download.
    /// Never rendered as a page (`default-src 'none'`). `cache`: "public" or "private".
    func streamUpload(
        _ storedName: String, _ purpose: FilePurpose, contentType: String, cache: String = "public"
    ) async throws -> Response {
        let isImage = contentType.hasPrefix("image/")
        let size = isImage ? (try? query.get(String.self, at: "ukuran")).flatMap(PhotoSize.init(rawValue:)) : nil
        let file = context.files.displayPath(of: storedName, purpose, size: size)
        let response = try await fileio.asyncStreamFile(at: file.path)
        response.headers.replaceOrAdd(name: .contentType, value: file.isCopy ? "image/jpeg" : contentType)
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'none'")
        response.headers.replaceOrAdd(name: .contentDisposition, value: isImage ? "inline" : "attachment")
        response.headers.replaceOrAdd(name: .cacheControl, value: "\(cache), max-age=3600")
        return response
    }
}

extension ServiceContext {
    /// Stores a checked picture under a new name with its display sizes, off the event loop; returns the name.
    func placePicture(_ file: FileStore.CheckedFile, _ purpose: FilePurpose) async throws -> String {
        let name = FileStore.newName(file.type)
        let store = files
        try await threadPool.runIfActive {
            try store.place(file, as: name, purpose)
            try store.placeDisplayCopies(of: name, purpose)
        }
        return name
    }
}
