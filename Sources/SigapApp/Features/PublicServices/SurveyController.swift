import Fluent
import Foundation
import SigapCore
import Vapor

/// The survey's pages: the invitation after an application or a report (`/survei/permohonan/{nomor}`,
/// `/survei/laporan/{nomor}`, for its applicant or reporter, once), a service's counter link
/// (`/survei/layanan/{kode}`) and its printable QR poster, the index `/ikm`, and the raw answers as CSV for the
/// leadership and agency heads.
struct SurveyController: RouteCollection {
    static let deviceCookie = "sigap_kiosk"

    func boot(routes: any RoutesBuilder) throws {
        let own = routes.requiring(.useOwnAccount).recordGuarded("the applicant or reporter only (Surveys.target)")
        own.get("survei", "permohonan", ":number", use: form)
        own.post("survei", "permohonan", ":number", use: submit)
        own.get("survei", "laporan", ":number", use: form)
        own.post("survei", "laporan", ":number", use: submit)
        let open = routes.open("the counter survey is anonymous; limited per device and address (Surveys.answer)")
        open.get("survei", "layanan", ":code", use: form)
        open.post("survei", "layanan", ":code", use: submit)
        open.get("survei", "layanan", ":code", "poster", use: poster)
        routes.open("the satisfaction index is published").get("ikm", use: index)
        routes.requiring(.exportSurveys).get("dasbor", "ikm.csv", use: csv)
    }

    func subject(_ req: Request) throws -> (Surveys.Subject, String) {
        let path = req.url.path
        if let number = req.parameters.get("number") {
            return path.hasPrefix("/survei/laporan/")
                ? (.report(number), SiteURL.survey(report: number))
                : (.application(number), SiteURL.survey(application: number))
        }
        guard let code = req.parameters.get("code") else { throw AppError.notFound() }
        let device = req.cookies[Self.deviceCookie]?.string ?? ""
        return (.kiosk(serviceCode: code, device: device, address: req.clientAddress), SiteURL.kioskSurvey(code))
    }

    struct FormPage {
        let page: PageContext
        let title: String
        let action: String
        let answered: Bool
        let form: FormState
    }

    func form(req: Request) async throws -> Response {
        let (subject, action) = try subject(req)
        let target = try await Surveys.target(subject, viewer: req.currentUser, on: req.db)
        let response = req.page(
            FormPage(
                page: PageContext(req, title: req.t("survey.title")), title: target.title, action: action,
                answered: try await Surveys.answered(target, on: req.db), form: FormState()))
        if case .kiosk = subject, req.cookies[Self.deviceCookie] == nil {
            // A random device mark for the counter's limit: it identifies a browser, never a person.
            response.cookies[Self.deviceCookie] = HTTPCookies.Value(
                string: SecretToken.urlSafe(bytes: 12), maxAge: 365 * 24 * 3600, path: "/survei",
                isSecure: req.sigap.config.usesHTTPS, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    struct Input: Content {
        var u1: Int?
        var u2: Int?
        var u3: Int?
        var u4: Int?
        var u5: Int?
        var u6: Int?
        var u7: Int?
        var u8: Int?
        var u9: Int?
        var age: String?
        var sex: String?
        var education: String?
        var occupation: String?
        var comment: String?
    }

    func submit(req: Request) async throws -> Response {
        let (subject, action) = try subject(req)
        let input = try req.content.decode(Input.self)
        let scores = [input.u1, input.u2, input.u3, input.u4, input.u5, input.u6, input.u7, input.u8, input.u9]
            .map { $0 ?? 0 }
        do {
            try await Surveys.answer(
                subject, scores: scores,
                profile: .init(
                    age: input.age.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }, sex: input.sex,
                    education: input.education, occupation: input.occupation, comment: input.comment),
                context: req.context)
        } catch let error as AppError where error.status == .unprocessableEntity {
            let target = try await Surveys.target(subject, viewer: req.currentUser, on: req.db)
            var form = FormState()
            form.error = req.t(error.fields.values.first ?? "error.422")
            return req.page(
                FormPage(
                    page: PageContext(req, title: req.t("survey.title")), title: target.title, action: action,
                    answered: false, form: form),
                status: error.status)
        }
        req.setNotice("survey.thanks")
        switch subject {
        case .application(let number): return req.redirect(to: SiteURL.application(number), redirectType: .normal)
        case .report(let number): return req.redirect(to: SiteURL.report(number), redirectType: .normal)
        case .kiosk: return req.redirect(to: action, redirectType: .normal)
        }
    }

    struct PosterPage {
        let page: PageContext
        let service: String
        let url: String
        let qr: QRCode?
    }

    func poster(req: Request) async throws -> Response {
        guard let code = req.parameters.get("code"),
            let service = try await PublicService.query(on: req.db).filter(\.$code == code).first()
        else { throw AppError.notFound() }
        let url = req.sigap.config.baseURL + SiteURL.kioskSurvey(code)
        return req.page(
            PosterPage(
                page: PageContext(req, title: req.t("survey.poster_title")), service: service.name, url: url,
                qr: try? QRCode(url)))
    }

    struct IndexPage {
        let page: PageContext
        let year: Int
        let agencies: [Surveys.Row]
        let services: [Surveys.Row]
    }

    func index(req: Request) async throws -> Response {
        let year = try req.yearAsked()
        let reference = try await req.reference()
        let (from, to) = reference.calendar.span(ofYear: year)
        let (agencies, services) = try await Surveys.table(from: from, to: to, on: req.db, reference: reference)
        return req.page(
            IndexPage(
                page: PageContext(req, title: req.t("survey.index_title")), year: year, agencies: agencies,
                services: services))
    }

    /// Every answer, one row each, anonymous as stored (the agency's head: their agency's only).
    func csv(req: Request) async throws -> Response {
        let user = try req.requireUser()
        var query = SurveyResponse.query(on: req.db).sort(\.$id)
        if user.role == .opdAdmin { query = query.filter(\.$agencyID == user.$agency.id!) }
        let reference = try await req.reference()
        let services = Dictionary(
            uniqueKeysWithValues: try await PublicService.query(on: req.db).all().map { ($0.id!, $0.name) })
        let rows: [[String]] = try await query.all().map { r in
            [
                CivilDay(of: r.createdAt, in: req.sigap.config.timeZone).description,
                reference.agencyCodes[r.agencyID] ?? "", r.serviceID.flatMap { services[$0] } ?? "", r.source.rawValue,
            ] + [r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9].map(String.init) + [
                r.age.map(String.init) ?? "", r.sex ?? "", r.education ?? "", r.occupation ?? "", r.comment ?? "",
            ]
        }
        return CSVWriter.response(
            header: [
                "tanggal", "opd", "layanan", "sumber", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "umur",
                "jenis_kelamin", "pendidikan", "pekerjaan", "saran",
            ], rows: rows, filename: "skm.csv")
    }
}

extension Request {
    /// The year a per-year page or file asks for (`tahun`), or this year in the region.
    func yearAsked() throws -> Int {
        let year = query[Int.self, at: "tahun"] ?? CivilDay(of: now, in: sigap.config.timeZone).year
        guard (2000...2100).contains(year) else { throw AppError.invalid(["tahun": "survey.year_invalid"]) }
        return year
    }
}
