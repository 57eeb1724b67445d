import Foundation
import SigapCore
import Vapor

/// `sigap qr TEXT [--svg FILE] [--pgm FILE]`: draws TEXT as a QR code, as SVG (for printed guides and
/// posters) or as a PGM image, which `scripts/qr-check` gives to a real scanner (zbarimg) to read back.
struct QRCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "text", help: "what the code holds (a link)") var text: String
        @Option(name: "svg", help: "write the SVG drawing to this file") var svg: String?
        @Option(name: "pgm", help: "write a PGM image (8 pixels a module) to this file") var pgm: String?
        init() {}
    }

    var help: String { "Draws a QR code of a link (SVG, or PGM for a scanner)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let code = try QRCode(signature.text)
        if let path = signature.svg { try Data(code.svg.utf8).write(to: URL(fileURLWithPath: path)) }
        if let path = signature.pgm { try Self.pgm(code).write(to: URL(fileURLWithPath: path)) }
        if signature.svg == nil, signature.pgm == nil { context.console.output("\(code.svg)") }
        context.console.info("version \(code.version), mask \(code.mask)")
    }

    /// A grey-scale image, eight pixels a module, the quiet zone included.
    static func pgm(_ code: QRCode, scale: Int = 8) -> Data {
        let side = code.side * scale
        var pixels = [UInt8](repeating: 255, count: side * side)
        for y in 0..<code.size {
            for x in 0..<code.size where code.modules[y][x] {
                for dy in 0..<scale {
                    let row = ((y + 4) * scale + dy) * side + (x + 4) * scale
                    for dx in 0..<scale { pixels[row + dx] = 0 }
                }
            }
        }
        return Data("P5\n\(side) \(side)\n255\n".utf8) + Data(pixels)
    }
}
