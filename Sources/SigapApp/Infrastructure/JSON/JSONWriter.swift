import Foundation
import SigapCore
import Vapor

/// Writes JSON straight into one byte buffer, for answers served many times a second (the report API).
///
/// Foundation's `JSONEncoder` builds a tree of boxed values and walks it again to write, which cost about as
/// much as the rest of the report API's work (decision 0013). The output means the same as `JSONEncoder` with
/// Vapor's settings: keys as written, `nil` fields left out, dates as ISO 8601 in UTC to the second.
/// `JSONWriterTests` hold each hand-written answer equal to the encoder's.
struct JSONWriter {
    private(set) var buffer: ByteBuffer
    /// Whether the next value in the current object or array needs a comma before it.
    private var needsComma = false

    init(capacity: Int = 2048) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    // MARK: Objects and arrays

    mutating func object(_ fields: (inout JSONWriter) -> Void) {
        separate()
        buffer.writeStaticString("{")
        needsComma = false
        fields(&self)
        buffer.writeStaticString("}")
        needsComma = true
    }

    mutating func array<Items: Sequence>(_ items: Items, _ each: (inout JSONWriter, Items.Element) -> Void) {
        separate()
        buffer.writeStaticString("[")
        needsComma = false
        for item in items { each(&self, item) }
        buffer.writeStaticString("]")
        needsComma = true
    }

    /// A key inside an object; the value written next belongs to it.
    mutating func key(_ name: StaticString) {
        separate()
        buffer.writeStaticString("\"")
        buffer.writeStaticString(name)
        buffer.writeStaticString("\":")
        needsComma = false
    }

    // MARK: Values

    mutating func string(_ text: String) {
        separate()
        buffer.writeStaticString("\"")
        var plainStart = text.utf8.startIndex
        let utf8 = text.utf8
        var index = plainStart
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
                buffer.writeBytes(utf8[plainStart..<index])
                writeEscaped(byte)
                plainStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        buffer.writeBytes(utf8[plainStart..<utf8.endIndex])
        buffer.writeStaticString("\"")
        needsComma = true
    }

    mutating func number(_ value: Int) {
        separate()
        buffer.writeString(String(value))
        needsComma = true
    }

    /// Coordinates and the like: finite values only (Sigap validates them on the way in).
    mutating func number(_ value: Double) {
        separate()
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            buffer.writeString(String(Int(value)))
        } else {
            buffer.writeString(value.isFinite ? String(value) : "null")
        }
        needsComma = true
    }

    mutating func null() {
        separate()
        buffer.writeStaticString("null")
        needsComma = true
    }

    mutating func bool(_ value: Bool) {
        separate()
        if value { buffer.writeStaticString("true") } else { buffer.writeStaticString("false") }
        needsComma = true
    }

    /// `2026-11-30T02:18:48Z`: what `JSONEncoder.DateEncodingStrategy.iso8601` writes.
    mutating func date(_ date: Date) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let day = CivilDay(daysSinceEpoch: days)
        separate()
        buffer.writeStaticString("\"")
        writeDigits(day.year, width: 4)
        buffer.writeStaticString("-")
        writeDigits(day.month, width: 2)
        buffer.writeStaticString("-")
        writeDigits(day.day, width: 2)
        buffer.writeStaticString("T")
        writeDigits(secondOfDay / 3600, width: 2)
        buffer.writeStaticString(":")
        writeDigits(secondOfDay / 60 % 60, width: 2)
        buffer.writeStaticString(":")
        writeDigits(secondOfDay % 60, width: 2)
        buffer.writeStaticString("Z\"")
        needsComma = true
    }

    // MARK: Fields: a key and its value; optional values left out when nil, as `JSONEncoder` does

    mutating func field(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    mutating func field(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        key(name)
        number(value)
    }

    mutating func field(_ name: StaticString, _ value: Double?) {
        guard let value else { return }
        key(name)
        number(value)
    }

    mutating func field(_ name: StaticString, _ value: Bool?) {
        guard let value else { return }
        key(name)
        bool(value)
    }

    mutating func field(_ name: StaticString, _ value: Date?) {
        guard let value else { return }
        key(name)
        date(value)
    }

    mutating func field<Value: RawRepresentable<String>>(_ name: StaticString, _ value: Value?) {
        field(name, value?.rawValue)
    }

    mutating func field<Value>(_ name: StaticString, _ value: Value?, _ write: (inout JSONWriter, Value) -> Void) {
        guard let value else { return }
        key(name)
        write(&self, value)
    }

    /// The finished JSON as an HTTP answer.
    func response(status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(buffer: buffer))
    }

    // MARK: Details

    private mutating func separate() {
        if needsComma { buffer.writeStaticString(",") }
    }

    private mutating func writeEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
        case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
        case 0x0A: buffer.writeStaticString("\\n")
        case 0x0D: buffer.writeStaticString("\\r")
        case 0x09: buffer.writeStaticString("\\t")
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            buffer.writeStaticString("\\u00")
            buffer.writeInteger(hex[Int(byte >> 4)])
            buffer.writeInteger(hex[Int(byte & 0x0F)])
        }
    }

    private mutating func writeDigits(_ value: Int, width: Int) {
        var digits = String(value)
        if digits.count < width { digits = String(repeating: "0", count: width - digits.count) + digits }
        buffer.writeString(digits)
    }
}
