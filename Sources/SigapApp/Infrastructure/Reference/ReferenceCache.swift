import Fluent
import Foundation
import NIOConcurrencyHelpers
import SigapCore
import Vapor

/// Categories, desa, the region's bounds and its work calendar, held in memory for the intake hot path (one
/// look-up per report instead of four queries). Reloaded after a minute, or at once when an admin changes
/// reference data, so several nodes converge within a minute.
final class ReferenceCache: Sendable {
    struct CategoryInfo: Sendable {
        let id: UUID
        let code: String
        let name: String
        let kind: Category.Kind
        let agencyID: UUID
        let active: Bool
        let responseWorkingDays: Int
        let resolutionWorkingDays: Int
        var nameEnglish = ""
        var descriptionEnglish = ""
        var description = ""
        var keywords = ""
    }

    struct DesaInfo: Sendable {
        let id: UUID
        let code: String
        let name: String
        let kecamatanID: UUID
        let latitude: Double?
        let longitude: Double?
    }

    struct Snapshot: Sendable {
        let categories: [String: CategoryInfo]
        let desa: [String: DesaInfo]
        let desaByID: [UUID: DesaInfo]
        let kecamatanNames: [UUID: String]
        let kecamatanByCode: [String: UUID]
        /// The other way round: a kecamatan's code by its id (CSV files name kecamatan by code).
        let kecamatanCodes: [UUID: String]
        let agencyNames: [UUID: String]
        let agencyCodes: [UUID: String]
        let categoriesByID: [UUID: CategoryInfo]
        let bounds: BoundingBox
        /// National holidays with the region's own days applied.
        let calendar: WorkCalendar
        let loadedAt: Date
        /// The list filters' options, sorted once per snapshot rather than on every list request: every category
        /// by name, every kecamatan by name (codes as values).
        let categoryChoices: [Choice]
        let kecamatanChoices: [Choice]
        /// Every agency by name, short names shown (the region-wide queue's agency filter).
        let agencyChoices: [Choice]
        /// Every desa as "Desa, Kecamatan", by name (codes as values): the proposal forms' desa choice.
        let desaChoices: [Choice]
        let agencyByCode: [String: UUID]
        /// The DPRD electoral district of each kecamatan that has one.
        let electoralDistricts: [UUID: UUID]
        let electoralDistrictNames: [UUID: String]
    }

    static let maximumAge: TimeInterval = 60
    /// Margin around the outermost known place, in degrees (~15 km): villages are areas, not points.
    static let boundsMargin = 0.15

    private let current = NIOLockedValueBox<Snapshot?>(nil)
    private let timeZone: TimeZone
    private let hours: WorkCalendar.Hours
    private let national: HolidayList

    init(timeZone: TimeZone, hours: WorkCalendar.Hours, national: HolidayList) {
        self.timeZone = timeZone
        self.hours = hours
        self.national = national
    }

    func snapshot(on db: any Database, now: Date) async throws -> Snapshot {
        if let snapshot = current.withLockedValue({ $0 }), now.timeIntervalSince(snapshot.loadedAt) < Self.maximumAge {
            return snapshot
        }
        let fresh = try await load(on: db, now: now)
        current.withLockedValue { $0 = fresh }
        return fresh
    }

    func invalidate() { current.withLockedValue { $0 = nil } }

