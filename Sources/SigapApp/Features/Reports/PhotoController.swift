import Fluent
import Foundation
import Vapor

/// `GET /foto/{id}`: a photo, if the viewer may see its report (hidden photos: staff only).
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
        let path = req.context.files.path(of: photo.storedName, .reportPhoto)
        let response = try await req.fileio.asyncStreamFile(at: path)
        response.headers.replaceOrAdd(name: .contentType, value: photo.contentType)
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'none'")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "inline")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=3600")
        return response
    }
}
