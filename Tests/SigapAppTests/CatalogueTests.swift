import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 15: the proposal catalogue is kept by Bappeda and admins, by hand or from CSV; re-importing updates
/// without duplicating, and bad lines are named.
@Suite struct CatalogueTests {
    static let csv = """
        kode,nama,sektor,opd,satuan,harga_satuan
        jalan-usaha-tani,Jalan usaha tani (rabat beton),infrastruktur,PUPR,m,"1.250.000"
        posyandu,Rehab posyandu,kesehatan,DINKES,unit,150000000
        sumur,Sumur bor,infrastruktur,TIDAKADA,unit,20000000
        """

    func bappeda(_ context: TestContext) async throws -> Browser {
        let person = try await Fixtures.staff(.bappeda, agency: "BAPPEDA", in: context)
        let browser = Browser(context.app)
        try await browser.logIn(person, context)
        return browser
    }

    @Test func aCSVAddsTheGoodLinesNamesTheBadOnesAndReimportingUpdates() async throws {
        try await withSigap { context in
            let browser = try await bappeda(context)
            let formPage = try await browser.get("/dasbor/musrenbang/kamus")
            #expect(formPage.status == .ok)  // the form, and its token
            let first = try await browser.postMultipart("/dasbor/musrenbang/kamus/impor", ["csv": Self.csv])
            #expect(first.status == .unprocessableEntity)  // one line was refused
            #expect(first.body.string.contains("2 ditambahkan, 0 diperbarui, 1 baris bermasalah."))
            #expect(first.body.string.contains("Baris 4: kode OPD tidak dikenal"))
            #expect(first.body.string.contains("Rp1.250.000"))
            #expect(try await CatalogueItem.query(on: context.db).count() == 2)

            let changed = Self.csv.replacingOccurrences(of: "150000000", with: "175000000")
                .replacingOccurrences(of: "TIDAKADA", with: "PUPR")
            let second = try await browser.postMultipart("/dasbor/musrenbang/kamus/impor", ["csv": changed])
            #expect(second.status == .ok)
            #expect(second.body.string.contains("1 ditambahkan, 2 diperbarui, 0 baris bermasalah."))
            #expect(try await CatalogueItem.query(on: context.db).count() == 3)
            let posyandu = try #require(
                try await CatalogueItem.query(on: context.db).filter(\.$code == "posyandu").first())
            #expect(posyandu.unitCost == 175_000_000)
            #expect(
                try await AuditEvent.query(on: context.db).filter(\.$action == "musrenbang.catalogue_saved").count()
                    == 2)
        }
    }

    @Test func oneItemByHandWithAClearMessage() async throws {
        try await withSigap { context in
            let browser = try await bappeda(context)
            let fields = [
                "code": "drainase", "name": "Saluran drainase", "sector": "infrastruktur", "agency": "PUPR",
                "unit": "m", "unit_cost": "900.000",
            ]
            #expect(try await browser.submit("/dasbor/musrenbang/kamus", fields).status == .seeOther)
            #expect(try await CatalogueItem.query(on: context.db).first()?.unitCost == 900_000)
            var wrong = fields
            wrong["unit"] = "liter"
            let refused = try await browser.submit("/dasbor/musrenbang/kamus", wrong)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("satuan tidak dikenal"))
        }
    }

    @Test func onlyBappedaAndAdminsKeepTheCatalogue() async throws {
        try await withSigap { context in
            let clerk = try await Fixtures.staff(.opdAdmin, agency: "PUPR", in: context)
            let browser = Browser(context.app)
            try await browser.logIn(clerk, context)
            #expect(try await browser.get("/dasbor/musrenbang/kamus").status == .forbidden)
            let refused = try await browser.postMultipart("/dasbor/musrenbang/kamus/impor", ["csv": Self.csv])
            #expect(refused.status == .forbidden)
            #expect(try await CatalogueItem.query(on: context.db).count() == 0)
        }
    }
}

extension CatalogueTests {
    @Test func theDemoFillsTheCatalogueOnce() async throws {
        try await withSigap { context in
            #expect(try await DemoData.proposalCatalogue(context.app) == 5)
            #expect(try await DemoData.proposalCatalogue(context.app) == nil)
            let agencies = try await CatalogueItem.query(on: context.db).all().map(\.agencyID)
            #expect(Set(agencies).count == 4)
        }
    }
}
