import Fluent
import Foundation
import SigapCore
import Vapor

/// `POST requests`: another system files a report for its user. It goes through the one intake (checks,
/// routing to the category's agency, deadlines, outbox), so it is in the agency's queue like any other; the
/// integration gets the report number as `service_request_id` and a token it may ask about later.
enum Open311Filing {
    /// The spec's arguments, as sent (numbers as text, so a wrong one gets a 400 that names it).
    struct Input: Content {
        var serviceCode: String?
        var lat: String?
        var long: String?
        var addressString: String?
        var addressID: String?
        var attribute: [String: String]?
        var email: String?
        var deviceID: String?
        var accountID: String?
        var firstName: String?
        var lastName: String?
        var phone: String?
        var description: String?
        var mediaURL: String?

        enum CodingKeys: String, CodingKey {
            case serviceCode = "service_code", lat, long, addressString = "address_string"
            case addressID = "address_id", attribute, email, deviceID = "device_id", accountID = "account_id"
            case firstName = "first_name", lastName = "last_name", phone, description, mediaURL = "media_url"
        }
    }

    struct Filed {
        let number: String
        let token: String
        let notice: String
        let accountID: String?
    }

    /// Files `input` for the integration holding `key`. First and last name, device and account ids are not
    /// stored: Sigap keeps only what it needs to follow a report up (UU PDP), and the integration knows its user.
    static func file(
        _ input: Input, key: Open311Key, language: Language, media: MediaFetcher, context: ServiceContext
    ) async throws(Open311Error) -> Filed {
        let reference: ReferenceCache.Snapshot
        do { reference = try await context.reference() } catch { throw .unavailable }
        guard let code = input.serviceCode?.trimmingCharacters(in: .whitespaces), !code.isEmpty else {
            throw .badRequest(["open311.service_code_required"])
        }
        guard let category = reference.categories[code], category.active else {
            throw Open311Error(status: 404, keys: ["open311.service_unknown"])
        }
        let place = try locate(input, reference: reference)
        var problems: [String] = []
        let description = input.description?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if description.count > ReportLimits.description.upperBound { problems.append("open311.description_too_long") }
        let attributes = input.attribute ?? [:]
        let privacy = attributes[Open311Catalogue.privacyAttribute].flatMap { $0.isEmpty ? nil : $0 }
        if let privacy, ReportPrivacy(rawValue: privacy) == nil { problems.append("open311.privacy_invalid") }
        let contact = [input.email, input.phone].compactMap { $0?.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty }
        if let contact, ContactIdentifier(contact) == nil { problems.append("open311.contact_invalid") }
        guard problems.isEmpty else { throw .badRequest(problems) }

        var photos: [ReportPhotos.Checked] = []
        if let url = input.mediaURL?.trimmingCharacters(in: .whitespaces), !url.isEmpty {
            do {
                let data = try await media(url)
                let files = context.files
                photos.append(try await context.threadPool.runIfActive { try files.stage(data, for: .reportPhoto) })
            } catch Open311Media.Problem.refused(let key) {
                throw .badRequest([key])
            } catch {
                throw .badRequest(["open311.media_not_photo"])
            }
        }
        defer { for photo in photos { try? FileManager.default.removeItem(atPath: photo.path) } }

        let name = Open311Catalogue.name(category, .id)
        let text = description.isEmpty ? context.catalog.text("open311.no_description", .id, [name]) : description
        let draft = ReportDraft(
            kind: category.kind == .aspirasi ? "aspirasi" : "pengaduan", categoryCode: category.code,
            title: title(attributes[Open311Catalogue.titleAttribute], description: text, fallback: name),
            description: text.count < ReportLimits.description.lowerBound ? text + " (" + name + ")" : text,
            desaCode: place.desa, address: String((input.addressString ?? "").prefix(ReportLimits.address.upperBound)),
            latitude: place.point?.latitude, longitude: place.point?.longitude, privacy: privacy ?? "publik",
            contact: contact)
        let filed: ReportIntake.Filed
        do {
            filed = try await ReportIntake.file(
                draft, photos: photos, origin: .init(throughIntegration: true), context: context.acting(as: nil))
        } catch let error as AppError {
            throw Open311Error(error)
        } catch {
            throw .unavailable
        }
        let token = SecretToken.urlSafe(bytes: 12)
        do {
            let record = Open311Request()
            record.token = token
            record.reportID = try filed.report.requireID()
            record.keyID = try key.requireID()
            record.createdAt = context.now
            try await context.write { db in try await record.create(on: db) }
        } catch {
            throw .unavailable
        }
        return Filed(
            number: filed.report.number, token: token,
            notice: Open311Catalogue.notice(category, language: language, catalog: context.catalog),
            accountID: input.accountID.flatMap { $0.isEmpty ? nil : String($0.prefix(100)) })
    }

