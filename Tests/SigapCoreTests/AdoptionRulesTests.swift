import Foundation
import SigapCore
import Testing

@Suite struct AdoptionRulesTests {
    @Test func kemendagriCodesHaveTheirLevelsParentsAndKinds() throws {
        let desa = try #require(KemendagriCode("12.07.01.2001"))
        #expect(desa.level == .village && desa.isKelurahan == false)
        #expect(KemendagriCode("12.07.01.1003")?.isKelurahan == true)
        #expect(desa.parent == KemendagriCode("12.07.01"))
        #expect(desa.lies(in: try #require(KemendagriCode("12.07"))))
        #expect(!desa.lies(in: try #require(KemendagriCode("12.08"))))
        #expect(KemendagriCode("12.07")?.level == .region)
        for bad in ["12", "1.07", "12.07.1", "12.07.01.201", "12.07.01.2001.1", "ab.07", "12..01", ""] {
            #expect(KemendagriCode(bad) == nil, "\(bad)")
        }
    }

    @Test func aPolygonsCentreIsItsCentroidAndAPointIsItself() throws {
        let json = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"kode":"12.07.01"},"geometry":{"type":"Polygon",
              "coordinates":[[[98.0,3.0],[98.2,3.0],[98.2,3.4],[98.0,3.4],[98.0,3.0]]]}},
             {"type":"Feature","properties":{"kdepum":"12.07.01.2001"},"geometry":{"type":"Point","coordinates":[98.1,3.1]}},
             {"type":"Feature","properties":{"code":"12.07.02"},"geometry":{"type":"MultiPolygon",
              "coordinates":[[[[98,3],[98.1,3],[98.1,3.1],[98,3.1],[98,3]]],[[[99,3],[99.1,3],[99.1,3.1],[99,3.1],[99,3]]]]}}
            ]}
            """
        let centres = try Boundaries.centres(geoJSON: Data(json.utf8))
        let square = try #require(centres["12.07.01"])
        #expect(abs(square.latitude - 3.2) < 1e-9 && abs(square.longitude - 98.1) < 1e-9)
        #expect(centres["12.07.01.2001"] == GeoPoint(latitude: 3.1, longitude: 98.1))
        let two = try #require(centres["12.07.02"])
        #expect(abs(two.longitude - 98.55) < 1e-9 && abs(two.latitude - 3.05) < 1e-9)
        #expect(throws: Boundaries.Problem.self) {
            try Boundaries.centres(geoJSON: Data(#"{"type":"FeatureCollection","features":[{"properties":{}}]}"#.utf8))
        }
    }

    @Test func placesAreCheckedRowByRowAndTheHeaderByName() {
        let csv = "Nama;Kode\nKota;12.07.01\nDesa Satu;12.07.01.2001\n"
        let (places, problems) = ReferenceRows.places(csv: csv, region: KemendagriCode("12.07"))
        #expect(problems.isEmpty)
        #expect(places.map(\.name) == ["Kota", "Desa Satu"])
        let (_, missing) = ReferenceRows.places(csv: "kode,label\n12.07.01,X\n", region: nil)
        #expect(missing.map(\.description) == ["line 1: the header has no column \"nama\" or \"name\""])
    }

    @Test func regionColoursMustCarryWhiteText() {
        #expect(RegionSettings.colour("#0B6E4F") == "#0b6e4f")
        #expect(RegionSettings.colour("0b6e4f") == nil)
        #expect(RegionSettings.carriesWhiteText("#0b6e4f"))
        #expect(RegionSettings.carriesWhiteText("#7a1f2b"))
        #expect(!RegionSettings.carriesWhiteText("#ffff00"))
        #expect(!RegionSettings.carriesWhiteText("#4caf50"))
    }
}
