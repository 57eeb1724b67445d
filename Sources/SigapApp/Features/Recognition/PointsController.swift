import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// `/akun/poin`: a citizen's points, their history, their certificates and whether they appear on the
/// leaderboards; `/peringkat`: the month's leaderboards, region-wide and per kecamatan — opted-in citizens only,
/// by display name only.
struct PointsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let own = routes.requiring(.useOwnAccount)
        own.get("akun", "poin", use: mine)
        own.post("akun", "poin", "peringkat", use: optIn)
        routes.open("leaderboards show only citizens who opted in, by display name").get("peringkat", use: board)
    }

    struct MinePage {
        let page: PageContext
        let total: Int
        let rows: [(date: String, reason: String, source: String, points: Int)]
        let optedIn: Bool
        let certificates: [(number: String, title: String, url: String)]
    }

    func mine(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let entries = try await PointsEntry.query(on: req.db).filter(\.$userID == user.id!).sort(\.$id, .descending)
            .limit(200).all()
        let certificates = try await Certificate.query(on: req.db).filter(\.$recipientID == user.id!)
            .sort(\.$createdAt, .descending).all()
        return req.page(
            MinePage(
                page: PageContext(req, title: req.t("points.title")),
                total: try await Points.total(of: user.id!, on: req.db),
                rows: entries.map { e in
                    (
                        req.localDate(e.createdAt), req.t("points.reason.\(e.reason.rawValue)"),
                        Self.sourceLabel(e.sourceKind, e.sourceKey, req), e.points
                    )
                }, optedIn: user.leaderboardOptIn,
                certificates: certificates.map { ($0.number, $0.title, SiteURL.certificate($0.number)) }))
    }

    static func sourceLabel(_ kind: PointsRules.Source, _ key: String, _ req: Request) -> String {
        switch kind {
        case .report, .proposal: key
        case .post: req.t("points.source.post", key)
        }
    }

    struct OptInInput: Content {
        var show: String?
    }

    func optIn(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let show = try req.content.decode(OptInInput.self).show == "on"
        try await Leaderboards.setConsent(show, of: user.id!, context: req.context)
        req.setNotice(show ? "points.opted_in" : "points.opted_out")
        return req.redirect(to: SiteURL.points, redirectType: .normal)
    }

    struct BoardPage {
        let page: PageContext
        let month: String
        let kecamatan: String?
        let kecamatanChoices: [Choice]
        let rows: [(rank: Int, name: String, points: Int)]
    }

    func board(req: Request) async throws -> Response {
        let zone = req.sigap.config.timeZone
        let today = CivilDay(of: req.now, in: zone)
        let thisMonth = String(format: "%04d-%02d", today.year, today.month)
        let asked = req.query[String.self, at: "bulan"] ?? thisMonth
        guard let (start, end) = PointsRules.month(asked, in: zone) else {
            throw AppError.invalid(["bulan": "points.month_invalid"])
        }
        let reference = try await req.reference()
        let kecamatanCode = req.query[String.self, at: "kecamatan"]?.trimmedOrNil
        let kecamatanID = kecamatanCode.flatMap { reference.kecamatanByCode[$0] }
        if kecamatanCode != nil && kecamatanID == nil {
            throw AppError.invalid(["kecamatan": "points.kecamatan_unknown"])
        }
        let rows = try await Leaderboards.ranking(from: start, to: end, kecamatanID: kecamatanID, on: req.db)
        return req.page(
            BoardPage(
                page: PageContext(req, title: req.t("points.board_title")), month: asked, kecamatan: kecamatanCode,
                kecamatanChoices: reference.kecamatanChoices,
                rows: rows.enumerated().map { ($0.offset + 1, $0.element.name, $0.element.points) }))
    }
}
