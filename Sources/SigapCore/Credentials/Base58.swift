import Foundation

/// Base58 with Bitcoin's alphabet, and the multibase form (a leading "z") that Data Integrity proofs and
/// Multikey public keys are written in.
public enum Base58 {
    static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        let zeros = bytes.prefix { $0 == 0 }.count
        var digits: [UInt8] = []  // base-58 digits, least significant first
        for byte in bytes {
            var carry = Int(byte)
            for position in digits.indices {
                carry += Int(digits[position]) << 8
                digits[position] = UInt8(carry % 58)
                carry /= 58
            }
            while carry > 0 {
                digits.append(UInt8(carry % 58))
                carry /= 58
            }
        }
        let text = [UInt8](repeating: alphabet[0], count: zeros) + digits.reversed().map { alphabet[Int($0)] }
        return String(decoding: text, as: UTF8.self)
    }

    public static func decode(_ text: String) -> [UInt8]? {
        let zeros = text.utf8.prefix { $0 == alphabet[0] }.count
        var bytes: [UInt8] = []  // least significant first
        for character in text.utf8 {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            var carry = value
            for position in bytes.indices {
                carry += Int(bytes[position]) * 58
                bytes[position] = UInt8(carry & 0xFF)
                carry >>= 8
            }
            while carry > 0 {
                bytes.append(UInt8(carry & 0xFF))
                carry >>= 8
            }
        }
        return [UInt8](repeating: 0, count: zeros) + bytes.reversed()
    }

    /// "z" + base58btc, multibase's prefix for this encoding.
    public static func multibase(_ bytes: [UInt8]) -> String { "z" + encode(bytes) }

    public static func fromMultibase(_ text: String) -> [UInt8]? {
        guard text.hasPrefix("z") else { return nil }
        return decode(String(text.dropFirst()))
    }
}
