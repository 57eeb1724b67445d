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
        let location: GeoPoint
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
                title: point.title, url: point.url, location: point.location)
        }
        self.box = box
    }

    let box: BoundingBox

    /// The SVG inside a box `peta.js` turns into a Leaflet map when it can (`mode`: "points" clusters the pins
    /// drawn here, "reports" loads public reports by the visible area, "pick" chooses a report's location).
    /// Each pin carries its coordinates for that; without JavaScript or tiles the drawing is the map.
    func render(label: String, mode: String = "points", _ page: Page, extra: HTML = "") -> HTML {
        """
        <div class="map-box" data-map="\(mode)" data-bounds="\(box.parameter)" \(LeafletAssets.attributes(page)) \(extra)>
        <svg class="map" viewBox="0 0 \(width) \(height)" role="img" aria-label="\(label)">
        <rect width="\(width)" height="\(height)" class="land"></rect>
        \(each: pins, { p in
            "<a href=\"\(p.url)\" data-lat=\"\(p.location.latitude)\" data-lon=\"\(p.location.longitude)\" data-kind=\"\(p.kind)\"><circle cx=\"\(p.x)\" cy=\"\(p.y)\" r=\"8\" class=\"pin status-\(p.kind)\"><title>\(p.title)</title></circle></a>"
        })
        </svg>
        </div>
        <script src="\(SiteURL.mapScript)" defer></script>
        """
    }

    /// The report form's map: tap to choose the place, filling latitude and longitude. Nothing without
    /// JavaScript (the two fields are typed instead), so it starts hidden.
    static func picker(_ box: BoundingBox, _ page: Page) -> HTML {
        """
        <div class="map-box" data-map="pick" hidden data-bounds="\(box.parameter)" data-hint="\(page.t("report.map_pick"))" \(LeafletAssets.attributes(page))></div>
        <script src="\(SiteURL.mapScript)" defer></script>
        """
    }
}