    typealias MediaFetcher = @Sendable (String) async throws -> Data

    struct Place {
        let desa: String
        let point: GeoPoint?
    }

    /// The spec asks for one of `lat`+`long`, `address_id` or `address_string`. A point is placed in the desa whose
    /// centre is nearest; `address_id` is a desa or kelurahan code (`/api/v1/regions`); an address string must
    /// name one of the region's desa or kelurahan, since Sigap has no geocoder.
    static func locate(_ input: Input, reference: ReferenceCache.Snapshot) throws(Open311Error) -> Place {
        let lat = input.lat?.trimmingCharacters(in: .whitespaces) ?? ""
        let long = input.long?.trimmingCharacters(in: .whitespaces) ?? ""
        if !lat.isEmpty || !long.isEmpty {
            guard let latitude = Double(lat), let longitude = Double(long),
                let point = GeoPoint(latitude: latitude, longitude: longitude)
            else { throw .badRequest(["open311.location_invalid"]) }
            guard reference.bounds.contains(point) else { throw .badRequest(["open311.location_outside"]) }
            let nearest = reference.desa.values.compactMap { desa -> (DesaDistance)? in
                guard let la = desa.latitude, let lo = desa.longitude,
                    let centre = GeoPoint(latitude: la, longitude: lo)
                else { return nil }
                return DesaDistance(code: desa.code, metres: centre.distance(to: point))
            }.min { $0.metres < $1.metres }
            guard let nearest else { throw .badRequest(["open311.location_outside"]) }
            return Place(desa: nearest.code, point: point)
        }
        if let id = input.addressID?.trimmingCharacters(in: .whitespaces), !id.isEmpty {
            guard reference.desa[id] != nil else { throw .badRequest(["open311.address_id_unknown"]) }
            return Place(desa: id, point: nil)
        }
        if let address = input.addressString?.lowercased(), !address.trimmingCharacters(in: .whitespaces).isEmpty {
            let named = reference.desa.values.filter { address.contains($0.name.lowercased()) }
                .max { $0.name.count < $1.name.count }
            guard let named else { throw .badRequest(["open311.address_unknown"]) }
            return Place(desa: named.code, point: nil)
        }
        throw .badRequest(["open311.location_required"])
    }

    private struct DesaDistance {
        let code: String
        let metres: Double
    }

    /// The integration's title if it sent one, else the description's first line, shortened at a word.
    static func title(_ given: String?, description: String, fallback: String) -> String {
        if let given = given?.trimmingCharacters(in: .whitespaces), ReportLimits.title.contains(given.count) {
            return given
        }
        let firstLine = description.split(separator: "\n").first.map(String.init) ?? ""
        var title = firstLine.count <= 80 ? firstLine : String(firstLine.prefix(80))
        if firstLine.count > 80, let space = title.lastIndex(of: " ") { title = String(title[..<space]) + "…" }
        return ReportLimits.title.contains(title.count) ? title : fallback
    }
}

/// An Open311 error answer: the HTTP status and catalog keys, written in the spec's `errors` body.
struct Open311Error: Error {
    let status: Int
    let keys: [String]
    var headers: HTTPHeaders = [:]

    init(status: Int, keys: [String], headers: HTTPHeaders = [:]) {
        self.status = status
        self.keys = keys
        self.headers = headers
    }

    static func badRequest(_ keys: [String]) -> Open311Error { Open311Error(status: 400, keys: keys) }
    static let unavailable = Open311Error(status: 503, keys: ["open311.unavailable"], headers: ["Retry-After": "5"])

    /// The intake's refusal: 429 stays 429 (with its wait), anything else is the spec's 400.
    init(_ error: AppError) {
        if error.status == .tooManyRequests {
            self.init(status: 429, keys: [error.messageKey], headers: error.headers)
        } else {
            self.init(
                status: error.status == .notFound ? 404 : 400,
                keys: error.fields.isEmpty ? [error.messageKey] : error.fields.keys.sorted().map { error.fields[$0]! })
        }
    }
}
