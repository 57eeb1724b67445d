import Foundation
import SigapCore
import Vapor

/// A `multipart/form-data` body read as it arrives: text fields into memory (bounded), each file part straight
/// to its own file under `uploads/incoming/`, so a form with five 10 MB photos never sits in memory whole.
/// Routes that take uploads are declared with `upload(…)` (a streamed body, counted by `UploadGate`) and read it
/// with `StreamedForm.read`.
struct StreamedForm: Sendable {
    struct IncomingFile: Sendable {
        let field: String
        let filename: String
        let path: String
        let byteCount: Int
    }

    private(set) var fields: [String: String] = [:]
    private(set) var files: [IncomingFile] = []
    /// The body of a form sent URL-encoded (no files), decoded as it came.
    private var urlEncoded: String?

    static let maxFieldBytes = 64 * 1024
    static let maxFields = 64

    /// Decodes the text fields as if they had been sent URL-encoded.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if let urlEncoded { return try URLEncodedFormDecoder().decode(T.self, from: urlEncoded) }
        var components = URLComponents()
        components.queryItems = fields.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        let encoded = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        return try URLEncodedFormDecoder().decode(T.self, from: encoded)
    }

    /// The non-empty files sent under `field`.
    func files(named field: String) -> [IncomingFile] {
        files.filter { ($0.field == field || $0.field == field + "[]") && $0.byteCount > 0 }
    }

    /// Checks each file of `field` against `purpose`, one at a time (only one file's bytes are in memory at
    /// once); the checked files stay on disk until placed. Reading and scrubbing up to 10 MB per file runs on
    /// the thread pool: tasks run on the event loops (`sigap/main.swift`), which must not wait on the disk.
    func checkedFiles(named field: String, for purpose: FilePurpose, context: ServiceContext) async throws(FileProblem)
        -> [FileStore.CheckedFile]
    {
        let store = context.files
        let check: @Sendable () throws(FileProblem) -> [FileStore.CheckedFile] = { () throws(FileProblem) in
            let chosen = files(named: field)
            guard chosen.count <= purpose.policy.maxFiles else { throw .tooMany }
            var checked: [FileStore.CheckedFile] = []
            for file in chosen { checked.append(try store.check(fileAt: file.path, for: purpose)) }
            return checked
        }
        let outcome: Result<[FileStore.CheckedFile], FileProblem>
        do {
            outcome = try await context.threadPool.runIfActive { Result(catching: check) }
        } catch {
            outcome = Result(catching: check)  // the pool has stopped (shutting down): check here instead
        }
        return try outcome.get()
    }

    /// The same for a form whose only file problem is its files: a problem is the answer (413, or 422 on
    /// `field`). Report forms send their photos as `photo`.
    func checkedPhotos(
        named field: String = "photo", for purpose: FilePurpose = .reportPhoto, context: ServiceContext
    ) async throws -> [FileStore.CheckedFile] {
        do {
            return try await checkedFiles(named: field, for: purpose, context: context)
        } catch {
            throw AppError.file(error, field: field)
        }
    }

    /// Deletes the incoming files (after they were checked and stored, or when the request failed).
    func removeIncoming() {
        for file in files { try? FileManager.default.removeItem(atPath: file.path) }
    }

    /// Reads the request's body. A file larger than `maxFileBytes`, or more than one file beyond `maxFiles`
    /// (one more is let through so the form can say "too many" as a 422), stops the upload with 413, so a
    /// stranger cannot fill the disk; a body that ends before its closing boundary is a 400, and nothing it
    /// wrote is kept.
    static func read(
        _ req: Request, store: FileStore, maxFileBytes: Int, maxFiles: Int, tooLarge: String = "error.413"
    ) async throws -> StreamedForm {
        if req.headers.contentType == .urlEncodedForm {
            // A form without files (a client that does not send multipart): small, read whole.
            let body = try await req.body.collect(max: req.application.routes.defaultMaxBodySize.value).get()
            var form = StreamedForm()
            form.urlEncoded = body.map { String(buffer: $0) } ?? ""
            return form
        }
        guard let boundary = req.headers.contentType?.parameters["boundary"],
            req.headers.contentType?.subType == "form-data"
        else {
            throw AppError(status: .unsupportedMediaType, code: "unsupported_media_type", messageKey: "error.415")
        }
        try FileManager.default.createDirectory(atPath: store.incomingFolder, withIntermediateDirectories: true)
        let reader = Reader(
            boundary: boundary, folder: store.incomingFolder, maxFileBytes: maxFileBytes, maxFiles: maxFiles,
            tooLargeKey: tooLarge)
        do {
            for try await chunk in req.body {
                try reader.feed(chunk)
            }
            return try reader.finish()
        } catch {
            reader.abandon()
            throw error
        }
    }

    /// The parser's callbacks cannot throw: the first problem is kept and thrown after the chunk.
    private final class Reader {
        private let parser: MultipartParser
        private var guardian: MultipartHeaderGuard
        private let folder: String
        private let maxFileBytes: Int
        private let maxFiles: Int
        private let tooLargeKey: String
        private var filesWithData = 0
        private var form = StreamedForm()
        private var headers: [String: String] = [:]
        private var part: Part?
        private var problem: (any Error)?
        private var fieldCount = 0

        enum Part {
            case field(name: String, bytes: [UInt8])
            case file(name: String, filename: String, path: String, handle: FileHandle, count: Int)
        }

        init(boundary: String, folder: String, maxFileBytes: Int, maxFiles: Int, tooLargeKey: String) {
            parser = MultipartParser(boundary: boundary)
            guardian = MultipartHeaderGuard(boundary: boundary)
            self.folder = folder
            self.maxFileBytes = maxFileBytes
            self.maxFiles = maxFiles
            self.tooLargeKey = tooLargeKey
            parser.onHeader = { [unowned self] name, value in headers[name.lowercased()] = value }
            parser.onBody = { [unowned self] buffer in body(&buffer) }
            parser.onPartComplete = { [unowned self] in complete() }
        }

        func feed(_ chunk: ByteBuffer) throws {
            do {
                try guardian.scan(chunk.readableBytesView)
                try parser.execute(chunk)
            } catch {
                // A body that is not multipart as it claims (the parser's own error type is private): the
                // client's mistake, 400, not a server fault (found by schemathesis).
                throw problem ?? AppError(status: .badRequest, code: "bad_request", messageKey: "error.400")
            }
            if let problem { throw problem }
        }

        func finish() throws -> StreamedForm {
            // A part still open means the body ended before its closing boundary: a cut-off upload.
            if part != nil || (form.fields.isEmpty && form.files.isEmpty) {
                throw AppError(status: .badRequest, code: "bad_request", messageKey: "error.upload_incomplete")
            }
            return form
        }

        func abandon() {
            if case .file(_, _, let path, let handle, _) = part {
                try? handle.close()
                try? FileManager.default.removeItem(atPath: path)
            }
            part = nil
            form.removeIncoming()
        }

        private func startPart() {
            let disposition = headers["content-disposition"] ?? ""
            let name = Self.parameter("name", in: disposition) ?? ""
            if let filename = Self.parameter("filename", in: disposition) {
                let path = folder + "/" + SecretToken.urlSafe(bytes: 18)
                guard FileManager.default.createFile(atPath: path, contents: nil),
                    let handle = FileHandle(forWritingAtPath: path)
                else {
                    problem = FileStoreError.io("create incoming", errno)
                    return
                }
                part = .file(name: name, filename: filename, path: path, handle: handle, count: 0)
            } else {
                fieldCount += 1
                if fieldCount > StreamedForm.maxFields { problem = tooLarge() }
                part = .field(name: name, bytes: [])
            }
        }

        private func body(_ buffer: inout ByteBuffer) {
            guard problem == nil else { return }
            if part == nil { startPart() }
            switch part {
            case .field(let name, var bytes):
                bytes += buffer.readBytes(length: buffer.readableBytes) ?? []
                if bytes.count > StreamedForm.maxFieldBytes { problem = tooLarge() }
                part = .field(name: name, bytes: bytes)
            case .file(let name, let filename, let path, let handle, let count):
                let total = count + buffer.readableBytes
                if count == 0, buffer.readableBytes > 0 {
                    filesWithData += 1
                    guard filesWithData <= maxFiles + 1 else {
                        problem = tooLarge()
                        return
                    }
                }
                guard total <= maxFileBytes else {
                    problem = AppError(status: .payloadTooLarge, code: "payload_too_large", messageKey: tooLargeKey)
                    return
                }
                do {
                    try handle.write(contentsOf: buffer.readableBytesView)
                } catch {
                    problem = error
                }
                buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
                part = .file(name: name, filename: filename, path: path, handle: handle, count: total)
            case nil: break
            }
        }

        private func complete() {
            if part == nil, problem == nil { startPart() }  // an empty part: no body callback came
            switch part {
            case .field(let name, let bytes):
                form.fields[name] = String(decoding: bytes, as: UTF8.self)
            case .file(let name, let filename, let path, let handle, let count):
                try? handle.close()
                form.files.append(IncomingFile(field: name, filename: filename, path: path, byteCount: count))
            case nil: break
            }
            part = nil
            headers = [:]
        }

        private func tooLarge() -> AppError {
            AppError(status: .payloadTooLarge, code: "payload_too_large", messageKey: "error.413")
        }

        /// `name="photo"; filename="a.jpg"` → the value of one parameter.
        static func parameter(_ key: String, in header: String) -> String? {
            for piece in header.split(separator: ";") {
                let pair = piece.trimmingCharacters(in: .whitespaces)
                guard pair.lowercased().hasPrefix(key + "=") else { continue }
                var value = String(pair.dropFirst(key.count + 1))
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                    value = String(value.dropFirst().dropLast())
                }
                return value
            }
            return nil
        }
    }
}
