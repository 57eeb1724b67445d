import Foundation
import SigapCore

/// What an upload is for. Each purpose has its rules (`FilePolicy`), its folder under `DATA_DIR/uploads/`,
/// the table whose rows name its files (the orphan sweep keeps exactly those), and who may read it. New
/// features (service documents, proposal attachments) add a case here and reuse the store.
enum FilePurpose: String, CaseIterable, Sendable {
    /// Photos of a report: JPEG/PNG, metadata removed. Readable by whoever may see the report (hidden photos:
    /// staff readers only), served by `GET /foto/{id}`.
    case reportPhoto = "reports"
    /// Whistleblowing evidence: JPEG/PNG (metadata removed) or PDF (kept as sent), sealed with the case key.
    /// Readable by the inspectorate only, served by `/dasbor/wbs/{id}/berkas/{file}`.
    case wbsEvidence = "wbs"
    /// A proposal's photos (JPEG/PNG, metadata removed), the village meeting's minutes and attendance list and
    /// the agency's photos of the work (`ProposalFile.Kind`). Public like the proposal, served by
    /// `/musrenbang/berkas/{id}`.
    case proposalFile = "proposals"
    /// A portal document: a PDF (regulations, budgets, plans, DPRD decisions, minutes). Public, served by
    /// `/dokumen/{id}/unduh`.
    case document = "documents"
    /// A news item's cover picture (JPEG/PNG, metadata removed). Public once the news is, `/berita/{id}/sampul`.
    case newsCover = "news"
    /// A council member's photo (JPEG/PNG, metadata removed). Public, `/dprd/anggota/{id}/foto`.
    case memberPhoto = "dprd"
    /// A service application's documents (PDF/JPEG/PNG ≤ 10 MB, image metadata removed). Readable by the
    /// applicant and the staff handling it only, `/permohonan/berkas/{id}`.
    case applicationFile = "applications"
    /// An application's result document (PDF), signed. Readable by the applicant only.
    case applicationResult = "results"

    var policy: FilePolicy {
        switch self {
        case .reportPhoto:
            FilePolicy(
                accepted: [.jpeg, .png], maxBytes: ReportLimits.photoBytes, maxFiles: ReportLimits.photosPerReport,
                scrubsImages: true, sealedAtRest: false)
        case .wbsEvidence:
            FilePolicy(
                accepted: [.jpeg, .png, .pdf], maxBytes: 10 * 1024 * 1024, maxFiles: 5, scrubsImages: true,
                sealedAtRest: true)
        case .applicationFile:
            FilePolicy(
                accepted: [.jpeg, .png, .pdf], maxBytes: 10 * 1024 * 1024, maxFiles: 10, scrubsImages: true,
                sealedAtRest: false)
        case .applicationResult:
            FilePolicy(
                accepted: [.pdf], maxBytes: 10 * 1024 * 1024, maxFiles: 1, scrubsImages: false, sealedAtRest: false)
        case .proposalFile:
            FilePolicy(
                accepted: [.jpeg, .png, .pdf], maxBytes: 10 * 1024 * 1024, maxFiles: ProposalLimits.photos,
                scrubsImages: true, sealedAtRest: false)
        case .document:
            FilePolicy(
                accepted: [.pdf], maxBytes: 20 * 1024 * 1024, maxFiles: 1, scrubsImages: false, sealedAtRest: false)
        case .newsCover, .memberPhoto:
            FilePolicy(
                accepted: [.jpeg, .png], maxBytes: ReportLimits.photoBytes, maxFiles: 1, scrubsImages: true,
                sealedAtRest: false)
        }
    }

    /// The folder under `DATA_DIR/uploads/`.
    var folder: String { rawValue }

    /// The table and column that name this purpose's stored files.
    var references: (table: String, column: String) {
        switch self {
        case .reportPhoto: (ReportPhoto.schema, "stored_name")
        case .wbsEvidence: (WBSFile.schema, "stored_name")
        case .proposalFile: (ProposalFile.schema, "stored_name")
        case .document: (PortalDocument.schema, "stored_name")
        case .newsCover: (NewsItem.schema, "cover_stored_name")
        case .memberPhoto: (DPRDMember.schema, "photo_stored_name")
        case .applicationFile: (ApplicationFile.schema, "stored_name")
        case .applicationResult: (ServiceApplication.schema, "result_stored_name")
        }
    }

    /// Sealed files are readable by the owner of the process only.
    var permissions: Int16 { policy.sealedAtRest ? 0o600 : 0o644 }
}
