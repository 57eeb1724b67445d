import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// Practice sessions for sosialisasi: a facilitator opens one (it goes on the agenda as a sosialisasi event)
/// and gets a code; participants who join with it use the real forms, checked the real way, but what they send
/// is kept as a practice entry in the session instead of becoming a report, proposal or survey answer. So it
/// never reaches an agency's queue, the statistics, search, open data or anyone's notifications, and closing
/// the session deletes it.
enum PracticeSessions {
    /// Who is practising in this browser: kept in the web session when they join.
    struct Participant: Sendable {
        let sessionID: Int
        let sessionTitle: String
        let name: String
        /// A digest of the random secret in the web session: the participant's entries are theirs alone.
        let key: String
    }

    struct Draft: Sendable {
        var title: String?
        var place: String?
        var start: Date?
        var end: Date?
    }

    static let joinsPerAddress = AttemptThrottle(limit: 10, window: 600)
    /// A participant practises a handful of times; a script that joined does not fill the session's table.
    static let entriesPerParticipant = AttemptThrottle(limit: 20, window: 3600)
    /// What one session keeps at most (a hall of a hundred participants, a few entries each).
    static let entriesPerSession = 1_000

    // MARK: facilitators

    static func open(_ draft: Draft, context: ServiceContext) async throws -> PracticeSession {
        guard let user = context.actor, Policy.allows(user.actor, .runPracticeSessions) else {
            throw AppError.forbidden()
        }
        // The agenda's own rules: a title, a place, a start before the end.
        let agenda = PortalRules.AgendaDraft(
            title: draft.title, kind: PortalRules.AgendaKind.information.rawValue, start: draft.start, end: draft.end,
            place: draft.place, description: "")
        let problems = PortalRules.problems(agenda).filter { $0.key != "description" }
        guard problems.isEmpty, let start = draft.start, let end = draft.end else { throw AppError.invalid(problems) }
        let session = PracticeSession()
        session.code = SecretToken.readable(count: 8, groupSize: 4)
        session.title = ReportChecks.clean(draft.title)
        session.place = ReportChecks.clean(draft.place)
        session.startsAt = start
        session.endsAt = end
        session.facilitatorID = try user.requireID()
        session.createdAt = context.now
        let event = AgendaEvent()
        event.title = session.title
        event.kind = .information
        event.startsAt = start
        event.endsAt = end
        event.place = session.place
        event.description = context.catalog.text("practice.agenda_description", .id, [])
        event.createdBy = session.facilitatorID
        event.createdAt = context.now
        event.updatedAt = context.now
        return try await context.write { db in
            try await Portal.insert(event, context: context, on: db)
            session.agendaEventID = event.id
            try await session.create(on: db)
            try await AuditLog.record(
                "practice.opened", actor: user, subjectType: "practice_session", subjectID: String(session.id!),
                on: db, at: context.now)
            return session
        }
    }

    /// A session its facilitator (or an admin) may see and close.
    static func owned(_ id: Int, context: ServiceContext) async throws -> PracticeSession {
        guard let user = context.actor, Policy.allows(user.actor, .runPracticeSessions),
            let session = try await PracticeSession.find(id, on: context.db),
            user.role == .admin || session.facilitatorID == user.id
        else { throw AppError.notFound() }
        return session
    }

    static func entries(of session: PracticeSession, on db: any Database) async throws -> [PracticeEntry] {
        try await PracticeEntry.query(on: db).filter(\.$sessionID == session.id!).sort(\.$id).all()
    }

    /// Closes the session and deletes everything practised in it; the agenda keeps the event as held.
    static func close(_ id: Int, context: ServiceContext) async throws -> Int {
        let session = try await owned(id, context: context)
        return try await context.write { db in
            let deleted = try await PracticeEntry.query(on: db).filter(\.$sessionID == id).count()
            try await PracticeEntry.query(on: db).filter(\.$sessionID == id).delete()
            session.closedAt = session.closedAt ?? context.now
            try await session.save(on: db)
            try await AuditLog.record(
                "practice.closed", actor: context.actor, subjectType: "practice_session", subjectID: String(id),
                detail: "\(deleted) practice entries deleted", on: db, at: context.now)
            return deleted
        }
    }

    // MARK: participants

    /// The open session with `code` (spaces, dashes and case ignored); 422 otherwise. Guesses are limited per
    /// address.
    static func join(code: String?, name: String?, address: String, context: ServiceContext) async throws
        -> PracticeSession
    {
        var problems: [String: String] = [:]
        let name = ReportChecks.clean(name)
        if !(2...60).contains(name.count) { problems["name"] = "practice.name_required" }
        let typed = (code ?? "").uppercased().filter { $0.isLetter || $0.isNumber }
        guard typed.count == 8 else {
            problems["code"] = "practice.code_unknown"
            throw AppError.invalid(problems)
        }
        try context.services.strangers.admit([("practice-join:" + address, joinsPerAddress)], now: context.now)
        let formatted = String(typed.prefix(4)) + "-" + String(typed.suffix(4))
        guard
            let session = try await PracticeSession.query(on: context.db).filter(\.$code == formatted)
                .filter(\.$closedAt == nil).first()
        else {
            problems["code"] = "practice.code_unknown"
            throw AppError.invalid(problems)
        }
        guard problems.isEmpty else { throw AppError.invalid(problems) }
        return session
    }

