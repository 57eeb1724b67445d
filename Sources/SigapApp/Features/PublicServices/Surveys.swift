import Fluent
import Foundation
import SQLKit
import SigapCore

/// The satisfaction survey (SKM): invited after an application is decided or a report resolved — one answer
/// each, by its applicant or reporter — or at the counter through a service's kiosk link, limited per device
/// and address. An answer is stored without who gave it; the index is computed per agency or service and period.
enum Surveys {
    enum Subject: Sendable {
        case application(String)
        case report(String)
        /// A counter's public link: `device` is the kiosk cookie, `address` the client's address.
        case kiosk(serviceCode: String, device: String, address: String)
    }

    struct Profile: Sendable {
        var age: Int?
        var sex: String?
        var education: String?
        var occupation: String?
        var comment: String?
    }

    /// Kiosk limits: a device answers a service once an hour; an address at most 30 times an hour (a counter's
    /// tablet on the office network stays usable; a script does not).
    static let kioskPerDevice = AttemptThrottle(limit: 1, window: 3600)
    static let kioskPerAddress = AttemptThrottle(limit: 30, window: 3600)

    /// Where an answer goes, or 404 when the subject may not be answered by this viewer.
    struct Target: Sendable {
        let agencyID: UUID
        let serviceID: Int?
        let source: SurveyResponse.Source
        let once: String?
        let title: String
    }

    static func target(_ subject: Subject, viewer: User?, on db: any Database) async throws -> Target {
        switch subject {
        case .application(let number):
            guard let viewer, let a = try await ServiceApplication.query(on: db).filter(\.$number == number).first(),
                a.applicantID == viewer.id, a.status.isFinished,
                let service = try await PublicService.find(a.serviceID, on: db)
            else { throw AppError.notFound() }
            return Target(
                agencyID: a.agencyID, serviceID: a.serviceID, source: .application, once: "application:" + number,
                title: service.name + " · " + number)
        case .report(let number):
            guard let viewer, let r = try await Report.query(on: db).filter(\.$number == number).first(),
                r.reporterID == viewer.id, SatisfactionSurvey.invites(after: r.status, merged: r.mergedIntoID != nil)
            else { throw AppError.notFound() }
            return Target(
                agencyID: r.agencyID, serviceID: nil, source: .report, once: "report:" + number, title: number)
        case .kiosk(let code, _, _):
            guard let service = try await PublicService.query(on: db).filter(\.$code == code).first(), service.active
            else { throw AppError.notFound() }
            return Target(
                agencyID: service.agencyID, serviceID: service.id, source: .kiosk, once: nil, title: service.name)
        }
    }

    static func answered(_ target: Target, on db: any Database) async throws -> Bool {
        guard let once = target.once else { return false }
        return try await SurveyResponse.query(on: db).filter(\.$onceKey == once).count() > 0
    }

    /// Stores one answer: nine scores (1–4) and the optional profile and comment.
    static func answer(
        _ subject: Subject, scores: [Int], profile: Profile, context: ServiceContext
    ) async throws {
        let target = try await target(subject, viewer: context.actor, on: context.db)
        guard scores.count == 9,
            SatisfactionSurvey.Answer(
                Dictionary(uniqueKeysWithValues: zip(SatisfactionSurvey.Element.allCases, scores)))
                != nil
        else { throw AppError.invalid(["scores": "survey.scores_required"]) }
        if let age = profile.age, !(10...120).contains(age) { throw AppError.invalid(["age": "survey.age_invalid"]) }
        if case .kiosk(let code, let device, let address) = subject {
            try context.services.strangers.admit(
                [("survey-device:\(code):\(device)", kioskPerDevice), ("survey-address:" + address, kioskPerAddress)],
                now: context.now)
        }
        // Answers carry the day only: the minute could tie an answer to a counter visit.
        let day = try await context.reference().calendar.startOfDay(context.today)
        try await context.write { db in
            if try await answered(target, on: db) {
                throw AppError(status: .conflict, code: "conflict", messageKey: "survey.already")
            }
            let row = SurveyResponse()
            row.agencyID = target.agencyID
            row.serviceID = target.serviceID
            row.source = target.source
            row.onceKey = target.once
            (row.u1, row.u2, row.u3, row.u4, row.u5, row.u6, row.u7, row.u8, row.u9) = (
                scores[0], scores[1], scores[2], scores[3], scores[4], scores[5], scores[6], scores[7], scores[8]
            )
            row.age = profile.age
            row.sex = profile.sex.flatMap { ["L", "P"].contains($0) ? $0 : nil }
            row.education = profile.education.map { String(ReportChecks.clean($0).prefix(40)) }.flatMap {
                $0.isEmpty ? nil : $0
            }
            row.occupation = profile.occupation.map { String(ReportChecks.clean($0).prefix(60)) }.flatMap {
                $0.isEmpty ? nil : $0
            }
            row.comment = profile.comment.map { String(ReportChecks.clean($0, keepNewlines: true).prefix(2_000)) }
                .flatMap { $0.isEmpty ? nil : $0 }
            row.createdAt = day
            try await row.create(on: db)
        }
    }

