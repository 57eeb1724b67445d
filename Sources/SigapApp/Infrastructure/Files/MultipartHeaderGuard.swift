import NIOCore
import Vapor

/// Refuses a multipart body whose part headers have a byte above 0x7F where a header name goes, before
/// MultipartKit sees it: MultipartKit 4.7.1 looks such a byte up in a 128-entry table and traps (index out of
/// range), so one request from anyone took the whole server down (found by schemathesis). Header values are
/// left alone (browsers send UTF-8 file names there). Fed chunk by chunk, so it works on streamed uploads too.
struct MultipartHeaderGuard {
    private let delimiter: [UInt8]
    private var matched: Int
    private var inHeaders = false
    private var atLineStart = false
    private var inName = false
    private var previousWasCR = false
    private var blankLineProgress = 0

    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
        // The first boundary has no line break before it.
        matched = 2
    }

    struct Refused: Error {}

    mutating func scan(_ bytes: some Sequence<UInt8>) throws(Refused) {
        for byte in bytes {
            if inHeaders {
                if inName, byte >= 0x80 { throw Refused() }
                switch byte {
                case UInt8(ascii: "\r"):
                    previousWasCR = true
                    continue
                case UInt8(ascii: "\n") where previousWasCR:
                    blankLineProgress = atLineStart ? 2 : 1
                    if blankLineProgress == 2 {
                        inHeaders = false  // the empty line: the part's body starts
                        matched = 0
                    }
                    atLineStart = true
                    inName = true
                case UInt8(ascii: ":") where inName:
                    inName = false
                    atLineStart = false
                default:
                    atLineStart = false
                }
                previousWasCR = false
                continue
            }
            if byte == delimiter[matched] {
                matched += 1
                if matched == delimiter.count {
                    // After the boundary: "--" ends the body, otherwise a line break and the part's headers.
                    inHeaders = true
                    inName = false
                    atLineStart = false
                    previousWasCR = false
                }
            } else {
                matched = byte == delimiter[0] ? 1 : 0
            }
        }
    }
}

/// Vapor's multipart decoder (`req.content.decode` of a `multipart/form-data` body, on any route) with the body
/// checked by `MultipartHeaderGuard` first; registered in `configure` in place of the plain `FormDataDecoder`.
/// Streamed uploads are checked by `StreamedForm` as they arrive.
struct GuardedFormDataDecoder: ContentDecoder {
    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(D.self, from: body, headers: headers, userInfo: [:])
    }

    func decode<D: Decodable>(
        _ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: any Sendable]
    ) throws -> D {
        guard let boundary = headers.contentType?.parameters["boundary"] else {
            throw AppError(status: .badRequest, code: "bad_request", messageKey: "error.400")
        }
        var guardian = MultipartHeaderGuard(boundary: boundary)
        do {
            try guardian.scan(body.readableBytesView)
        } catch {
            throw AppError(status: .badRequest, code: "bad_request", messageKey: "error.400")
        }
        return try FormDataDecoder().decode(D.self, from: body, headers: headers, userInfo: userInfo)
    }
}