    private func load(on db: any Database, now: Date) async throws -> Snapshot {
        let categories = try await Category.query(on: db).all().map {
            CategoryInfo(
                id: $0.id!, code: $0.code, name: $0.name, kind: $0.kind, agencyID: $0.$agency.id, active: $0.active,
                responseWorkingDays: $0.responseWorkingDays, resolutionWorkingDays: $0.resolutionWorkingDays,
                nameEnglish: $0.nameEnglish, descriptionEnglish: $0.descriptionEnglish, description: $0.description,
                keywords: $0.keywords)
        }
        let localDays = try await CalendarDay.query(on: db).all().compactMap(\.local)
        let desa = try await Desa.query(on: db).all().map {
            DesaInfo(
                id: $0.id!, code: $0.code, name: $0.name, kecamatanID: $0.$kecamatan.id, latitude: $0.latitude,
                longitude: $0.longitude)
        }
        let kecamatan = try await Kecamatan.query(on: db).all()
        let agencies = try await Agency.query(on: db).all()
        let districts = try await ElectoralDistrict.query(on: db).all()
        let kecamatanNames = Dictionary(uniqueKeysWithValues: kecamatan.map { ($0.id!, $0.name) })
        let points =
            desa.compactMap { d in d.latitude.flatMap { lat in d.longitude.map { (lat, $0) } } }
            + kecamatan.compactMap { k in k.latitude.flatMap { lat in k.longitude.map { (lat, $0) } } }
        let bounds: BoundingBox
        if points.isEmpty {
            // No coordinates known: accept anywhere in Indonesia rather than refuse every location.
            bounds = BoundingBox(minLongitude: 94, minLatitude: -11.5, maxLongitude: 142, maxLatitude: 6.5)
        } else {
            bounds = BoundingBox(
                minLongitude: points.map(\.1).min()! - Self.boundsMargin,
                minLatitude: points.map(\.0).min()! - Self.boundsMargin,
                maxLongitude: points.map(\.1).max()! + Self.boundsMargin,
                maxLatitude: points.map(\.0).max()! + Self.boundsMargin)
        }
        return Snapshot(
            categories: Dictionary(uniqueKeysWithValues: categories.map { ($0.code, $0) }),
            desa: Dictionary(uniqueKeysWithValues: desa.map { ($0.code, $0) }),
            desaByID: Dictionary(uniqueKeysWithValues: desa.map { ($0.id, $0) }),
            kecamatanNames: kecamatanNames,
            kecamatanByCode: Dictionary(uniqueKeysWithValues: kecamatan.map { ($0.code, $0.id!) }),
            kecamatanCodes: Dictionary(uniqueKeysWithValues: kecamatan.map { ($0.id!, $0.code) }),
            agencyNames: Dictionary(uniqueKeysWithValues: agencies.map { ($0.id!, $0.shortName) }),
            agencyCodes: Dictionary(uniqueKeysWithValues: agencies.map { ($0.id!, $0.code) }),
            categoriesByID: Dictionary(uniqueKeysWithValues: categories.map { ($0.id, $0) }),
            bounds: bounds,
            calendar: WorkCalendar(timeZone: timeZone, hours: hours, national: national, local: localDays),
            loadedAt: now,
            categoryChoices: categories.sorted { $0.name < $1.name }.map { Choice(value: $0.code, label: $0.name) },
            kecamatanChoices: kecamatan.map { Choice(value: $0.code, label: $0.name) }.sorted { $0.label < $1.label },
            agencyChoices: agencies.sorted { $0.name < $1.name }.map { Choice(value: $0.code, label: $0.shortName) },
            desaChoices: desa.map {
                Choice(value: $0.code, label: "\($0.name), \(kecamatanNames[$0.kecamatanID] ?? "")")
            }
            .sorted { $0.label < $1.label },
            agencyByCode: Dictionary(uniqueKeysWithValues: agencies.map { ($0.code, $0.id!) }),
            electoralDistricts: Dictionary(
                uniqueKeysWithValues: kecamatan.compactMap { k in k.electoralDistrictID.map { (k.id!, $0) } }),
            electoralDistrictNames: Dictionary(uniqueKeysWithValues: districts.map { ($0.id!, $0.name) }))
    }
}

extension ReferenceCache.Snapshot {
    /// The kecamatan of a DPRD electoral district.
    func kecamatan(inDistrict id: UUID) -> [UUID] { electoralDistricts.filter { $0.value == id }.map(\.key) }
}

extension Request {
    func reference() async throws -> ReferenceCache.Snapshot {
        try await application.sigap.reference.snapshot(on: db, now: now)
    }
}
