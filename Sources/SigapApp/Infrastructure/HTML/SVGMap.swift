import SigapCore

/// A map drawn by the server: points projected onto an SVG of a bounding box, each a link with a title. Works
/// without JavaScript and without tiles (the report map and the Musrenbang map).
struct SVGMap {
    struct Pin {
        let x: Double
        let y: Double
        /// A CSS class saying what the dot is (a status).
        let kind: String
        let title: String
        let url: String
    }

    struct Point {
        let location: GeoPoint
        let kind: String
        let title: String
        let url: String
    }

    let width: Int
    let height: Int
    let pins: [Pin]

    init(_ points: [Point], in box: BoundingBox, width: Double = 640) {
        let spanLon = max(box.maxLongitude - box.minLongitude, 0.0001)
        let spanLat = max(box.maxLatitude - box.minLatitude, 0.0001)
        let height = (width * spanLat / spanLon).rounded()
        self.width = Int(width)
        self.height = Int(height)
        pins = points.map { point in
            Pin(
                x: ((point.location.longitude - box.minLongitude) / spanLon * width).rounded(),
                y: ((box.maxLatitude - point.location.latitude) / spanLat * height).rounded(), kind: point.kind,
                title: point.title, url: point.url)
        }
    }

    func render(label: String) -> HTML {
        """
        <svg class="map" viewBox="0 0 \(width) \(height)" role="img" aria-label="\(label)">
        <rect width="\(width)" height="\(height)" class="land"></rect>
        \(each: pins, { p in
            "<a href=\"\(p.url)\"><circle cx=\"\(p.x)\" cy=\"\(p.y)\" r=\"6\" class=\"pin status-\(p.kind)\"><title>\(p.title)</title></circle></a>"
        })
        </svg>
        """
    }
}
