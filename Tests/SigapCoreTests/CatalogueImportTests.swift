import Testing

@testable import SigapCore

/// Issue 15: reading CSV as spreadsheets write it, and the proposal catalogue's import with problems by line.
@Suite struct CatalogueImportTests {
    @Test func csvWithQuotesLineBreaksAndSemicolons() {
        let text = "\u{FEFF}kode,nama\r\n\"a\",\"Jalan \"\"usaha\"\" tani\"\r\nb,\"dua\nbaris\"\n\nc,tiga"
        #expect(
            CSVReader.records(text) == [
                .init(line: 1, fields: ["kode", "nama"]), .init(line: 2, fields: ["a", "Jalan \"usaha\" tani"]),
                .init(line: 3, fields: ["b", "dua\nbaris"]), .init(line: 6, fields: ["c", "tiga"]),
            ])
        // Excel in Indonesian settings: semicolons, decimal commas inside fields stay.
        #expect(
            CSVReader.records("kode;harga\nx;1,5\n") == [
                .init(line: 1, fields: ["kode", "harga"]), .init(line: 2, fields: ["x", "1,5"]),
            ])
    }

    @Test func theCatalogueImportKeepsGoodRowsAndNamesTheBadOnes() {
        let csv = """
            kode,nama,sektor,opd,satuan,harga_satuan
            jalan-usaha-tani,Jalan usaha tani (rabat beton),infrastruktur,PUPR,m,"1.250.000"
            drainase,Saluran drainase,Infrastruktur,pupr,m,900000
            posyandu,Rehab posyandu,kesehatan,DINKES,unit,150000000
            x,Nama,infrastruktur,PUPR,m,1
            sumur,Sumur bor,infrastruktur,TIDAKADA,unit,20000000
            pelatihan,Pelatihan UMKM,ekonomi,PUPR,liter,5000000
            beasiswa,Beasiswa,pendidikan,PUPR,orang,gratis
            kurang,kolom
            drainase,Saluran drainase tertutup,infrastruktur,PUPR,m2,950000
            """
        let (items, problems) = ProposalCatalogue.parse(csv: csv, agencies: ["PUPR", "DINKES"])
        #expect(items.map(\.code) == ["jalan-usaha-tani", "drainase", "posyandu"])
        #expect(items[0].unitCost == 1_250_000)
        #expect(
            items[1]
                == .init(
                    code: "drainase", name: "Saluran drainase tertutup", sector: "infrastruktur", agencyCode: "PUPR",
                    unit: "m²", unitCost: 950_000))
        #expect(problems.map(\.line) == [5, 6, 7, 8, 9])
        #expect(problems.map(\.1) == [.code, .agency, .unit, .unitCost, .columns])
    }
}
