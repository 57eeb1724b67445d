import Fluent
import Foundation
import SigapCore
import Vapor

/// Report photos on disk: checked by content (JPEG or PNG), at most 10 MB, metadata removed before the file
/// is written, stored under a random name, and served only to those who may see them.
enum PhotoStore {
    static func folder(_ config: AppConfig) -> String { config.dataDirectory + "/uploads/reports" }

    static func path(of photo: ReportPhoto, config: AppConfig) -> String { folder(config) + "/" + photo.storedName }

    /// Checks and scrubs `data` without storing anything; throws 413 or 422.
    static func prepare(_ data: Data) throws -> (data: Data, format: ImageFormat) {
        guard data.count <= ReportLimits.photoBytes else {
            throw AppError(status: .payloadTooLarge, code: "payload_too_large", messageKey: "report.photo_too_large")
        }
        do {
            return try ImageScrubber.scrub(data)
        } catch {
            throw AppError.invalid(["photo": "report.photo_type"])
        }
    }

    /// Stores already-prepared photos for a report and records them on its timeline.
    static func store(
        _ photos: [(data: Data, format: ImageFormat)], for report: Report, uploader: User?, fromStaff: Bool,
        request req: Request
    ) async throws -> [ReportPhoto] {
        guard !photos.isEmpty else { return [] }
        if !fromStaff {
            let existing = try await ReportPhoto.query(on: req.db).filter(\.$reportID == report.id!)
                .filter(\.$fromStaff == false).count()
            guard existing + photos.count <= ReportLimits.photosPerReport else {
                throw AppError.invalid(["photo": "report.photo_limit"])
            }
        }
        let directory = folder(req.sigap.config)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var saved: [ReportPhoto] = []
        for photo in photos {
            let row = ReportPhoto()
            row.id = UUID()
            row.reportID = report.id!
            row.storedName = "\(row.id!.uuidString.lowercased()).\(photo.format.fileExtension)"
            row.contentType = photo.format.contentType
            row.byteCount = photo.data.count
            row.hidden = false
            row.fromStaff = fromStaff
            row.uploaderID = uploader?.id
            row.createdAt = req.now
            try await req.fileio.writeFile(ByteBuffer(data: photo.data), at: directory + "/" + row.storedName)
            saved.append(row)
        }
        let rows = saved
        try await req.writeDB.transaction { db in
            for row in rows { try await row.create(on: db) }
            try await ReportEvent(
                reportID: report.id!, at: req.now, kind: .photoAdded, visibility: .public, actor: uploader,
                body: String(rows.count)
            ).create(on: db)
        }
        return saved
    }
}

/// `GET /foto/{id}`: a photo, if the viewer may see its report (hidden photos: staff only).
struct PhotoController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("foto", ":id", use: show)
    }

    func show(req: Request) async throws -> Response {
        guard let photo = try await ReportPhoto.find(req.parameters.get("id"), on: req.db),
            let report = try await Report.find(photo.reportID, on: req.db)
        else { throw AppError.notFound() }
        let viewer = req.reportViewer
        guard viewer.canSee(report), !photo.hidden || viewer.isStaffReader(report) else { throw AppError.notFound() }
        let response = try await req.fileio.asyncStreamFile(at: PhotoStore.path(of: photo, config: req.sigap.config))
        response.headers.replaceOrAdd(name: .contentType, value: photo.contentType)
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'none'")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "inline")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=3600")
        return response
    }
}
