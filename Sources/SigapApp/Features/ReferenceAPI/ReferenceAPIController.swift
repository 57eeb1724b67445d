import Crypto
import Fluent
import Foundation
import SigapCore
import Vapor

/// `GET /api/v1/categories`, `/api/v1/regions` and `/api/v1/agencies`: what an API client needs to know to file
/// a report — the categories it may choose with their agencies and deadlines, the kecamatan and desa with their
/// codes and centre points, and the agencies — as JSON with an ETag, so a client on a weak connection asks again
/// and gets 304 until something changed.
struct ReferenceAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.open("reference data is public: what API clients may use").grouped("api", "v1")
        open.get("categories", use: categories)
        open.get("regions", use: regions)
        open.get("agencies", use: agencies)
    }

    struct CategoryEntry: Content {
        let code: String
        let name: String
        let nameEnglish: String
        let description: String
        let descriptionEnglish: String
        /// "pengaduan", "aspirasi" or "keduanya" (either kind of report).
        let kind: String
        /// The code of the agency reports of this category go to.
        let agency: String
        let responseWorkingDays: Int
        let resolutionWorkingDays: Int

        enum CodingKeys: String, CodingKey {
            case code, name, description, kind, agency
            case nameEnglish = "name_en"
            case descriptionEnglish = "description_en"
            case responseWorkingDays = "response_working_days"
            case resolutionWorkingDays = "resolution_working_days"
        }
    }

    /// The categories a report may be filed in now (inactive ones are left out); English falls back to the
    /// Indonesian where an admin has not written it.
    func categories(req: Request) async throws -> Response {
        let categories = try await Category.query(on: req.db).filter(\.$active == true).with(\.$agency)
            .sort(\.$code).all()
        return try Self.cacheable(
            [
                "categories": categories.map { c in
                    CategoryEntry(
                        code: c.code, name: c.name, nameEnglish: c.nameEnglish.isEmpty ? c.name : c.nameEnglish,
                        description: c.description,
                        descriptionEnglish: c.descriptionEnglish.isEmpty ? c.description : c.descriptionEnglish,
                        kind: c.kind.rawValue, agency: c.agency.code, responseWorkingDays: c.responseWorkingDays,
                        resolutionWorkingDays: c.resolutionWorkingDays)
                }
            ], req)
    }

    struct KecamatanEntry: Content {
        let code: String
        let name: String
        let latitude: Double?
        let longitude: Double?
        let desa: [DesaEntry]
    }

    struct DesaEntry: Content {
        let code: String
        let name: String
        /// "desa" or "kelurahan".
        let kind: String
        let latitude: Double?
        let longitude: Double?
    }

    struct RegionsAnswer: Content {
        let kecamatan: [KecamatanEntry]
    }

    func regions(req: Request) async throws -> Response {
        let kecamatan = try await Kecamatan.query(on: req.db).sort(\.$code).all()
        let desa = try await Desa.query(on: req.db).sort(\.$code).all()
        let byKecamatan = Dictionary(grouping: desa, by: { $0.$kecamatan.id })
        let answer = RegionsAnswer(
            kecamatan: kecamatan.map { k in
                KecamatanEntry(
                    code: k.code, name: k.name, latitude: k.latitude, longitude: k.longitude,
                    desa: (byKecamatan[k.id!] ?? []).map { d in
                        DesaEntry(
                            code: d.code, name: d.name, kind: d.kind.rawValue, latitude: d.latitude,
                            longitude: d.longitude)
                    })
            })
        return try Self.cacheable(answer, req)
    }

    struct AgencyEntry: Content {
        let code: String
        let name: String
        let shortName: String

        enum CodingKeys: String, CodingKey {
            case code, name
            case shortName = "short_name"
        }
    }

    func agencies(req: Request) async throws -> Response {
        let agencies = try await Agency.query(on: req.db).filter(\.$active == true).sort(\.$code).all()
        return try Self.cacheable(
            ["agencies": agencies.map { AgencyEntry(code: $0.code, name: $0.name, shortName: $0.shortName) }], req)
    }

    /// The body with a strong ETag (SHA-256 of its bytes); 304 when the client already has it.
    static func cacheable(_ value: some Encodable, _ req: Request) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let body = try encoder.encode(value)
        let tag = "\"" + SHA256.hash(data: body).prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
        let response: Response
        if req.headers.first(name: .ifNoneMatch)?.split(separator: ",")
            .contains(where: { $0.trimmingCharacters(in: .whitespaces) == tag }) == true
        {
            response = Response(status: .notModified)
        } else {
            response = Response(status: .ok, body: .init(data: body))
            response.headers.replaceOrAdd(name: .contentType, value: "application/json; charset=utf-8")
        }
        response.headers.replaceOrAdd(name: .eTag, value: tag)
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
        return response
    }
}
