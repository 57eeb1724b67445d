import Fluent
import Foundation
import SigapCore

/// Loads a region's own kecamatan and desa, agencies and categories from CSV (`sigap import`). Rows are matched
/// by code, so importing the same file again changes nothing and an edited file updates in place; rows missing
/// from a file are left as they are (reports point at them). A file with any bad row writes nothing: the
/// problems come back by line, to be fixed and imported again. Each import is one transaction with its audit
/// entry.
enum ReferenceImport {
    struct Outcome: Sendable, Equatable, CustomStringConvertible {
        var added = 0
        var updated = 0
        var unchanged = 0
        var description: String { "\(added) added, \(updated) updated, \(unchanged) unchanged" }
    }

    struct Rejected: Error, CustomStringConvertible {
        let problems: [ImportTable.Problem]
        var description: String { problems.map(\.description).joined(separator: "\n") }
    }

    /// Kecamatan and desa/kelurahan, with centres from `boundaries` (GeoJSON) where the CSV gives none.
    static func places(csv: String, boundaries: Data? = nil, context: ServiceContext) async throws -> Outcome {
        var centres: [String: GeoPoint] = [:]
        if let boundaries {
            do {
                centres = try Boundaries.centres(geoJSON: boundaries)
            } catch {
                throw Rejected(problems: [ImportTable.Problem(line: 0, message: "boundaries: \(error.description)")])
            }
        }
        let known = Set(try await Kecamatan.query(on: context.db).all().map(\.code))
        let (places, problems) = ReferenceRows.places(
            csv: csv, region: context.config.region.code, knownKecamatan: known, boundaries: centres)
        guard problems.isEmpty else { throw Rejected(problems: problems) }
        return try await write("regions", context: context) { db, outcome in
            var kecamatanIDs: [String: UUID] = [:]
            for row in try await Kecamatan.query(on: db).all() { kecamatanIDs[row.code] = row.id }
            for place in places where place.code.level == .kecamatan {
                let row =
                    try await Kecamatan.query(on: db).filter(\.$code == place.code.description).first()
                    ?? Kecamatan(code: place.code.description, name: place.name)
                let changed =
                    row.id == nil || row.name != place.name || point(row.latitude, row.longitude) != place.centre
                row.name = place.name
                if let centre = place.centre { (row.latitude, row.longitude) = (centre.latitude, centre.longitude) }
                outcome.count(new: row.id == nil, changed: changed)
                try await row.save(on: db)
                kecamatanIDs[row.code] = row.id
            }
            for place in places where place.code.level == .village {
                let kecamatanID = kecamatanIDs[place.code.parent!.description]!
                let kind: Desa.Kind = place.isKelurahan ? .kelurahan : .desa
                let row =
                    try await Desa.query(on: db).filter(\.$code == place.code.description).first()
                    ?? Desa(code: place.code.description, name: place.name, kind: kind, kecamatanID: kecamatanID)
                let changed =
                    row.id == nil || row.name != place.name || row.kind != kind || row.$kecamatan.id != kecamatanID
                    || point(row.latitude, row.longitude) != place.centre
                (row.name, row.kind, row.$kecamatan.id) = (place.name, kind, kecamatanID)
                // A village without a point of its own sits at its kecamatan's centre until one is imported.
                if let centre = place.centre ?? places.first(where: { $0.code == place.code.parent })?.centre {
                    (row.latitude, row.longitude) = (centre.latitude, centre.longitude)
                }
                outcome.count(new: row.id == nil, changed: changed)
                try await row.save(on: db)
            }
        }
    }

    /// Agencies with their heads.
    static func agencies(csv: String, context: ServiceContext) async throws -> Outcome {
        let (agencies, problems) = ReferenceRows.agencies(csv: csv)
        guard problems.isEmpty else { throw Rejected(problems: problems) }
        return try await write("agencies", context: context) { db, outcome in
            for agency in agencies {
                let row =
                    try await Agency.query(on: db).filter(\.$code == agency.code).first()
                    ?? Agency(code: agency.code, name: agency.name, shortName: agency.shortName)
                let changed =
                    row.id == nil || row.name != agency.name || row.shortName != agency.shortName
                    || row.headName != agency.head || !row.active
                (row.name, row.shortName, row.headName, row.active) = (agency.name, agency.shortName, agency.head, true)
                outcome.count(new: row.id == nil, changed: changed)
                try await row.save(on: db)
            }
        }
    }

    /// Categories with their agency (by code) and working-day deadlines.
    static func categories(csv: String, context: ServiceContext) async throws -> Outcome {
        var known: [String: UUID] = [:]
        for agency in try await Agency.query(on: context.db).all() { known[agency.code] = agency.id }
        let agencyIDs = known
        let (categories, problems) = ReferenceRows.categories(csv: csv, agencies: Set(agencyIDs.keys))
        guard problems.isEmpty else { throw Rejected(problems: problems) }
        return try await write("categories", context: context) { db, outcome in
            for category in categories {
                let kind = Category.Kind(rawValue: category.kind)!
                let agencyID = agencyIDs[category.agencyCode]!
                let row =
                    try await Category.query(on: db).filter(\.$code == category.code).first()
                    ?? Category(
                        code: category.code, name: category.name, description: category.description,
                        keywords: category.keywords, kind: kind, agencyID: agencyID)
                let changed =
                    row.id == nil || row.name != category.name || row.kind != kind || row.$agency.id != agencyID
                    || row.responseWorkingDays != category.responseDays
                    || row.resolutionWorkingDays != category.resolutionDays || row.description != category.description
                    || row.keywords != category.keywords || row.nameEnglish != category.nameEnglish
                    || row.descriptionEnglish != category.descriptionEnglish || !row.active
                (row.name, row.kind, row.$agency.id) = (category.name, kind, agencyID)
                (row.responseWorkingDays, row.resolutionWorkingDays) = (category.responseDays, category.resolutionDays)
                (row.description, row.keywords) = (category.description, category.keywords)
                (row.nameEnglish, row.descriptionEnglish, row.active) =
                    (category.nameEnglish, category.descriptionEnglish, true)
                outcome.count(new: row.id == nil, changed: changed)
                try await row.save(on: db)
            }
        }
    }
}

extension ReferenceImport {
    /// Runs `body` in one transaction with the import's audit entry, then tells the reference cache.
    fileprivate static func write(
        _ subject: String, context: ServiceContext,
        _ body: @escaping @Sendable (any Database, inout Outcome) async throws -> Void
    ) async throws -> Outcome {
        let outcome = try await context.write { db in
            var outcome = Outcome()
            try await body(db, &outcome)
            try await AuditLog.record(
                "reference.imported", actor: context.actor, subjectType: subject, detail: outcome.description, on: db,
                at: context.now)
            return outcome
        }
        context.services.reference.invalidate()
        return outcome
    }
}

extension ReferenceImport.Outcome {
    fileprivate mutating func count(new: Bool, changed: Bool) {
        if new {
            added += 1
        } else if changed {
            updated += 1
        } else {
            unchanged += 1
        }
    }
}

/// A stored centre as a point (nil while either coordinate is missing).
private func point(_ latitude: Double?, _ longitude: Double?) -> GeoPoint? {
    latitude.flatMap { lat in longitude.flatMap { GeoPoint(latitude: lat, longitude: $0) } }
}