    static func record(
        _ kind: PracticeEntry.Kind, title: String, summary: [(String, String)], by participant: Participant,
        context: ServiceContext
    ) async throws -> PracticeEntry {
        guard let session = try await PracticeSession.find(participant.sessionID, on: context.db),
            session.closedAt == nil
        else { throw AppError.conflict("practice.closed") }
        try context.services.strangers.admit(
            [("practice-entry:" + participant.key, entriesPerParticipant)], now: context.now)
        let kept = try await PracticeEntry.query(on: context.db).filter(\.$sessionID == participant.sessionID).count()
        guard kept < entriesPerSession else { throw AppError.conflict("practice.full") }
        let entry = PracticeEntry()
        entry.sessionID = participant.sessionID
        entry.participantKey = participant.key
        entry.participantName = participant.name
        entry.kind = kind
        entry.title = String(title.prefix(150))
        entry.summary = summary.filter { !$0.1.isEmpty }.map { "\($0.0): \($0.1)" }.joined(separator: "\n")
        entry.createdAt = context.now
        try await context.write { db in try await entry.create(on: db) }
        return entry
    }

    /// A practice report: checked exactly as filing checks it, kept in the session, sent nowhere.
    static func report(_ draft: ReportDraft, by participant: Participant, context: ServiceContext) async throws
        -> PracticeEntry
    {
        let reference = try await context.reference()
        let (checked, category, desa) = try ReportIntake.check(
            draft, photos: 0, contactRequired: false, toDPRD: false, reference: reference)
        let catalog = context.catalog
        return try await record(
            .laporan, title: checked.title,
            summary: [
                (catalog.text("report.category", .id, []), category.name),
                (catalog.text("report.agency", .id, []), reference.agencyNames[category.agencyID] ?? ""),
                (catalog.text("report.desa", .id, []), desa.name),
                (catalog.text("report.description", .id, []), checked.description),
            ], by: participant, context: context)
    }
}

extension Request {
    /// The practice session this browser joined, if any (read from the web session; nothing for a request
    /// without one).
    var practiceParticipant: PracticeSessions.Participant? {
        guard hasSessionCookie || hasSession, let raw = session.data[PracticeKeys.session], let id = Int(raw),
            let secret = session.data[PracticeKeys.secret], let name = session.data[PracticeKeys.name]
        else { return nil }
        return .init(
            sessionID: id, sessionTitle: session.data[PracticeKeys.title] ?? "", name: name,
            key: SecretToken.digest(secret))
    }
}

extension Request {
    /// The title of the practice session this browser joined (every page's banner): read without the
    /// participant's key, so ordinary pages do no hashing.
    var practiceSessionTitle: String? {
        guard hasSessionCookie || hasSession, session.data[PracticeKeys.session] != nil else { return nil }
        return session.data[PracticeKeys.title]
    }
}

enum PracticeKeys {
    static let session = "latihan.sesi"
    static let secret = "latihan.kunci"
    static let name = "latihan.nama"
    static let title = "latihan.judul"
}

extension PracticeSessions {
    /// A practice proposal: checked as Musrenbang checks one (the phase aside: practice happens any day), kept
    /// in the session, never in the plan.
    static func proposal(
        _ draft: ProposalDraft, source: ProposalSource, by participant: Participant,
        context: ServiceContext
    ) async throws -> PracticeEntry {
        let reference = try await context.reference()
        let found = try await Proposals.catalogueItem(draft.catalogueCode, context: context)
        let checked: CheckedProposal
        switch ProposalChecks.check(draft, item: found?.0, needsDesa: true, region: reference.bounds) {
        case .success(let ok): checked = ok
        case .failure(let problems): throw AppError.invalid(problems.fields)
        }
        guard let desa = checked.desaCode.flatMap({ reference.desa[$0] }) else {
            throw AppError.invalid(["desa": "report.desa_unknown"])
        }
        let catalog = context.catalog
        return try await record(
            .usulan, title: checked.title,
            summary: [
                (catalog.text("report.desa", .id, []), desa.name),
                (catalog.text("proposal.problem", .id, []), checked.problem),
                (catalog.text("proposal.volume", .id, []), "\(checked.volume) \(checked.unit)"),
                (catalog.text("proposal.cost", .id, []), "Rp \(checked.cost)"),
            ], by: participant, context: context)
    }
}
