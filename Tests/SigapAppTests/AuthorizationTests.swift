import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

@Suite struct AuthorizationTests {
    static let adminPages = [
        "/dasbor/admin/wilayah", "/dasbor/admin/opd", "/dasbor/admin/kategori", "/dasbor/admin/pengguna",
        "/dasbor/admin/audit", "/dasbor/admin/kalender", "/dasbor/admin/pesan",
    ]

    @Test func guestsAreSentToLogInAndCitizensRefusedFromEveryStaffPage() async throws {
        try await withSigap { context in
            for path in ["/dasbor"] + Self.adminPages {
                #expect(try await Browser(context.app).get(path).location?.hasPrefix("/masuk?next=") == true)
            }
            _ = try await Fixtures.citizen(in: context)
            let citizen = Browser(context.app)
            try await citizen.logIn("081234567890")
            for path in ["/dasbor"] + Self.adminPages {
                #expect(try await citizen.get(path).status == .forbidden, "\(path)")
            }
        }
    }

    @Test(arguments: [Role.opdStaf, .pimpinan, .moderator, .inspektorat, .petugasDesa])
    func nonAdminStaffCannotOpenAdministration(role: Role) async throws {
        try await withSigap { context in
            let staff = try await Fixtures.staff(role, agency: role.scopeKind == .agency ? "PUPR" : nil, in: context)
            let browser = Browser(context.app)
            try await browser.logIn(staff, context)
            #expect(try await browser.get("/dasbor").status == .ok)
            for path in ["/dasbor/admin/wilayah", "/dasbor/admin/opd", "/dasbor/admin/audit", "/dasbor/admin/kalender"]
            {
                #expect(try await browser.get(path).status == .forbidden)
            }
            let agency = try await Fixtures.agency("DLH", on: context.db)
            let post = try await browser.post(
                "/dasbor/admin/opd/\(agency.id!)", ["name": "Diambil alih", "short_name": "X"])
            #expect(post.status == .forbidden)
            #expect(try await Agency.find(agency.id, on: context.db)?.name != "Diambil alih")
        }
    }

    @Test func anAgencyAdminSeesAndEditsOnlyItsOwnCategories() async throws {
        try await withSigap { context in
            let head = try await Fixtures.staff(.opdAdmin, agency: "DLH", in: context)
            let browser = Browser(context.app)
            try await browser.logIn(head, context)
            let list = try await browser.get("/dasbor/admin/kategori").body.string
            #expect(list.contains("Sampah dan Kebersihan"))
            #expect(!list.contains("Jalan dan Jembatan"))

            let roads = try #require(try await Category.query(on: context.db).filter(\.$code == "jalan").first())
            #expect(try await browser.get("/dasbor/admin/kategori/\(roads.id!)").status == .notFound)
            let dlh = try await Fixtures.agency("DLH", on: context.db)
            let hijack = try await browser.post(
                "/dasbor/admin/kategori/\(roads.id!)",
                [
                    "name": "Milik DLH", "kind": "pengaduan", "agency_id": dlh.id!.uuidString,
                    "response_working_days": "3",
                    "resolution_working_days": "5",
                ])
            #expect(hijack.status == .notFound)
            #expect(try await Category.find(roads.id, on: context.db)?.$agency.id != dlh.id)

            // Nor can it route its own category to another agency.
            let waste = try #require(try await Category.query(on: context.db).filter(\.$code == "sampah").first())
            let pupr = try await Fixtures.agency("PUPR", on: context.db)
            let moved = try await browser.post(
                "/dasbor/admin/kategori/\(waste.id!)",
                [
                    "name": "Sampah", "kind": "pengaduan", "agency_id": pupr.id!.uuidString,
                    "response_working_days": "3",
                    "resolution_working_days": "5",
                ])
            #expect(moved.status == .unprocessableEntity)
            #expect(try await Category.find(waste.id, on: context.db)?.$agency.id == dlh.id)
        }
    }

    @Test func anAgencyAdminManagesOnlyItsOwnClerks() async throws {
        try await withSigap { context in
            let head = try await Fixtures.staff(.opdAdmin, agency: "DLH", in: context)
            let ownClerk = try await Fixtures.staff(.opdStaf, agency: "DLH", in: context)
            let otherClerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let browser = Browser(context.app)
            try await browser.logIn(head, context)
            #expect(try await browser.get("/dasbor/admin/pengguna/\(ownClerk.user.id!)").status == .ok)
            #expect(try await browser.get("/dasbor/admin/pengguna/\(otherClerk.user.id!)").status == .notFound)
            #expect(try await browser.post("/dasbor/admin/pengguna/\(otherClerk.user.id!)/status").status == .notFound)
            #expect(try await User.find(otherClerk.user.id, on: context.db)?.disabledAt == nil)

            let dlh = try await Fixtures.agency("DLH", on: context.db)
            let escalate = try await browser.submit(
                "/dasbor/admin/pengguna",
                ["name": "Kawan", "email": "kawan@pemkab.test", "role": "admin", "agency_id": dlh.id!.uuidString])
            #expect(escalate.status == .unprocessableEntity)
            #expect(try await User.query(on: context.db).filter(\.$email == "kawan@pemkab.test").count() == 0)
            let clerk = try await browser.submit(
                "/dasbor/admin/pengguna",
                ["name": "Kawan", "email": "kawan@pemkab.test", "role": "opd_staf", "agency_id": dlh.id!.uuidString])
            #expect(clerk.status == .ok)
        }
    }
}
