import Foundation
import SigapCore
import Vapor

/// `POST /api/v1/reports`
struct CreateReportRequest: Content {
    var kind: String?
    var category: String?
    var title: String?
    var description: String?
    var desa: String?
    var address: String?
    var lat: Double?
    var lon: Double?
    var privacy: String?
    var contact: String?

    var draft: ReportDraft {
        ReportDraft(
            kind: kind, categoryCode: category, title: title, description: description, desaCode: desa,
            address: address, latitude: lat, longitude: lon, privacy: privacy, contact: contact)
    }
}

struct CreatedReportResponse: Content {
    let number: String
    let status: ReportStatus
    let url: String
    /// Guests only: the private follow-up link, shown once.
    let followUrl: String?
}

/// A report as an API client sees it. Built only through `ReportViewer`, so privacy is applied once.
struct ReportResponse: Content {
    struct Place: Content {
        let code: String
        let name: String
    }
    struct Location: Content {
        let lat: Double
        let lon: Double
    }
    struct Reporter: Content {
        let name: String?
        let contact: String?
    }
    struct Event: Content {
        let at: Date
        let kind: String
        let status: ReportStatus?
        let text: String
        let visibility: String
    }

    let number: String
    let kind: ReportKind
    let status: ReportStatus
    let privacy: ReportPrivacy
    let title: String
    let description: String
    let category: Place
    let agency: String
    let desa: Place
    let kecamatan: String
    let address: String
    let location: Location?
    let supporters: Int
    let rating: Int?
    let mergedInto: String?
    let createdAt: Date
    let updatedAt: Date
    let photos: [String]
    let timeline: [Event]
    /// Present only for those allowed to see who reported.
    let reporter: Reporter?
    let deadlines: Deadlines?

    struct Deadlines: Content {
        let response: Date
        let resolution: Date
        let respondedAt: Date?
        let late: Bool
    }
}

/// A compact row for lists and map pins.
struct ReportSummary: Content {
    let number: String
    let title: String
    let status: ReportStatus
    let kind: ReportKind
    let category: String
    let kecamatan: String
    let lat: Double?
    let lon: Double?
    let supporters: Int
    let createdAt: Date
}

struct ReportListResponse: Content {
    let items: [ReportSummary]
    let page: Int
    let hasMore: Bool
}

struct ReportActionRequest: Content {
    var action: String?
    var text: String?
    var agency: String?
    var target: String?
    var photo: UUID?
    /// `verify`: a corrected category code.
    var category: String?
}

struct RatingRequest: Content {
    var rating: Int?
    var comment: String?
}

struct ReopenRequest: Content {
    var reason: String?
}
