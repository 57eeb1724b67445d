import CImageScale
import Foundation

/// The installed app's icon as PNG (Android asks for 192 and 512 px; a "maskable" one fills the whole square
/// for launchers that cut their own shape): a speech bubble — a citizen's voice — on the region's colour.
/// Drawn here rather than shipped, so a region's colour (`SIGAP_REGION_COLOUR`) changes every size at once.
enum AppIcon {
    static let sizes = [192, 512]
    typealias RGB = (UInt8, UInt8, UInt8)

    /// PNG bytes of a `size` × `size` icon on `background`; `maskable` keeps the drawing inside the central
    /// safe circle.
    static func png(size: Int, maskable: Bool, background: RGB = (0x0b, 0x6e, 0x4f)) -> Data {
        var pixels = [UInt8](repeating: 0, count: size * size * 4)
        let samples = 4  // 4 × 4 samples a pixel: smooth edges without a vector library
        for y in 0..<size {
            for x in 0..<size {
                var red = 0
                var green = 0
                var blue = 0
                var alpha = 0
                for sy in 0..<samples {
                    for sx in 0..<samples {
                        let u = (Double(x) + (Double(sx) + 0.5) / Double(samples)) / Double(size)
                        let v = (Double(y) + (Double(sy) + 0.5) / Double(samples)) / Double(size)
                        guard let colour = colour(u, v, maskable: maskable, background: background) else { continue }
                        red += Int(colour.0)
                        green += Int(colour.1)
                        blue += Int(colour.2)
                        alpha += 1
                    }
                }
                let offset = (y * size + x) * 4
                if alpha > 0 {
                    pixels[offset] = UInt8(red / alpha)
                    pixels[offset + 1] = UInt8(green / alpha)
                    pixels[offset + 2] = UInt8(blue / alpha)
                    pixels[offset + 3] = UInt8(alpha * 255 / (samples * samples))
                }
            }
        }
        return pixels.withUnsafeBufferPointer { buffer in
            var output: UnsafeMutablePointer<UInt8>?
            var length: Int32 = 0
            guard image_png_from_rgba(buffer.baseAddress, Int32(size), Int32(size), &output, &length) == 1,
                let output
            else { return Data() }
            defer { image_scale_free(output) }
            return Data(bytes: output, count: Int(length))
        }
    }

    /// The colour at (u, v) in the unit square, nil where the icon is transparent.
    private static func colour(_ u: Double, _ v: Double, maskable: Bool, background green: RGB) -> RGB? {
        let white: (UInt8, UInt8, UInt8) = (255, 255, 255)
        if !maskable, !insideRoundedRect(u, v, 0, 0, 1, 1, radius: 0.2) { return nil }
        // The drawing, shrunk towards the centre on a maskable icon (its safe zone is the central 80 %).
        let scale = maskable ? 0.78 : 1.0
        let (x, y) = (0.5 + (u - 0.5) / scale, 0.5 + (v - 0.5) / scale)
        for dot in [0.36, 0.5, 0.64] where hypot(x - dot, y - 0.44) < 0.05 { return green }
        if insideRoundedRect(x, y, 0.2, 0.24, 0.8, 0.64, radius: 0.1) { return white }
        if insideTriangle(x, y, (0.3, 0.6), (0.46, 0.6), (0.27, 0.8)) { return white }
        return green
    }

    private static func insideRoundedRect(
        _ x: Double, _ y: Double, _ left: Double, _ top: Double, _ right: Double, _ bottom: Double, radius: Double
    ) -> Bool {
        guard x >= left, x <= right, y >= top, y <= bottom else { return false }
        let cx = min(max(x, left + radius), right - radius)
        let cy = min(max(y, top + radius), bottom - radius)
        return hypot(x - cx, y - cy) <= radius
    }

    private static func insideTriangle(
        _ x: Double, _ y: Double, _ a: (Double, Double), _ b: (Double, Double), _ c: (Double, Double)
    ) -> Bool {
        func side(_ p: (Double, Double), _ q: (Double, Double)) -> Double {
            (x - q.0) * (p.1 - q.1) - (p.0 - q.0) * (y - q.1)
        }
        let (d1, d2, d3) = (side(a, b), side(b, c), side(c, a))
        return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0))
    }
}
