import Fluent
import Foundation
import SigapCore
import Vapor

/// Report photos on the shared file store (`FilePurpose.reportPhoto`): checked by content, metadata removed,
/// written to disk before the transaction that records them, so a row never names a missing file.
enum ReportPhotos {
    typealias Checked = FileStore.CheckedFile

    /// Writes checked photos to disk and returns their rows, not yet saved (the caller saves them in the
    /// transaction of the change they belong to). A failure later leaves orphan files for the sweep, never a
    /// row without its file.
    static func writeFiles(_ photos: [Checked], uploader: User?, fromStaff: Bool, context: ServiceContext)
        async throws -> [ReportPhoto]
    {
        var rows: [ReportPhoto] = []
        for photo in photos {
            let row = ReportPhoto()
            row.id = UUID()
            row.storedName = try await context.placePicture(photo, .reportPhoto)
            row.contentType = photo.type.contentType
            row.byteCount = photo.byteCount
            row.hidden = false
            row.fromStaff = fromStaff
            row.uploaderID = uploader?.id
            row.createdAt = context.now
            rows.append(row)
        }
        return rows
    }

    /// Saves `rows` for `report` with their `photo_added` line on the timeline (inside the caller's transaction).
    static func record(_ rows: [ReportPhoto], of report: Report, uploader: User?, now: Date, on db: any Database)
        async throws
    {
        guard !rows.isEmpty else { return }
        for row in rows {
            row.reportID = report.id!
            try await row.create(on: db)
        }
        try await HistoryEvent(
            report: report, at: now, kind: .photoAdded, visibility: .public, actor: uploader, body: String(rows.count)
        ).create(on: db)
    }

    /// Adds photos to an existing report: files first, then rows and event in one transaction, where the
    /// citizen's limit of photos per report is checked against what is committed.
    static func add(_ photos: [Checked], to report: Report, fromStaff: Bool, context: ServiceContext) async throws
        -> [ReportPhoto]
    {
        guard !photos.isEmpty else { return [] }
        let uploader = context.actor
        let rows = try await writeFiles(photos, uploader: uploader, fromStaff: fromStaff, context: context)
        let now = context.now
        try await context.write { db in
            if !fromStaff {
                let existing = try await ReportPhoto.query(on: db).filter(\.$reportID == report.id!)
                    .filter(\.$fromStaff == false).count()
                guard existing + rows.count <= ReportLimits.photosPerReport else {
                    throw AppError.invalid(["photo": "report.photo_limit"])
                }
            }
            try await record(rows, of: report, uploader: uploader, now: now, on: db)
        }
        return rows
    }
}

extension AppError {
    /// A file refused by its purpose's policy, as the field `field` shows it.
    static func file(_ problem: FileProblem, field: String = "photo") -> AppError {
        switch problem {
        case .tooLarge:
            AppError(status: .payloadTooLarge, code: "payload_too_large", messageKey: "report.photo_too_large")
        case .wrongType: .invalid([field: "report.photo_type"])
        case .tooMany: .invalid([field: "report.photo_limit"])
        case .tooManyPixels: .invalid([field: "report.photo_too_many_pixels"])
        }
    }
}

extension Request {
    /// Reads a form that may carry report photos, each file streamed to disk as it arrives (413 above 10 MB).
    /// The caller removes the incoming files when done (`StreamedForm.removeIncoming`).
    func reportUpload() async throws -> StreamedForm {
        try await StreamedForm.read(
            self, store: context.files, maxFileBytes: FilePurpose.reportPhoto.policy.maxBytes,
            maxFiles: FilePurpose.reportPhoto.policy.maxFiles, tooLarge: "report.photo_too_large")
    }
}