    // MARK: the index

    struct Row: Sendable {
        let label: String
        let index: SatisfactionSurvey.Index?
        let respondents: Int
        let served: Int
        let recommended: Int
    }

    /// The index per agency and per service over [from, to): answers, the people served (decided
    /// applications, resolved reports) and the recommended sample for that many.
    static func table(from: Date, to: Date, on db: any Database, reference: ReferenceCache.Snapshot) async throws
        -> (agencies: [Row], services: [Row])
    {
        let answers = try await SurveyResponse.query(on: db).filter(\.$createdAt >= from).filter(\.$createdAt < to)
            .all()
        let services = try await PublicService.query(on: db).all()
        // The people served are counted by the database: decided applications per service (and so per agency),
        // resolved reports per agency (`reports_resolved_idx`). Loading them whole, and scanning every report
        // for its resolution time, took seconds at 1M reports.
        let sql = db as! any SQLDatabase
        var decidedPerService: [Int: Int] = [:]
        var decidedPerAgency: [UUID: Int] = [:]
        for row in try await sql.raw(
            """
            SELECT service_id, agency_id, COUNT(*) AS n FROM service_applications
            WHERE finished_at >= \(bind: from) AND finished_at < \(bind: to) GROUP BY service_id, agency_id
            """
        ).all() {
            let count = try row.decode(column: "n", as: Int.self)
            decidedPerService[try row.decode(column: "service_id", as: Int.self), default: 0] += count
            decidedPerAgency[try row.decode(column: "agency_id", as: UUID.self), default: 0] += count
        }
        let resolvedReports = try await sql.raw(
            """
            SELECT agency_id, COUNT(*) AS n FROM reports
            WHERE resolved_at >= \(bind: from) AND resolved_at < \(bind: to) GROUP BY agency_id
            """
        ).all().reduce(into: [UUID: Int]()) { counts, row in
            if let agency = try? row.decode(column: "agency_id", as: UUID.self) {
                counts[agency] = (try? row.decode(column: "n", as: Int.self)) ?? 0
            }
        }
        func row(_ label: String, _ chosen: [SurveyResponse], served: Int) -> Row {
            Row(
                label: label, index: SatisfactionSurvey.index(chosen.compactMap(\.answer)), respondents: chosen.count,
                served: served, recommended: SatisfactionSurvey.recommendedSample(population: served))
        }
        let agencyIDs = Set(answers.map(\.agencyID)).union(services.map(\.agencyID))
        let agencies = agencyIDs.map { id in
            row(
                reference.agencyNames[id] ?? "", answers.filter { $0.agencyID == id },
                served: (decidedPerAgency[id] ?? 0) + (resolvedReports[id] ?? 0))
        }.filter { $0.respondents > 0 || $0.served > 0 }.sorted { $0.label < $1.label }
        let perService = services.map { s in
            row(s.name, answers.filter { $0.serviceID == s.id }, served: decidedPerService[s.id!] ?? 0)
        }.filter { $0.respondents > 0 || $0.served > 0 }
        return (agencies, perService)
    }
}
