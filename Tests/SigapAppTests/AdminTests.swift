import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

@Suite struct AdminTests {
    func signedInAdmin(_ context: TestContext) async throws -> (Browser, Fixtures.Staff) {
        let admin = try await Fixtures.staff(.admin, in: context)
        let browser = Browser(context.app)
        try await browser.logIn(admin, context)
        return (browser, admin)
    }

    @Test func everyAdminPageRenders() async throws {
        try await withSigap { context in
            let (browser, _) = try await signedInAdmin(context)
            let category = try #require(try await Category.query(on: context.db).first())
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            for path in AuthorizationTests.adminPages + [
                "/dasbor", "/dasbor/admin/kategori/\(category.id!)", "/dasbor/admin/pengguna/\(clerk.user.id!)",
                "/akun",
                "/akun/kata-sandi", "/", "/daftar",
            ] {
                let response = try await browser.get(path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.body.string.contains("</html>"), "\(path)")
            }
        }
    }

    @Test func anAdminAddsAKecamatanADesaAnAgencyAndACategory() async throws {
        try await withSigap { context in
            let (browser, _) = try await signedInAdmin(context)
            // a report filed first loads the reference cache, which the admin's changes must refresh
            _ = try await ReportFixtures.file(
                APIClient(app: context.app), ReportFixtures.draft(contact: "warga@contoh.id"))
            #expect(
                try await browser.submit(
                    "/dasbor/admin/wilayah", to: "/dasbor/admin/wilayah/kecamatan",
                    ["code": "99.01.06", "name": "Danau Biru"]
                ).status == .seeOther)
            let kecamatan = try #require(
                try await Kecamatan.query(on: context.db).filter(\.$code == "99.01.06").first())
            #expect(
                try await browser.submit(
                    "/dasbor/admin/wilayah", to: "/dasbor/admin/wilayah/desa",
                    [
                        "code": "99.01.06.2001", "name": "Tepi Danau", "kind": "desa",
                        "kecamatan_id": kecamatan.id!.uuidString,
                    ]
                ).status == .seeOther)
            #expect(try await Desa.query(on: context.db).filter(\.$code == "99.01.06.2001").count() == 1)

            #expect(
                try await browser.submit(
                    "/dasbor/admin/opd", ["code": "DISPAR", "name": "Dinas Pariwisata", "short_name": "Dispar"]
                ).status == .seeOther)
            let agency = try #require(try await Agency.query(on: context.db).filter(\.$code == "DISPAR").first())
            _ = try await ReportFixtures.file(
                APIClient(app: context.app), ReportFixtures.draft(contact: "warga@contoh.id"))
            let created = try await browser.submit(
                "/dasbor/admin/kategori",
                [
                    "code": "wisata", "name": "Objek Wisata", "description": "Kebersihan dan fasilitas tempat wisata",
                    "keywords": "Wisata, Pantai , danau", "kind": "pengaduan", "agency_id": agency.id!.uuidString,
                    "response_working_days": "3", "resolution_working_days": "10", "active": "on",
                ])
            #expect(created.status == .seeOther)
            let category = try #require(try await Category.query(on: context.db).filter(\.$code == "wisata").first())
            #expect(category.keywords == "wisata, pantai, danau")
            #expect(category.$agency.id == agency.id)

            // reports can use the new category at once, and are routed to the new agency
            var draft = ReportFixtures.draft(category: "wisata", contact: "warga@contoh.id")
            draft["title"] = "Toilet pantai rusak"
            let number = try await ReportFixtures.file(APIClient(app: context.app), draft)
            #expect(try await Report.query(on: context.db).filter(\.$number == number).first()?.agencyID == agency.id)
        }
    }

    @Test func invalidAdminInputIs422WithTheTypedValuesKept() async throws {
        try await withSigap { context in
            let (browser, _) = try await signedInAdmin(context)
            let duplicate = try await browser.submit(
                "/dasbor/admin/opd", ["code": "PUPR", "name": "Dinas Baru", "short_name": "Baru"])
            #expect(duplicate.status == .unprocessableEntity)
            #expect(duplicate.body.string.contains("Kode ini sudah dipakai"))
            #expect(duplicate.body.string.contains("Dinas Baru"))

            let agency = try await Fixtures.agency("PUPR", on: context.db)
            let badDays = try await browser.submit(
                "/dasbor/admin/kategori",
                [
                    "code": "trotoar", "name": "Trotoar", "kind": "pengaduan", "agency_id": agency.id!.uuidString,
                    "response_working_days": "0", "resolution_working_days": "abc",
                ])
            #expect(badDays.status == .unprocessableEntity)
            #expect(badDays.body.string.contains("jumlah hari kerja"))
            #expect(badDays.body.string.contains("value=\"abc\""))
            #expect(try await Category.query(on: context.db).filter(\.$code == "trotoar").count() == 0)

            let badCode = try await browser.submit(
                "/dasbor/admin/wilayah", to: "/dasbor/admin/wilayah/kecamatan", ["code": "<script>", "name": "X"])
            #expect(badCode.status == .unprocessableEntity)
            #expect(!badCode.body.string.contains("<script>"))
        }
    }

    @Test func creatingStaffShowsAOneTimePasswordThatMustBeChanged() async throws {
        try await withSigap { context in
            let (browser, _) = try await signedInAdmin(context)
            let kecamatan = try #require(try await Kecamatan.query(on: context.db).first())
            let missingScope = try await browser.submit(
                "/dasbor/admin/pengguna", ["name": "Camat", "email": "camat@pemkab.test", "role": "petugas_kecamatan"])
            #expect(missingScope.status == .unprocessableEntity)
            #expect(missingScope.body.string.contains("Pilih kecamatan"))

            let created = try await browser.submit(
                "/dasbor/admin/pengguna",
                [
                    "name": "Camat", "email": "camat@pemkab.test", "role": "petugas_kecamatan",
                    "kecamatan_id": kecamatan.id!.uuidString,
                ])
            let password = try #require(
                Browser.firstMatch(#"<code class="secret">([A-Z0-9-]+)</code>"#, in: created.body.string))
            let member = try #require(
                try await User.query(on: context.db).filter(\.$email == "camat@pemkab.test").first())
            #expect(member.mustChangePassword)
            #expect(member.$kecamatan.id == kecamatan.id)
            #expect(
                try await Browser(context.app, address: "192.0.2.77").logIn("camat@pemkab.test", password: password)
                    .location == "/akun/2fa/daftar")
        }
    }

    @Test func aRoleChangeIsAuditedAndEndsTheMembersSessions() async throws {
        try await withSigap { context in
            let (browser, admin) = try await signedInAdmin(context)
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let clerkBrowser = Browser(context.app, address: "192.0.2.88")
            try await clerkBrowser.logIn(clerk, context)
            #expect(try await clerkBrowser.get("/dasbor").status == .ok)

            let pupr = try await Fixtures.agency("PUPR", on: context.db)
            let changed = try await browser.submit(
                "/dasbor/admin/pengguna/\(clerk.user.id!)",
                ["name": clerk.user.name, "role": "opd_admin", "agency_id": pupr.id!.uuidString])
            #expect(changed.status == .seeOther)
            #expect(try await User.find(clerk.user.id, on: context.db)?.role == .opdAdmin)
            #expect(try await clerkBrowser.get("/dasbor").location?.hasPrefix("/masuk") == true)

            let event = try #require(
                try await AuditEvent.query(on: context.db).filter(\.$action == "staff.role_changed").first())
            #expect(event.actorID == admin.user.id)
            #expect(event.subjectID == clerk.user.id?.uuidString)
            #expect(event.detail == "opd_staf → opd_admin")
        }
    }

    @Test func adminsCannotDemoteOrDisableThemselves() async throws {
        try await withSigap { context in
            let (browser, admin) = try await signedInAdmin(context)
            let demote = try await browser.submit(
                "/dasbor/admin/pengguna/\(admin.user.id!)", ["name": "Saya", "role": "moderator"])
            #expect(demote.status == .unprocessableEntity)
            #expect(try await browser.post("/dasbor/admin/pengguna/\(admin.user.id!)/status").status == .conflict)
            #expect(try await User.find(admin.user.id, on: context.db)?.role == .admin)
        }
    }

    @Test func resettingTwoFactorAndPasswordEndsSessionsAndIsAudited() async throws {
        try await withSigap { context in
            let (browser, _) = try await signedInAdmin(context)
            let clerk = try await Fixtures.staff(.opdStaf, agency: "PUPR", in: context)
            let clerkBrowser = Browser(context.app, address: "192.0.2.89")
            try await clerkBrowser.logIn(clerk, context)
            try await browser.get("/dasbor/admin/pengguna/\(clerk.user.id!)")
            // Issue 12: locking someone out needs a reason, kept in the audit trail
            let unexplained = try await browser.post("/dasbor/admin/pengguna/\(clerk.user.id!)/reset-2fa")
            #expect(unexplained.status == .unprocessableEntity)
            #expect(try await User.find(clerk.user.id, on: context.db)?.hasTwoFactor == true)
            #expect(
                try await browser.post(
                    "/dasbor/admin/pengguna/\(clerk.user.id!)/reset-2fa", ["reason": "Ponsel hilang, dilaporkan"]
                ).status == .seeOther)
            #expect(try await User.find(clerk.user.id, on: context.db)?.hasTwoFactor == false)
            #expect(try await clerkBrowser.get("/dasbor").location?.hasPrefix("/masuk") == true)
            let reset = try await browser.post(
                "/dasbor/admin/pengguna/\(clerk.user.id!)/reset-password", ["reason": "Lupa kata sandi, sudah dicek"])
            #expect(Browser.firstMatch(#"<code class="secret">([A-Z0-9-]+)</code>"#, in: reset.body.string) != nil)
            let events = try await AuditEvent.query(on: context.db).all()
            #expect(
                events.contains { $0.action == "staff.2fa_reset" && $0.detail == "reason: Ponsel hilang, dilaporkan" })
            #expect(
                events.contains {
                    $0.action == "staff.password_reset" && $0.detail == "reason: Lupa kata sandi, sudah dicek"
                })
        }
    }

    @Test func theAuditPageListsStaffActionsForAdminsOnly() async throws {
        try await withSigap { context in
            let (browser, _) = try await signedInAdmin(context)
            try await browser.submit(
                "/dasbor/admin/opd", ["code": "DISPORA", "name": "Dinas Pemuda dan Olahraga", "short_name": "Dispora"])
            let page = try await browser.get("/dasbor/admin/audit").body.string
            #expect(page.contains("agency.created"))
            #expect(page.contains("login.success"))
        }
    }
}
