import Fluent
import Foundation
import SigapCore

/// What happens to proposals around the deliberations: deferred ones carried into the next cycle, the work on
/// accepted ones reported by their agency, and the desa's delegates to the kecamatan.
enum ProposalFollowUp {
    /// Carries every deferred proposal not carried yet into the cycle just opened (`cycleID`, inside its
    /// transaction): a new proposal with the same content, marked as carried from the old one, entering at the
    /// agency forum when it has an agency (it passed the desa and kecamatan once) and at the kecamatan
    /// otherwise. Supporters follow it; proposer and supporters are told. Returns how many were carried.
    static func carryDeferred(
        into cycleID: UUID, planYear: Int, actor: User?, cipher: FieldCipher, on db: any Database, now: Date
    ) async throws -> Int {
        let earlier = try await MusrenbangCycleRow.query(on: db).filter(\.$planYear < planYear).all().compactMap(\.id)
        guard !earlier.isEmpty else { return 0 }
        let deferred = try await Proposal.query(on: db).filter(\.$cycleID ~~ earlier).filter(\.$stage == .deferred)
            .filter(\.$carriedIntoID == nil).sort(\.$sequence).all()
        var sequence = try await Proposal.query(on: db).filter(\.$cycleID == cycleID).max(\.$sequence) ?? 0
        for old in deferred {
            sequence += 1
            let new = Proposal()
            new.id = UUID()
            new.cycleID = cycleID
            new.sequence = sequence
            new.number = Proposal.number(planYear: planYear, sequence: sequence)
            new.source = old.source
            new.stage = old.agencyID == nil ? .atKecamatan : .atForum
            new.version = 1
            new.supportersCount = old.supportersCount
            for field in [\Proposal.catalogueCode, \.costReason, \.resesDate, \.resesPlace]
                as [ReferenceWritableKeyPath<Proposal, String?>]
            {
                new[keyPath: field] = old[keyPath: field]
            }
            new.sector = old.sector
            new.agencyID = old.agencyID
            new.needsMapping = old.agencyID == nil
            new.title = old.title
            new.problem = old.problem
            new.description = old.description
            new.kecamatanID = old.kecamatanID
            new.desaID = old.desaID
            new.rtRw = old.rtRw
            new.address = old.address
            new.latitude = old.latitude
            new.longitude = old.longitude
            new.volume = old.volume
            new.unit = old.unit
            new.estimatedCost = old.estimatedCost
            new.beneficiaries = old.beneficiaries
            new.beneficiaryGroups = old.beneficiaryGroups
            new.proposerID = old.proposerID
            new.carriedFromID = old.id
            new.createdAt = now
            new.updatedAt = now
            try await new.create(on: db)
            try await ProposalVersion(of: new, author: nil, at: now).create(on: db)
            try await SearchIndex.update(new, planYear: planYear, on: db)
            for support in try await ProposalSupport.query(on: db).filter(\.$proposalID == old.id!).all() {
                try await ProposalSupport(proposalID: new.id!, userID: support.userID, at: now).create(on: db)
            }
            old.carriedIntoID = new.id
            try await old.save(on: db)
            try await HistoryEvent(
                old.subject, at: now, kind: .carried, visibility: .public, actor: actor, body: new.number
            ).create(on: db)
            try await HistoryEvent(
                new.subject, at: now, kind: .carried, visibility: .public, actor: actor, to: new.stage.rawValue,
                body: old.number
            ).create(on: db)
            try await Outbox.enqueue(
                .proposalDecided, about: new.subject,
                payload: ["number": new.number, "title": new.title, "stage": new.stage.rawValue, "text": old.number],
                to: try await Proposals.followers(of: new, cipher: cipher, on: db), cipher: cipher, on: db, now: now)
        }
        return deferred.count
    }

    struct Realisation: Sendable {
        var status: RealisationStatus
        var progress: Int
        var started: CivilDay?
        var finished: CivilDay?
        var note: String
        var photos: [FileStore.CheckedFile] = []
    }

