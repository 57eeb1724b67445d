import Foundation

/// What someone typed to file a report, from any channel (web form, JSON API, Open311, chat), before checks.
public struct ReportDraft: Sendable {
    public var kind: String?
    public var categoryCode: String?
    public var title: String?
    public var description: String?
    public var desaCode: String?
    public var address: String?
    public var latitude: Double?
    public var longitude: Double?
    public var privacy: String?
    public var contact: String?

    public init(
        kind: String? = nil, categoryCode: String? = nil, title: String? = nil, description: String? = nil,
        desaCode: String? = nil, address: String? = nil, latitude: Double? = nil, longitude: Double? = nil,
        privacy: String? = nil, contact: String? = nil
    ) {
        self.kind = kind
        self.categoryCode = categoryCode
        self.title = title
        self.description = description
        self.desaCode = desaCode
        self.address = address
        self.latitude = latitude
        self.longitude = longitude
        self.privacy = privacy
        self.contact = contact
    }
}

/// A draft that passed every check that needs no database.
public struct CheckedReport: Sendable {
    public let kind: ReportKind
    public let categoryCode: String
    public let title: String
    public let description: String
    public let desaCode: String
    public let address: String
    public let location: GeoPoint?
    public let privacy: ReportPrivacy
    public let contact: ContactIdentifier?
}

/// The limits people are told about next to each field.
public enum ReportLimits {
    public static let title = 5...120
    public static let description = 10...4000
    public static let address = 0...200
    public static let photosPerReport = 5
    public static let photoBytes = 10 * 1024 * 1024
    public static let reply = 1...4000
}

public enum ReportChecks {
    /// Checks a draft; field name → catalog key of the problem. `region` bounds acceptable coordinates.
    public static func check(_ draft: ReportDraft, isGuest: Bool, region: BoundingBox) -> Result<
        CheckedReport, FieldProblems
    > {
        var problems: [String: String] = [:]
        let kind = draft.kind.flatMap { ReportKind(rawValue: $0.lowercased()) }
        if kind == nil { problems["kind"] = "report.kind_invalid" }
        let category = draft.categoryCode?.trimmingCharacters(in: .whitespaces) ?? ""
        if category.isEmpty { problems["category"] = "report.category_required" }
        let title = clean(draft.title)
        if !ReportLimits.title.contains(title.count) { problems["title"] = "report.title_length" }
        let description = clean(draft.description, keepNewlines: true)
        if !ReportLimits.description.contains(description.count) {
            problems["description"] = "report.description_length"
        }
        let desa = draft.desaCode?.trimmingCharacters(in: .whitespaces) ?? ""
        if desa.isEmpty { problems["desa"] = "report.desa_required" }
        let address = clean(draft.address)
        if !ReportLimits.address.contains(address.count) { problems["address"] = "report.address_length" }

        var location: GeoPoint?
        switch (draft.latitude, draft.longitude) {
        case (nil, nil): break
        case (let lat?, let lon?):
            location = GeoPoint(latitude: lat, longitude: lon)
            if location == nil {
                problems["location"] = "report.location_invalid"
            } else if !region.contains(location!) {
                problems["location"] = "report.location_outside"
                location = nil
            }
        default: problems["location"] = "report.location_invalid"
        }

        let privacy = draft.privacy.map { ReportPrivacy(rawValue: $0.lowercased()) } ?? .publik
        if privacy == nil { problems["privacy"] = "report.privacy_invalid" }

        var contact: ContactIdentifier?
        if let raw = draft.contact?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            contact = ContactIdentifier(raw)
            if contact == nil { problems["contact"] = "report.contact_invalid" }
        } else if isGuest {
            problems["contact"] = "report.contact_required"
        }

        guard problems.isEmpty, let kind, let privacy else { return .failure(FieldProblems(fields: problems)) }
        return .success(
            CheckedReport(
                kind: kind, categoryCode: category, title: title, description: description, desaCode: desa,
                address: address, location: location, privacy: privacy, contact: contact))
    }

    /// Trims, folds runs of spaces, and drops control characters people never mean to send.
    public static func clean(_ text: String?, keepNewlines: Bool = false) -> String {
        let scalars = (text ?? "").unicodeScalars.filter { scalar in
            if scalar == "\n" { return keepNewlines }
            return !CharacterSet.controlCharacters.contains(scalar) || scalar == "\t"
        }
        var result = String(String.UnicodeScalarView(scalars)).replacingOccurrences(of: "\t", with: " ")
        if !keepNewlines {
            while result.contains("  ") { result = result.replacingOccurrences(of: "  ", with: " ") }
        }
        return result.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Per-field problems, as catalog keys.
public struct FieldProblems: Error, Sendable, Equatable {
    public var fields: [String: String]
    public init(fields: [String: String]) { self.fields = fields }
}
