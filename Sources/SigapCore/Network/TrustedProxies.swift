import Foundation

/// The proxies whose `X-Forwarded-For` Sigap believes, and how the client's address is found behind them.
///
/// `X-Forwarded-For: a, b, c` is written left to right: the client claimed `a` (anyone can write anything
/// there), the first proxy saw `b`, the last proxy saw `c`, and the peer of the socket is the last proxy
/// itself. Only entries added by trusted proxies can be believed, so the client is the right-most entry that
/// is not itself a trusted proxy — never the first entry.
public struct TrustedProxies: Sendable, Equatable {
    public let ranges: [AddressRange]

    public init(_ ranges: [AddressRange]) { self.ranges = ranges }

    /// Parses `SIGAP_TRUSTED_PROXIES`: addresses or CIDR ranges separated by commas; nil when one is invalid.
    public init?(parsing text: String) {
        var ranges: [AddressRange] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            guard let range = AddressRange(part) else { return nil }
            ranges.append(range)
        }
        self.ranges = ranges
    }

    /// Loopback only: a proxy on the same machine.
    public static let loopback = TrustedProxies([AddressRange("127.0.0.0/8")!, AddressRange("::1")!])

    public func trusts(_ address: String) -> Bool { ranges.contains { $0.contains(address) } }

    /// The client's address: the peer when it is not a trusted proxy; otherwise the right-most forwarded entry
    /// that is not a trusted proxy (the left-most when all are).
    public func clientAddress(peer: String, forwardedFor header: String?) -> String {
        guard trusts(peer), let header else { return peer }
        let hops = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !hops.isEmpty else { return peer }
        return hops.last { !trusts($0) } ?? hops[0]
    }
}

/// One address or a CIDR range, IPv4 (`10.0.0.0/8`) or IPv6 (`fd00::/8`, `::1`).
public struct AddressRange: Sendable, Equatable {
    let bytes: [UInt8]
    let prefixLength: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let bytes = Self.parse(String(parts[0])) else { return nil }
        let bits = bytes.count * 8
        if parts.count == 2 {
            guard let length = Int(parts[1]), (0...bits).contains(length) else { return nil }
            prefixLength = length
        } else {
            prefixLength = bits
        }
        self.bytes = bytes
    }

    public func contains(_ address: String) -> Bool {
        guard let other = Self.parse(address), other.count == bytes.count else { return false }
        var remaining = prefixLength
        for (mine, theirs) in zip(bytes, other) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            guard mine & mask == theirs & mask else { return false }
            remaining -= 8
        }
        return true
    }

    /// 4 bytes for IPv4, 16 for IPv6 (with `::` and an embedded IPv4 tail); nil otherwise.
    static func parse(_ text: String) -> [UInt8]? {
        if text.contains(":") { return parseIPv6(text) }
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for octet in octets {
            guard !octet.isEmpty, octet.count <= 3, octet.allSatisfy(\.isNumber), let value = UInt8(octet) else {
                return nil
            }
            bytes.append(value)
        }
        return bytes
    }

    static func parseIPv6(_ text: String) -> [UInt8]? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt8]? {
            guard !part.isEmpty else { return [] }
            var bytes: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains("."), let tail = parse(String(piece)) {
                    bytes += tail
                    continue
                }
                guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
            }
            return bytes
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count < 16 else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}