    /// The agency's report on the work: status, progress, dates, a note and photos; history, notification to
    /// proposer and supporters, audit.
    static func updateRealisation(_ proposal: Proposal, _ update: Realisation, context: ServiceContext) async throws
        -> Proposal
    {
        guard let user = context.actor else { throw AppError.forbidden() }
        let reference = try await context.reference()
        guard Policy.allows(user.actor, .updateRealisation(proposal.place(reference))) else {
            throw AppError.forbidden()
        }
        let loaded = try await Proposals.cycle(of: proposal, context: context)
        guard proposal.stage == .inPlan else { throw AppError.conflict("proposal.wrong_stage") }
        guard RealisationStatus.isOpen(on: context.today, in: loaded.cycle) else {
            throw Proposals.outOfPhase(.published, in: loaded.cycle)
        }
        var fields: [String: String] = [:]
        if !(0...100).contains(update.progress) { fields["progress"] = "proposal.progress_invalid" }
        if update.status == .done, update.progress != 100 { fields["progress"] = "proposal.progress_done" }
        if let started = update.started, let finished = update.finished, finished < started {
            fields["finished"] = "proposal.dates_order"
        }
        let note = ReportChecks.clean(update.note, keepNewlines: true)
        if note.count > 2000 { fields["note"] = "proposal.reason_too_long" }
        if update.status == .cancelled, note.count < 5 { fields["note"] = "proposal.reason_required" }
        guard fields.isEmpty else { throw AppError.invalid(fields) }
        let files = try await Proposals.writeFiles([.realisation: update.photos], uploader: user.id, context: context)
        let (now, cipher, id) = (context.now, context.cipher, proposal.id!)
        return try await context.write { db in
            guard let proposal = try await Proposals.lock(id, on: db) else { throw AppError.notFound() }
            let before = proposal.realisationStatus?.rawValue ?? ""
            proposal.realisationStatus = update.status
            proposal.realisationProgress = update.progress
            proposal.realisationStarted = update.started?.description ?? proposal.realisationStarted
            proposal.realisationFinished = update.finished?.description ?? proposal.realisationFinished
            proposal.updatedAt = now
            try await proposal.save(on: db)
            for file in files {
                file.proposalID = id
                try await file.create(on: db)
            }
            try await HistoryEvent(
                proposal.subject, at: now, kind: .realisation, visibility: .public, actor: user, from: before,
                to: update.status.rawValue, body: "\(update.progress)|\(note)"
            ).create(on: db)
            try await Outbox.enqueue(
                .proposalRealisation, about: proposal.subject,
                payload: [
                    "number": proposal.number, "title": proposal.title, "stage": proposal.stage.rawValue,
                    "text": "\(update.progress)% · " + String(note.prefix(240)),
                ],
                to: try await Proposals.followers(of: proposal, cipher: cipher, on: db), cipher: cipher, on: db,
                now: now)
            try await AuditLog.record(
                "proposal.realisation", actor: user, subjectType: "proposal", subjectID: proposal.number,
                detail: "\(before) → \(update.status.rawValue) \(update.progress)%", on: db, at: now)
            return proposal
        }
    }

    /// Records (or replaces) the delegates a desa sends to the kecamatan deliberation: its own officer, during
    /// the desa deliberation. Audited.
    static func recordDelegates(
        _ names: String, desaID: UUID, in loaded: MusrenbangCycles.Loaded, context: ServiceContext
    )
        async throws
    {
        guard let user = context.actor, user.role == .petugasDesa, user.actor.covers(Place(desaID: desaID)) else {
            throw AppError.forbidden()
        }
        guard loaded.cycle.phase(on: context.today) == .desa else {
            throw Proposals.outOfPhase(.desa, in: loaded.cycle)
        }
        let names = ReportChecks.clean(names, keepNewlines: false)
        guard (3...500).contains(names.count) else {
            throw AppError.invalid(["delegates": "proposal.delegates_invalid"])
        }
        let now = context.now
        try await context.write { db in
            let row =
                try await MusrenbangDelegates.query(on: db).filter(\.$cycleID == loaded.id).filter(\.$desaID == desaID)
                .first() ?? MusrenbangDelegates()
            row.cycleID = loaded.id
            row.desaID = desaID
            row.names = names
            row.recordedBy = user.id
            row.recordedAt = now
            try await row.save(on: db)
            try await AuditLog.record(
                "musrenbang.delegates", actor: user, subjectType: "musrenbang_cycle", subjectID: loaded.id.uuidString,
                detail: "desa \(desaID)", on: db, at: now)
        }
    }
}
