import SigapCore

/// A QR code drawn inline as SVG (no image request, prints sharp). Only numbers and the path's letters come
/// from the code, so the markup is safe by construction; the label is escaped.
enum QRView {
    static func render(_ code: QRCode, label: String) -> HTML {
        """
        <svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(code.side) \(code.side)" shape-rendering="crispEdges" role="img" aria-label="\(label)"><rect width="\(code.side)" height="\(code.side)" fill="#fff"/><path d="\(code.pathData)" fill="#000"/></svg>
        """
    }
}
