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
}
