import Fluent
import Foundation
import SigapCore
import Vapor

/// What anyone may check without calling the office: `/sertifikat/{nomor}` (valid, invalid or revoked, printable
/// on A4 landscape with a QR code of its own address), its credential as JSON, `/verifikasi` (a number, or a
/// credential pasted from a file), the issuer's keys at `/penerbit`, and an award's page. Admins revoke here.
struct CertificateController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.open("certificates are checked by anyone who holds their number or credential")
        open.get("sertifikat", ":number", use: show)
        open.get("sertifikat", ":number", "kredensial.json", use: credential)
        open.get("verifikasi", use: verifyForm)
        open.on(.POST, "verifikasi", body: .collect(maxSize: "64kb"), use: verifyPasted)
        open.get("penerbit", use: issuer)
        open.get("penghargaan", ":id", use: award)
        routes.requiring(.manageAwards).post("sertifikat", ":number", "cabut", use: revoke)
    }

    static func find(_ req: Request) async throws -> Certificate {
        guard let number = req.parameters.get("number"),
            let found = try await Certificate.query(on: req.db).filter(\.$number == number).first()
        else { throw AppError.notFound() }
        return found
    }

    struct CertificatePage {
        let page: PageContext
        let certificate: Certificate
        let status: Certificates.Status
        let issuedOn: String
        let revokedOn: String?
        let qr: QRCode?
        let canRevoke: Bool
    }

    func show(req: Request) async throws -> Response {
        let certificate = try await Self.find(req)
        let status = Certificates.status(of: certificate, keys: req.sigap.signingKeys)
        var revokedOn: String?
        if case .revoked(_, let at) = status { revokedOn = req.localDate(at) }
        return req.page(
            CertificatePage(
                page: PageContext(req, title: req.t("award.certificate") + " " + certificate.number),
                certificate: certificate, status: status, issuedOn: req.localDate(certificate.createdAt),
                revokedOn: revokedOn, qr: try? QRCode(certificate.url),
                canRevoke: Policy.allows(req.currentUser?.actor, .manageAwards)))
    }

    func credential(req: Request) async throws -> Response {
        let certificate = try await Self.find(req)
        let response = Response(status: .ok, body: .init(string: JCS.canonical(try certificate.signedCredential)))
        response.headers.replaceOrAdd(name: .contentType, value: "application/vc")
        response.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"\(certificate.number).json\"")
        return response
    }

    func issuer(req: Request) async throws -> Response {
        let config = req.sigap.config
        let profile = IssuedCredentials.issuerProfile(
            site: config.baseURL, name: config.region.name, keys: req.sigap.signingKeys)
        let response = Response(status: .ok, body: .init(string: JCS.canonical(profile)))
        response.headers.replaceOrAdd(name: .contentType, value: "application/ld+json")
        return response
    }

    struct VerifyPage {
        let page: PageContext
        let outcome: Outcome?
        let pasted: String

        struct Outcome {
            /// valid, invalid or revoked: the catalog key's last part.
            let verdict: String
            let detail: String?
            let facts: [(String, String)]
            let certificateURL: String?
        }
    }

    func verifyForm(req: Request) async throws -> Response {
        if let number = req.query[String.self, at: "nomor"]?.trimmedOrNil?.uppercased() {
            // A number typed in: its page says everything (404 when there is no such certificate).
            guard number.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { throw AppError.notFound() }
            return req.redirect(to: SiteURL.certificate(number), redirectType: .normal)
        }
        return req.page(VerifyPage(page: PageContext(req, title: req.t("verify.title")), outcome: nil, pasted: ""))
    }

    struct PastedInput: Content {
        var credential: String?
    }

    /// How often one address may have pasted credentials checked: plenty for people, not for a script.
    static let checksPerAddress = AttemptThrottle(limit: 60, window: 600)

    /// A credential pasted or uploaded as text: checked with the region's keys, then against the record (revoked?).
    func verifyPasted(req: Request) async throws -> Response {
        try req.sigap.strangers.admit([("verify:" + req.clientAddress, Self.checksPerAddress)], now: req.now)
        let text = (try req.content.decode(PastedInput.self).credential ?? "").trimmingCharacters(
            in: .whitespacesAndNewlines)
        let outcome: VerifyPage.Outcome
        if let json = try? JSONValue.parse(text) {
            outcome = try await Self.check(json, req)
        } else {
            outcome = .init(verdict: "unreadable", detail: nil, facts: [], certificateURL: nil)
        }
        return req.page(
            VerifyPage(page: PageContext(req, title: req.t("verify.title")), outcome: outcome, pasted: text),
            status: .ok)
    }

    static func check(_ json: JSONValue, _ req: Request) async throws -> VerifyPage.Outcome {
        let subject = json["credentialSubject"]
        let facts: [(String, String)] = [
            (
                req.t("award.recipient"),
                subject?["identifier"].flatMap(Self.firstIdentity) ?? subject?["applicant"]?.stringValue ?? "—"
            ),
            (req.t("award.title_label"), json["name"]?.stringValue ?? "—"),
            (req.t("award.issuer"), json["issuer"]?["name"]?.stringValue ?? "—"),
            (req.t("award.valid_from"), json["validFrom"]?.stringValue ?? "—"),
        ]
        switch IssuedCredentials.verify(json, keys: req.sigap.signingKeys) {
        case .failure(let failure):
            return .init(
                verdict: "invalid", detail: req.t("verify.failure.\(failure.rawValue)"), facts: facts,
                certificateURL: nil)
        case .success:
            // Signed by the region. A service result (…/permohonan/{nomor}/hasil) stands as signed; a certificate
            // (…/sertifikat/{nomor}) may have been revoked since.
            let parts = json["id"]?.stringValue?.split(separator: "/").map(String.init) ?? []
            if parts.suffix(3).first == "permohonan" {
                return .init(
                    verdict: "valid", detail: req.t("verify.service_result"), facts: facts, certificateURL: nil)
            }
            let number = parts.last ?? ""
            let record = try await Certificate.query(on: req.db).filter(\.$number == number).first()
            if let record, let at = record.revokedAt {
                return .init(
                    verdict: "revoked",
                    detail: req.t("award.revoked_on", req.localDate(at), record.revokedReason ?? ""),
                    facts: facts, certificateURL: SiteURL.certificate(number))
            }
            return .init(
                verdict: "valid", detail: nil, facts: facts,
                certificateURL: record.map { SiteURL.certificate($0.number) })
        }
    }

    static func firstIdentity(_ identifiers: JSONValue) -> String? {
        guard case .array(let list) = identifiers else { return nil }
        return list.first?["identityHash"]?.stringValue
    }

    struct RevokeInput: Content {
        var reason: String?
    }

    func revoke(req: Request) async throws -> Response {
        let certificate = try await Self.find(req)
        let input = try req.content.decode(RevokeInput.self)
        do {
            try await Certificates.revoke(certificate.number, reason: input.reason, context: req.context)
        } catch let error as AppError where error.status == .unprocessableEntity {
            req.setNotice("award.revoke_reason")
            return req.redirect(to: SiteURL.certificate(certificate.number), redirectType: .normal)
        }
        req.setNotice("award.revoked_notice")
        return req.redirect(to: SiteURL.certificate(certificate.number), redirectType: .normal)
    }

    struct AwardPage {
        let page: PageContext
        let award: Award
        let recipients: [(name: String, url: String)]
    }

    /// An award and who received it (revoked certificates left out): the achievement its credentials name.
    func award(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: Int.self), let award = try await Award.find(id, on: req.db) else {
            throw AppError.notFound()
        }
        let certificates = try await Certificate.query(on: req.db).filter(\.$awardID == id)
            .filter(\.$revokedAt == nil).sort(\.$recipientName).all()
        return req.page(
            AwardPage(
                page: PageContext(req, title: award.title), award: award,
                recipients: certificates.map { ($0.recipientName, SiteURL.certificate($0.number)) }))
    }
}
