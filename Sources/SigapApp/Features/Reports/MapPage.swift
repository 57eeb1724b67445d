import Foundation
import SigapCore
import Vapor

/// `/peta` without JavaScript: the open public reports drawn as dots on an SVG of the region, each a link,
/// with the same reports listed below.
struct MapPage {
    struct Pin {
        let x: Double
        let y: Double
        let status: String
        let title: String
        let url: String
    }

    let page: PageContext
    let pins: [Pin]
    let reports: [ReportRow]?
    let width: Int
    let height: Int

    static func make(
        _ req: Request, pins reports: [ReportListItem], box: BoundingBox, reference: ReferenceCache.Snapshot
    )
        -> MapPage
    {
        let width = 640.0
        let spanLon = max(box.maxLongitude - box.minLongitude, 0.0001)
        let spanLat = max(box.maxLatitude - box.minLatitude, 0.0001)
        let height = (width * spanLat / spanLon).rounded()
        let pins = reports.compactMap { report -> Pin? in
            guard let lat = report.latitude, let lon = report.longitude else { return nil }
            return Pin(
                x: ((lon - box.minLongitude) / spanLon * width).rounded(),
                y: ((box.maxLatitude - lat) / spanLat * height).rounded(),
                status: report.status.rawValue, title: report.number + " · " + report.title,
                url: SiteURL.report(report.number))
        }
        return MapPage(
            page: PageContext(req, title: req.t("report.map_title")), pins: pins,
            reports: reports.prefix(100).map { req.reportRow($0, reference: reference) }.nilIfEmpty, width: Int(width),
            height: Int(height))
    }
}
