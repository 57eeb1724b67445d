import Foundation

/// A GeoJSON FeatureCollection of kecamatan or desa boundaries (as the region's GIS office or BIG exports them):
/// each feature's Kemendagri code (property `kode`, `kode_wilayah`, `kdepum` or `code`) with a point for its
/// geometry's centre — the point a report without a location is put at, and where the map centres the place.
public enum Boundaries {
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    static let codeProperties = ["kode", "kode_wilayah", "kdepum", "code"]

    public static func centres(geoJSON data: Data) throws(Problem) -> [String: GeoPoint] {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            root["type"] as? String == "FeatureCollection", let features = root["features"] as? [[String: Any]]
        else { throw Problem(description: "not a GeoJSON FeatureCollection") }
        var centres: [String: GeoPoint] = [:]
        for (index, feature) in features.enumerated() {
            let properties = feature["properties"] as? [String: Any] ?? [:]
            guard let raw = codeProperties.lazy.compactMap({ properties[$0] as? String }).first,
                let code = KemendagriCode(raw)
            else {
                throw Problem(
                    description:
                        "feature \(index + 1) has no Kemendagri code in \(codeProperties.joined(separator: ", "))")
            }
            guard let geometry = feature["geometry"] as? [String: Any], let centre = centre(of: geometry) else {
                throw Problem(description: "feature \(index + 1) (\(code)): not a Point, Polygon or MultiPolygon")
            }
            centres[code.description] = centre
        }
        return centres
    }

    /// A Point itself; a polygon's area-weighted centroid of its outer rings (the shoelace formula on
    /// longitude/latitude, fine at a kabupaten's scale).
    static func centre(of geometry: [String: Any]) -> GeoPoint? {
        let coordinates = geometry["coordinates"]
        func point(_ value: Any) -> (Double, Double)? {
            guard let pair = value as? [Any], pair.count >= 2, let lon = number(pair[0]), let lat = number(pair[1])
            else { return nil }
            return (lon, lat)
        }
        var rings: [[(Double, Double)]] = []
        switch geometry["type"] as? String {
        case "Point":
            guard let coordinates, let (lon, lat) = point(coordinates) else { return nil }
            return GeoPoint(latitude: lat, longitude: lon)
        case "Polygon":
            guard let polygon = coordinates as? [Any], let outer = polygon.first as? [Any] else { return nil }
            rings = [outer.compactMap(point)]
        case "MultiPolygon":
            guard let polygons = coordinates as? [Any] else { return nil }
            rings = polygons.compactMap { ($0 as? [Any])?.first as? [Any] }.map { $0.compactMap(point) }
        default:
            return nil
        }
        var area = 0.0
        var x = 0.0
        var y = 0.0
        for ring in rings where ring.count >= 3 {
            for (a, b) in zip(ring, ring.dropFirst() + [ring[0]]) {
                let cross = a.0 * b.1 - b.0 * a.1
                area += cross
                x += (a.0 + b.0) * cross
                y += (a.1 + b.1) * cross
            }
        }
        guard abs(area) > 1e-12 else { return nil }
        return GeoPoint(latitude: y / (3 * area), longitude: x / (3 * area))
    }

    private static func number(_ value: Any) -> Double? {
        (value as? NSNumber)?.doubleValue
    }
}
