import Foundation

/// Numbers with a fixed count of decimals, written by hand: `String(format: "%.1f")` goes through
/// Foundation's CFString formatting on Linux, which was a fifth of `/transparansi`'s CPU (one call per cell).
public enum FixedDecimal {
    /// `value` with `places` decimals (0...6) after `separator`, rounded like `String(format:)`: the
    /// exact binary value to the nearest, an exact half to even. Not finite: "nan" / "inf" as printf writes them.
    public static func text(_ value: Double, places: Int, separator: Character = ".") -> String {
        precondition((0...6).contains(places), "FixedDecimal supports 0 to 6 places")
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = value.magnitude * scale
        // Beyond 2^52 the product has no fractional digits left to round: let printf write it.
        guard scaled < 4.0e15 else { return String(format: "%.\(places)f", value) }
        // printf rounds the exact binary value, and the product above is rounded: `error` is what the rounding
        // lost (exact, by a fused multiply-add), so "is the rest above one half?" is answered exactly.
        let error = (-scaled).addingProduct(value.magnitude, scale)
        let whole = scaled.rounded(.down)
        let aboveHalf = ((scaled - whole) - 0.5) + error
        var units = UInt64(whole)
        if aboveHalf > 0 || (aboveHalf == 0 && units % 2 == 1) { units += 1 }
        var text = value.sign == .minus ? "-" : ""  // printf writes "-0.0" too
        text += String(units / UInt64(scale))
        if places > 0 {
            let fraction = String(units % UInt64(scale))
            text.append(separator)
            text += String(repeating: "0", count: places - fraction.count) + fraction
        }
        return text
    }
}
