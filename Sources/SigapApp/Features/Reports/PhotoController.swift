import Fluent
import Foundation
import Vapor

/// `GET /foto/{id}[?ukuran=kecil|sedang]`: a photo, if the viewer may see its report (hidden photos: staff only),
/// at a display size (`PhotoSize`) or as stored.
struct PhotoController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.recordGuarded("ReportViewer.canSee").get("foto", ":id", use: show)
    }

    func show(req: Request) async throws -> Response {
        guard let photo = try await ReportPhoto.find(req.parameters.get("id"), on: req.db),
            let report = try await Report.find(photo.reportID, on: req.db)
        else { throw AppError.notFound() }
        let viewer = req.reportViewer
        guard viewer.canSee(report), !photo.hidden || viewer.isStaffReader(report) else { throw AppError.notFound() }
        return try await req.streamUpload(
            photo.storedName, .reportPhoto, contentType: photo.contentType, cache: "private")
    }
}
