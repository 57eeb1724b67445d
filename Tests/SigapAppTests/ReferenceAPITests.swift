import Fluent
import Foundation
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 19 (reference data): an API client discovers the places and agencies it may use, and asks again
/// cheaply: the same answer comes back as 304 until something changes.
@Suite struct ReferenceAPITests {
    @Test func regionsAndAgenciesAreListedWithAnETagThatChangesWithThem() async throws {
        try await withSigap { context in
            let client = APIClient(app: context.app)
            let first = try await client.send(.GET, "/api/v1/regions")
            #expect(first.status == .ok)
            struct Regions: Decodable {
                struct K: Decodable {
                    let code: String
                    let desa: [D]
                }
                struct D: Decodable { let code: String }
                let kecamatan: [K]
            }
            let regions = try first.content.decode(Regions.self)
            let stored = try await Kecamatan.query(on: context.db).count()
            #expect(regions.kecamatan.count == stored)
            #expect(regions.kecamatan.flatMap(\.desa).count == (try await Desa.query(on: context.db).count()))
            let tag = try #require(first.headers.first(name: .eTag))
            let again = try await client.send(.GET, "/api/v1/regions", headers: ["If-None-Match": tag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)

            // A new desa changes the answer and its tag.
            let kecamatan = try #require(try await Kecamatan.query(on: context.db).sort(\.$code).first())
            try await Desa(code: "9999", name: "Desa Baru", kind: .desa, kecamatanID: kecamatan.id!).create(
                on: context.db)
            let changed = try await client.send(.GET, "/api/v1/regions", headers: ["If-None-Match": tag])
            #expect(changed.status == .ok)
            #expect(changed.body.string.contains("Desa Baru"))
            #expect(changed.headers.first(name: .eTag) != tag)

            let agencies = try await client.send(.GET, "/api/v1/agencies")
            #expect(agencies.status == .ok)
            #expect(agencies.body.string.contains("\"code\":\"PUPR\""))
            #expect(agencies.headers.first(name: .cacheControl) == "public, max-age=300")
        }
    }

    @Test func categoriesComeInBothLanguagesWithTheirAgencyAndDeadlinesAndOnlyWhileActive() async throws {
        try await withSigap { context in
            let client = APIClient(app: context.app)
            struct Categories: Decodable {
                struct Entry: Decodable {
                    let code: String
                    let name: String
                    let name_en: String
                    let kind: String
                    let agency: String
                    let response_working_days: Int
                    let resolution_working_days: Int
                }
                let categories: [Entry]
            }
            let first = try await client.send(.GET, "/api/v1/categories")
            #expect(first.status == .ok)
            let listed = try first.content.decode(Categories.self).categories
            #expect(listed.count == (try await Category.query(on: context.db).filter(\.$active == true).count()))
            let roads = try #require(listed.first { $0.code == "jalan" })
            #expect(roads.name == "Jalan dan Jembatan")
            #expect(roads.name_en == "Roads and Bridges")
            #expect(roads.kind == "pengaduan")
            #expect(roads.agency == "PUPR")
            #expect(roads.response_working_days == 3)
            #expect(roads.resolution_working_days == 20)
            let tag = try #require(first.headers.first(name: .eTag))
            #expect(
                try await client.send(.GET, "/api/v1/categories", headers: ["If-None-Match": tag]).status
                    == .notModified)

            // An admin turns a category off: clients stop being offered it.
            let stored = try #require(try await Category.query(on: context.db).filter(\.$code == "jalan").first())
            stored.active = false
            try await stored.save(on: context.db)
            let after = try await client.send(.GET, "/api/v1/categories", headers: ["If-None-Match": tag])
            #expect(after.status == .ok)
            #expect(try after.content.decode(Categories.self).categories.contains { $0.code == "jalan" } == false)
        }
    }

    @Test func anAdminWritesACategorysEnglishName() async throws {
        try await withSigap { context in
            let (browser, _) = try await AdminTests().signedInAdmin(context)
            let category = try #require(try await Category.query(on: context.db).filter(\.$code == "sampah").first())
            let path = "/dasbor/admin/kategori/\(category.id!.uuidString)"
            let form = try await browser.get(path)
            #expect(form.status == .ok)
            #expect(form.body.string.contains("name=\"name_en\" value=\"Waste and Cleanliness\""))
            let saved = try await browser.post(
                path,
                [
                    "name": category.name, "description": category.description, "keywords": category.keywords,
                    "name_en": "Rubbish collection", "description_en": "Bins not emptied.", "kind": "pengaduan",
                    "agency_id": category.$agency.id.uuidString, "response_working_days": "3",
                    "resolution_working_days": "5", "active": "on",
                ])
            #expect(saved.status == .seeOther)
            let stored = try #require(try await Category.find(category.id, on: context.db))
            #expect(stored.nameEnglish == "Rubbish collection")
            #expect(stored.descriptionEnglish == "Bins not emptied.")
            let listed = try await APIClient(app: context.app).send(.GET, "/api/v1/categories")
            #expect(listed.body.string.contains("\"name_en\":\"Rubbish collection\""))
        }
    }
}
