import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// What the front page shows besides its links: the last 30 days' figures, the newest public reports that
/// got an answer, and the coming agenda. The same for every visitor, so it is kept for 30 seconds: a crowd on
/// the front page costs one round of these queries per half minute, and the page itself is rendered fresh.
struct HomeHighlights: Sendable {
    struct Answered: Sendable {
        let number: String
        let title: String
        let status: ReportStatus
        let answer: String
    }

    struct Event: Sendable {
        let title: String
        let startsAt: Date
        let place: String
    }

    let figures: ServiceStats.Summary
    let answered: [Answered]
    let agenda: [Event]

    static let period = 30

    /// The answers and the agenda, kept 30 s; the figures have their own keeping (the statistics).
    struct Kept: Sendable {
        let answered: [Answered]
        let agenda: [Event]
    }

    static func load(_ req: Request) async throws -> HomeHighlights {
        let now = req.now
        let numbers = try await PerformanceNumbers.compute(
            period: .last(period, now: now), publicOnly: true, request: req)
        let kept: Kept
        if let cached = req.sigap.homeHighlights.get("home", now: now) {
            kept = cached
        } else {
            kept = Kept(
                answered: try await answered(on: req.db),
                agenda: try await AgendaEvent.query(on: req.db).filter(\.$endsAt >= now)
                    .filter(\.$cancelledAt == nil).sort(\.$startsAt).limit(3).all()
                    .map { Event(title: $0.title, startsAt: $0.startsAt, place: $0.place) })
            req.sigap.homeHighlights.put("home", kept, now: now)
        }
        return HomeHighlights(figures: numbers.total, answered: kept.answered, agenda: kept.agenda)
    }

    /// The three newest public reports with a public answer, and that answer. Walks `reports_public_idx`
    /// newest first; each report's last public reply or resolution comes from `history_subject_idx`.
    static func answered(on db: any Database) async throws -> [Answered] {
        let sql = db as! any SQLDatabase
        let rows = try await sql.select().column("id").column("number").column("title").column("status")
            .from("reports").where(ReportQueries.publicOnly).where("responded_at", .isNot, SQLLiteral.null)
            .orderBy("id", .descending).limit(3).all()
        var answered: [Answered] = []
        for row in rows {
            let id = try row.decode(column: "id", as: Int.self)
            let answer = try await sql.select().column("body").from("history_events")
                .where("subject_kind", .equal, SubjectKind.report.rawValue).where("subject_id", .equal, String(id))
                .where("visibility", .equal, HistoryVisibility.public.rawValue)
                .where("kind", .in, [HistoryKind.reply.rawValue, HistoryKind.resolved.rawValue])
                .orderBy("id", .descending).limit(1).first()
            guard let body = try answer?.decode(column: "body", as: String.self), !body.isEmpty else { continue }
            answered.append(
                Answered(
                    number: try row.decode(column: "number", as: String.self),
                    title: try row.decode(column: "title", as: String.self),
                    status: try row.decode(column: "status", as: ReportStatus.self), answer: body))
        }
        return answered
    }
}
