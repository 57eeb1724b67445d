import Crypto
import Foundation

/// A whistleblower's receipt: 20 symbols of Crockford's base-32 alphabet (no I, L, O, U), 100 bits of
/// randomness, shown in groups of four. Typing mistakes people make are forgiven: case, spaces, dashes, and
/// O/I/L read as 0/1/1.
public enum WBSReceipt {
    public static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    public static let length = 20

    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
    }

    /// `ABCD-EFGH-…` for display.
    public static func grouped(_ receipt: String) -> String {
        stride(from: 0, to: receipt.count, by: 4).map {
            let start = receipt.index(receipt.startIndex, offsetBy: $0)
            return String(receipt[start..<receipt.index(start, offsetBy: min(4, receipt.count - $0))])
        }.joined(separator: "-")
    }

    /// The canonical receipt for what was typed, or nil when it cannot be one.
    public static func normalize(_ typed: String) -> String? {
        let cleaned = typed.uppercased().filter { !" -\t\n".contains($0) }.map { character -> Character in
            switch character {
            case "O": "0"
            case "I", "L": "1"
            default: character
            }
        }
        guard cleaned.count == length, cleaned.allSatisfy(alphabet.contains) else { return nil }
        return String(cleaned)
    }
}

/// Where a case stands. Closed cases (`selesai`, `tidakDapatDitindaklanjuti`) are final and are purged after
/// the retention period.
public enum WBSStatus: String, Codable, CaseIterable, Sendable {
    case diterima, ditelaah, ditindaklanjuti, selesai
    case tidakDapatDitindaklanjuti = "tidak_dapat_ditindaklanjuti"

    public var isClosed: Bool { self == .selesai || self == .tidakDapatDitindaklanjuti }

    /// Declining tells the reporter why: this move needs a reason.
    public var needsReason: Bool { self == .tidakDapatDitindaklanjuti }

    /// Moves the inspectorate may make; declining needs a reason the reporter will read.
    public func canMove(to next: WBSStatus) -> Bool {
        guard !isClosed, next != self else { return false }
        let order: [WBSStatus] = [.diterima, .ditelaah, .ditindaklanjuti, .selesai]
        if next == .tidakDapatDitindaklanjuti { return true }
        guard let from = order.firstIndex(of: self), let to = order.firstIndex(of: next) else { return false }
        return to > from
    }
}

public enum WBSType: String, Codable, CaseIterable, Sendable {
    case administrasi, etika, gratifikasi, korupsi
    case penyalahgunaanWewenang = "penyalahgunaan_wewenang"
    /// Illegal levies: an official asking for money the rules do not set (pungli).
    case pungutanLiar = "pungutan_liar"
    case lainnya
}

/// Encryption of a case: a fresh 256-bit key per case seals its content, messages and files (AES-GCM); the case
/// key is stored only wrapped (sealed) with the inspectorate key, which lives outside the database.
public struct WBSVault: Sendable {
    let master: SymmetricKey

    public init(master: SymmetricKey) { self.master = master }

    public struct CaseKey: Sendable {
        let key: SymmetricKey
    }

    /// A new case key and its wrapped form for the database.
    public func newCaseKey() throws -> (CaseKey, wrapped: String) {
        let key = SymmetricKey(size: .bits256)
        let raw = key.withUnsafeBytes { Data($0) }
        return (CaseKey(key: key), try AES.GCM.seal(raw, using: master).combined!.base64EncodedString())
    }

    public func unwrap(_ wrapped: String) throws -> CaseKey {
        guard let data = Data(base64Encoded: wrapped) else { throw CryptoKitError.incorrectParameterSize }
        return CaseKey(key: SymmetricKey(data: try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: master)))
    }

    public func seal(_ data: Data, with key: CaseKey) throws -> Data {
        try AES.GCM.seal(data, using: key.key).combined!
    }

    public func open(_ data: Data, with key: CaseKey) throws -> Data {
        try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: key.key)
    }

    public func sealText(_ text: String, with key: CaseKey) throws -> String {
        try seal(Data(text.utf8), with: key).base64EncodedString()
    }

    public func openText(_ sealed: String, with key: CaseKey) throws -> String {
        guard let data = Data(base64Encoded: sealed) else { throw CryptoKitError.incorrectParameterSize }
        return String(decoding: try open(data, with: key), as: UTF8.self)
    }

    /// The bcrypt salt for receipts: derived from the inspectorate key, so it is the same for every case (the
    /// hash must be found by lookup) and unknown to anyone holding only the database.
    public func receiptSalt(cost: Int) -> String {
        let bytes = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: master, info: Data("sigap-wbs-receipt-salt".utf8), outputByteCount: 16
        ).withUnsafeBytes { Array($0) }
        return String(format: "$2b$%02d$", cost) + Self.bcryptBase64(bytes)
    }

    /// bcrypt's own base-64 (`./A-Za-z0-9`), 22 characters for 16 bytes.
    static func bcryptBase64(_ bytes: [UInt8]) -> String {
        let table = Array("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var output = ""
        var index = 0
        while index < bytes.count {
            let c1 = bytes[index]
            index += 1
            output.append(table[Int(c1 >> 2)])
            var c2 = (c1 & 0x03) << 4
            guard index < bytes.count else {
                output.append(table[Int(c2)])
                break
            }
            let b2 = bytes[index]
            index += 1
            c2 |= b2 >> 4
            output.append(table[Int(c2)])
            var c3 = (b2 & 0x0f) << 2
            guard index < bytes.count else {
                output.append(table[Int(c3)])
                break
            }
            let b3 = bytes[index]
            index += 1
            c3 |= b3 >> 6
            output.append(table[Int(c3)])
            output.append(table[Int(b3 & 0x3f)])
        }
        return String(output.prefix(22))
    }
}
