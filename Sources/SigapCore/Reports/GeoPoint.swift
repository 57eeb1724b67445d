import Foundation

/// A WGS84 position.
public struct GeoPoint: Equatable, Sendable {
    public let latitude: Double
    public let longitude: Double

    /// nil when either value is outside the globe's range (or not a number).
    public init?(latitude: Double, longitude: Double) {
        guard latitude.isFinite, longitude.isFinite, (-90...90).contains(latitude), (-180...180).contains(longitude)
        else { return nil }
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Great-circle distance in metres (haversine; good to well under 1 % at these scales).
    public func distance(to other: GeoPoint) -> Double {
        let earthRadius = 6_371_000.0
        let dLat = (other.latitude - latitude) * .pi / 180
        let dLon = (other.longitude - longitude) * .pi / 180
        let a =
            sin(dLat / 2) * sin(dLat / 2)
            + cos(latitude * .pi / 180) * cos(other.latitude * .pi / 180) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * earthRadius * asin(min(1, sqrt(a)))
    }

    /// A box around this point that contains every point within `metres` (for an indexed pre-filter).
    public func boundingBox(metres: Double) -> BoundingBox {
        let dLat = metres / 111_000  // a little generous: the box must hold the whole circle
        let dLon = metres / (111_000 * max(cos(latitude * .pi / 180), 0.01))
        return BoundingBox(
            minLongitude: longitude - dLon, minLatitude: latitude - dLat, maxLongitude: longitude + dLon,
            maxLatitude: latitude + dLat)
    }
}

/// `minLon,minLat,maxLon,maxLat`, the order of the `bbox` query parameter.
public struct BoundingBox: Equatable, Sendable {
    public let minLongitude: Double
    public let minLatitude: Double
    public let maxLongitude: Double
    public let maxLatitude: Double

    public init(minLongitude: Double, minLatitude: Double, maxLongitude: Double, maxLatitude: Double) {
        self.minLongitude = minLongitude
        self.minLatitude = minLatitude
        self.maxLongitude = maxLongitude
        self.maxLatitude = maxLatitude
    }

    public init?(parameter: String) {
        let values = parameter.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard values.count == 4, values.allSatisfy(\.isFinite), values[0] <= values[2], values[1] <= values[3],
            (-180...180).contains(values[0]), (-180...180).contains(values[2]), (-90...90).contains(values[1]),
            (-90...90).contains(values[3])
        else { return nil }
        self.init(minLongitude: values[0], minLatitude: values[1], maxLongitude: values[2], maxLatitude: values[3])
    }

    /// `minLon,minLat,maxLon,maxLat`, as `init(parameter:)` reads it (the API's `bbox`).
    public var parameter: String { "\(minLongitude),\(minLatitude),\(maxLongitude),\(maxLatitude)" }

    public func contains(_ point: GeoPoint) -> Bool {
        (minLatitude...maxLatitude).contains(point.latitude) && (minLongitude...maxLongitude).contains(point.longitude)
    }
}
