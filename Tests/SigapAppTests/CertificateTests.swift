import Crypto
import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 17: an award issues Open Badges 3.0 credentials signed with `eddsa-jcs-2022`; anyone checks them at
/// their page, at /verifikasi and against /penerbit; a changed field breaks them, a revoked one says so, and a
/// key rotation keeps old ones valid.
@Suite struct CertificateTests {
    /// An admin gives an award to `citizen` through the form; returns the certificate.
    static func give(to citizen: User, _ context: TestContext) async throws -> Certificate {
        let admin = Browser(context.app)
        try await admin.logIn(try await Fixtures.staff(.admin, in: context), context)
        let given = try await admin.submit(
            "/dasbor/penghargaan", to: "/dasbor/penghargaan",
            [
                "title": "Warga Peduli November 2026",
                "citation": "Atas laporan-laporan yang membantu perbaikan jalan desa.",
                "period_from": "2026-11-01", "period_to": "2026-11-30", "recipients[]": citizen.id!.uuidString,
            ])
        #expect(given.status == .seeOther)
        return try #require(try await Certificate.query(on: context.db).filter(\.$recipientID == citizen.id!).first())
    }

    @Test func anAwardIssuesACertificateThatVerifiesAndBreaksWhenAFieldChanges() async throws {
        try await withSigap { context in
            let citizen = try await Fixtures.citizen(in: context)
            let certificate = try await Self.give(to: citizen, context)
            #expect(certificate.number == "WP-2026-0001")
            #expect(certificate.recipientName == citizen.name)
            let told = try await OutboxMessage.query(on: context.db).filter(\.$recipientUserID == citizen.id!)
                .filter(\.$event == .awardGranted).count()
            #expect(told >= 1)
            #expect(try await AuditEvent.query(on: context.db).filter(\.$action == "award.given").count() == 1)

            let page = try await Browser(context.app).get("/sertifikat/\(certificate.number)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("SAH: ditandatangani penerbit dan tidak dicabut."))
            #expect(page.body.string.contains(citizen.name))
            #expect(page.body.string.contains("<svg class=\"qr\""))
            #expect(try await Browser(context.app).get("/sertifikat/WP-2026-9999").status == .notFound)

            // The downloadable credential: an OpenBadgeCredential whose proof verifies with the published key.
            let download = try await Browser(context.app).get("/sertifikat/\(certificate.number)/kredensial.json")
            #expect(download.status == .ok)
            #expect(download.headers.first(name: .contentType) == "application/vc")
            let credential = try JSONValue.parse(download.body.string)
            #expect(credential["type"] == .array([.string("VerifiableCredential"), .string("OpenBadgeCredential")]))
            #expect(credential["proof"]?["cryptosuite"] == .string("eddsa-jcs-2022"))
            let issuer = try JSONValue.parse(try await Browser(context.app).get("/penerbit").body.string)
            let method = try #require(credential["proof"]?["verificationMethod"]?.stringValue)
            guard case .array(let keys) = issuer["verificationMethod"] ?? .null else {
                Issue.record("the issuer publishes no keys")
                return
            }
            let published = try #require(
                keys.first { $0["id"]?.stringValue == method }?["publicKeyMultibase"]?.stringValue)
            let key = try #require(Multikey.publicKey(published))
            #expect((try? EddsaJcs2022.verify(credential, resolve: { $0 == method ? key : nil }).get()) != nil)

            // /verifikasi: the pasted credential is valid; one character changed, it is not.
            let checker = Browser(context.app)
            let valid = try await checker.submit("/verifikasi", ["credential": download.body.string])
            #expect(valid.status == .ok)
            #expect(valid.body.string.contains("SAH: ditandatangani penerbit dan tidak dicabut."))
            let forged = download.body.string.replacingOccurrences(of: citizen.name, with: citizen.name + "a")
            #expect(forged != download.body.string)
            let refused = try await checker.submit("/verifikasi", ["credential": forged])
            #expect(refused.body.string.contains("TIDAK SAH"))
            #expect(refused.body.string.contains("Isinya telah diubah setelah ditandatangani."))
            // A script pasting credentials from one address is held back after 60 checks in ten minutes.
            for _ in 0..<58 {
                #expect(try await checker.post("/verifikasi", ["credential": "{}"]).status == .ok)
            }
            #expect(try await checker.post("/verifikasi", ["credential": "{}"]).status == .tooManyRequests)
            let number = try await checker.get("/verifikasi?nomor=\(certificate.number.lowercased())")
            #expect(number.status == .seeOther)
            #expect(number.location == "/sertifikat/\(certificate.number)")

            // Someone edits the database: the certificate's page says it is not valid.
            for change: (Certificate) -> Void in [
                { $0.recipientName = "Orang Lain" }, { $0.title = "Warga Teladan" },
                { $0.validFrom = "2020-01-01T00:00:00Z" },
            ] {
                let row = try #require(try await Certificate.find(certificate.id, on: context.db))
                change(row)
                try await row.save(on: context.db)
                let tampered = try await Browser(context.app).get("/sertifikat/\(certificate.number)")
                #expect(tampered.body.string.contains("TIDAK SAH"))
                #expect(!tampered.body.string.contains("SAH: ditandatangani"))
                // Put it back: the same fields verify again.
                row.recipientName = certificate.recipientName
                row.title = certificate.title
                row.validFrom = certificate.validFrom
                try await row.save(on: context.db)
                #expect(
                    try await Browser(context.app).get("/sertifikat/\(certificate.number)").body.string.contains(
                        "SAH: ditandatangani"))
            }
        }
    }

    @Test func aRevokedCertificateSaysSoAndWhy() async throws {
        try await withSigap { context in
            let citizen = try await Fixtures.citizen(in: context)
            let certificate = try await Self.give(to: citizen, context)
            let download = try await Browser(context.app).get("/sertifikat/\(certificate.number)/kredensial.json")
            let stranger = Browser(context.app)
            #expect(try await stranger.logIn("081234567890").status == .seeOther)
            #expect(
                try await stranger.submit(
                    "/sertifikat/\(certificate.number)", to: "/sertifikat/\(certificate.number)/cabut",
                    ["reason": "Saya ingin mencabutnya."]
                ).status == .forbidden)

            let admin = Browser(context.app)
            try await admin.logIn(try await Fixtures.staff(.admin, in: context), context)
            let revoked = try await admin.submit(
                "/sertifikat/\(certificate.number)", to: "/sertifikat/\(certificate.number)/cabut",
                ["reason": "Laporan penerima ternyata palsu."])
            #expect(revoked.status == .seeOther)
            let page = try await Browser(context.app).get("/sertifikat/\(certificate.number)")
            #expect(page.body.string.contains("DICABUT"))
            #expect(page.body.string.contains("Laporan penerima ternyata palsu."))
            #expect(!page.body.string.contains("SAH: ditandatangani"))
            let checked = try await Browser(context.app).submit("/verifikasi", ["credential": download.body.string])
            #expect(checked.body.string.contains("DICABUT: tanda tangan sah"))
            #expect(try await AuditEvent.query(on: context.db).filter(\.$action == "certificate.revoked").count() == 1)
            // The award's page no longer lists a revoked recipient.
            let award = try await Browser(context.app).get("/penghargaan/\(certificate.awardID)")
            #expect(award.status == .ok)
            #expect(!award.body.string.contains(citizen.name))
        }
    }

    @Test func aKeyRotationKeepsOldCertificatesValid() async throws {
        try await withSigap { context in
            let citizen = try await Fixtures.citizen(in: context)
            let old = try await Self.give(to: citizen, context)
            let folder = context.dataDirectory.path
            let before = context.app.sigap.signingKeys
            #expect(old.keyID == before.signer.id)

            // Rotate: a new key file; the keys as the next start reads them.
            let rotated = try SigningKeys.generate(in: folder, now: Date().addingTimeInterval(60))
            let after = try SigningKeys.load(dataDirectory: folder, fromEnvironment: nil, retired: nil)
            #expect(after.signer.id == rotated.id)
            #expect(after.signer.id != before.signer.id)
            #expect(Certificates.status(of: old, keys: after) == .valid)
            let attributes = try FileManager.default.attributesOfItem(
                atPath: SigningKeys.folder(folder) + "/\(rotated.id).key")
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

            // A certificate signed with the new key verifies; the profile publishes both keys.
            let award = try #require(try await Award.find(old.awardID, on: context.db))
            let fresh = try await Certificates.issue(
                award, to: citizen, site: context.app.sigap.config.baseURL, issuerName: "Kabupaten Uji", keys: after,
                on: context.db, at: context.clock.now, timeZone: context.app.sigap.config.timeZone)
            #expect(fresh.keyID == rotated.id)
            #expect(Certificates.status(of: fresh, keys: after) == .valid)
            #expect(Certificates.status(of: fresh, keys: before) == .invalid)  // the old key set does not know it
            let profile = IssuedCredentials.issuerProfile(site: "https://sigap.test", name: "Uji", keys: after)
            guard case .array(let published) = profile["verificationMethod"] ?? .null else {
                Issue.record("no keys")
                return
            }
            #expect(published.count == 2)

            // The old key's file retired to offline storage: its public key named in the environment still verifies.
            try FileManager.default.removeItem(atPath: SigningKeys.folder(folder) + "/\(before.signer.id).key")
            let withoutOld = try SigningKeys.load(dataDirectory: folder, fromEnvironment: nil, retired: nil)
            #expect(Certificates.status(of: old, keys: withoutOld) == .invalid)
            let retired = "\(before.signer.id):\(Multikey.encode(before.signer.key.publicKey))"
            let withRetired = try SigningKeys.load(dataDirectory: folder, fromEnvironment: nil, retired: retired)
            #expect(Certificates.status(of: old, keys: withRetired) == .valid)
            #expect(throws: SigningKeys.Failure.self) {
                try SigningKeys.load(dataDirectory: folder, fromEnvironment: nil, retired: "bad")
            }
        }
    }
}
