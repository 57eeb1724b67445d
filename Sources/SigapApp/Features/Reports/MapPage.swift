import Foundation
import SigapCore
import Vapor

/// `/peta` without JavaScript: the open public reports drawn as dots on an SVG of the region, each a link,
/// with the same reports listed below.
struct MapPage {
    /// The newest this many pins are drawn, and the newest `listed` listed under the map: enough to see where
    /// reports gather without JavaScript, and the page stays light (500 pins and 100 rows made 190 KB of HTML at
    /// 100,000 reports). The live map loads every pin of the area it shows from the API.
    static let drawnPins = 200
    static let listed = 20

    let page: PageContext
    let map: SVGMap
    let reports: [ReportRow]?
    /// The filters as chosen (`status`, `category`) and their choices.
    let filters: [String: String]
    let statuses: [Choice]
    let categories: [Choice]

    static func make(
        _ req: Request, pins reports: [ReportListItem], box: BoundingBox, reference: ReferenceCache.Snapshot,
        filters: [String: String]
    )
        -> MapPage
    {
        let points = reports.compactMap { report -> SVGMap.Point? in
            guard let lat = report.latitude, let lon = report.longitude,
                let location = GeoPoint(latitude: lat, longitude: lon)
            else { return nil }
            return SVGMap.Point(
                location: location, kind: report.status.rawValue, title: report.number + " · " + report.title,
                url: SiteURL.report(report.number))
        }
        let choices = req.filterChoices(reference)
        return MapPage(
            page: PageContext(req, title: req.t("report.map_title")), map: SVGMap(points, in: box),
            reports: reports.prefix(listed).map { req.reportRow($0, reference: reference) }.nilIfEmpty,
            filters: filters, statuses: choices.statuses, categories: choices.categories)
    }
}
