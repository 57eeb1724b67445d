import Fluent
import Foundation
import SQLKit
import SigapCore

/// Entering, revising and finding proposals. The checks are SigapCore's (`ProposalChecks`, `ProposalSource`,
/// `ProposalWorkflow`); here they meet the database: the cycle's phase, the catalogue, the file store, the
/// history, the outbox.
enum Proposals {
    /// A new proposal as a form or a command gives it.
    struct Entry: Sendable {
        var draft: ProposalDraft
        var source: ProposalSource
        /// Pokir without a desa: the kecamatan of the reses.
        var kecamatanCode: String?
        /// Pokir: the responsible agency when no catalogue item names it (pokir enter at the agency forum).
        var agencyCode: String?
        var resesDate: String?
        var resesPlace: String?
        /// Checked uploads by kind; written to disk before the transaction that names them.
        var files: [ProposalFile.Kind: [FileStore.CheckedFile]] = [:]
        /// The form's one-time submission key: a second press of "send" gets the first proposal back.
        var idempotency: IdempotencyKey? = nil
        /// A pendamping entering a citizen's proposal for them: the citizen is the proposer.
        var assistance: Assistance? = nil
    }

    /// The proposal created earlier with this submission key, if there was one.
    static func earlier(_ key: IdempotencyKey?, on db: any Database, now: Date) async throws -> Proposal? {
        guard let key, let earlier = try await key.earlier(on: db, now: now), earlier.subjectKind == .proposal else {
            return nil
        }
        return try await Proposal.query(on: db).filter(\.$number == earlier.subjectID).first()
    }

    /// The catalogue item a draft names, if it is known and active.
    static func catalogueItem(_ code: String?, context: ServiceContext) async throws -> (
        ProposalCatalogue.Item, UUID
    )? {
        guard let code = code?.trimmingCharacters(in: .whitespaces).lowercased(), !code.isEmpty,
            let row = try await CatalogueItem.query(on: context.db).filter(\.$code == code).filter(\.$active == true)
                .first()
        else { return nil }
        let reference = try await context.reference()
        return (
            ProposalCatalogue.Item(
                code: row.code, name: row.name, sector: row.sector,
                agencyCode: reference.agencyCodes[row.agencyID] ?? "", unit: row.unit, unitCost: Int(row.unitCost)),
            row.agencyID
        )
    }

    /// The cycle a proposal belongs to, or 404.
    static func cycle(of proposal: Proposal, context: ServiceContext) async throws -> MusrenbangCycles.Loaded {
        guard let loaded = try await MusrenbangCycles.kept(context).first(where: { $0.id == proposal.cycleID }) else {
            throw AppError.notFound()
        }
        return loaded
    }

    /// The refusal of an action that belongs to `phase`, naming it and its dates.
    static func outOfPhase(_ phase: MusrenbangCycle.Phase, in cycle: MusrenbangCycle) -> AppError {
        let window = cycle.window(of: phase)
        return .conflict("proposal.out_of_phase.\(phase.rawValue)", window.first.description, window.last.description)
    }

    /// Enters a proposal in `cycle`: checks, the actor's right to enter this source here, the phase; then the
    /// files, and in one transaction the row, its first version, its files, its history line, the proposer's
    /// notification and (for officers) the audit entry. A repeated submission key returns the first proposal.
    static func enter(_ entry: Entry, in loaded: MusrenbangCycles.Loaded, context: ServiceContext) async throws
        -> Proposal
    {
        guard let user = context.actor else { throw AppError.forbidden() }
        if let first = try await earlier(entry.idempotency, on: context.db, now: context.now) { return first }
        let reference = try await context.reference()
        let found = try await catalogueItem(entry.draft.catalogueCode, context: context)
        var checked: CheckedProposal
        switch ProposalChecks.check(
            entry.draft, item: found?.0, needsDesa: entry.source != .pokir, region: reference.bounds)
        {
        case .success(let ok): checked = ok
        case .failure(let problems): throw AppError.invalid(problems.fields)
        }
        var fields: [String: String] = [:]
        let desa = checked.desaCode.flatMap { reference.desa[$0] }
        if checked.desaCode != nil, desa == nil { fields["desa"] = "report.desa_unknown" }
        let kecamatanID = desa?.kecamatanID ?? entry.kecamatanCode.flatMap { reference.kecamatanByCode[$0] }
        if kecamatanID == nil, fields["desa"] == nil { fields["kecamatan"] = "proposal.kecamatan_required" }
        var agencyID = found?.1
        if entry.source == .pokir {
            if agencyID == nil { agencyID = entry.agencyCode.flatMap { reference.agencyByCode[$0.uppercased()] } }
            if agencyID == nil { fields["agency"] = "proposal.agency_required" }
            if CivilDay(entry.resesDate ?? "") == nil { fields["reses_date"] = "proposal.reses_date_invalid" }
            if ReportChecks.clean(entry.resesPlace).count < 3 {
                fields["reses_place"] = "proposal.reses_place_required"
            }
        }
        if entry.source == .desaMeeting, entry.files[.minutes, default: []].isEmpty {
            fields["minutes"] = "proposal.minutes_required"
        }
        for (kind, files) in entry.files where files.contains(where: { ($0.type == .pdf) != kind.acceptsPDF }) {
            fields[kind.rawValue] = kind.acceptsPDF ? "proposal.file_pdf" : "report.photo_type"
        }
        guard fields.isEmpty, let kecamatanID else { throw AppError.invalid(fields) }
        let place = Place(
            agencyID: agencyID, kecamatanID: kecamatanID, desaID: desa?.id,
            electoralDistrictID: reference.electoralDistricts[kecamatanID])
        if entry.assistance != nil {
            guard entry.source == .citizen, Policy.allows(user.actor, .fileForCitizen(place)) else {
                throw AppError.invalid(["desa": "assist.desa_outside"])
            }
        } else {
            guard Policy.allows(user.actor, .enterProposal(entry.source, place)) else { throw AppError.forbidden() }
        }
        guard let phase = loaded.cycle.phase(on: context.today), entry.source.entryPhases.contains(phase) else {
            throw outOfPhase(entry.source.entryPhases.upperBound, in: loaded.cycle)
        }

        let proposal = Proposal()
        proposal.id = UUID()
        proposal.cycleID = loaded.id
        proposal.source = entry.source
        proposal.stage = entry.source.entryStage
        proposal.version = 1
        proposal.supportersCount = 0
        proposal.fill(from: checked, agencyID: agencyID, kecamatanID: kecamatanID, desaID: desa?.id)
        let assistance = entry.assistance
        let proposer = assistance?.citizen ?? user
        proposal.proposerID = proposer.id
        proposal.assistedByID = assistance?.helper.id
        if entry.source == .pokir {
            proposal.resesDate = entry.resesDate
            proposal.resesPlace = String(ReportChecks.clean(entry.resesPlace).prefix(200))
        }
        proposal.createdAt = context.now
        proposal.updatedAt = context.now
        let files = try await writeFiles(entry.files, uploader: user.id, context: context)
        let (now, cipher, planYear) = (context.now, context.cipher, loaded.planYear)
        let key = entry.idempotency
        let first = try await context.write { db -> Proposal? in
            try await lockCycle(loaded.id, on: db)
            // Two presses that raced past the check above: the cycle's lock orders them, the second finds the first.
            if let first = try await earlier(key, on: db, now: now) { return first }
            let last = try await Proposal.query(on: db).filter(\.$cycleID == loaded.id).max(\.$sequence) ?? 0
            proposal.sequence = last + 1
            proposal.number = Proposal.number(planYear: planYear, sequence: last + 1)
            try await proposal.create(on: db)
            try await ProposalVersion(of: proposal, author: user.id, at: now).create(on: db)
            try await SearchIndex.update(proposal, planYear: planYear, on: db)
            for file in files {
                file.proposalID = proposal.id!
                try await file.create(on: db)
            }
            try await HistoryEvent(
                proposal.subject, at: now, kind: .proposed, visibility: .public, actor: user,
                to: proposal.stage.rawValue, body: entry.source.rawValue
            ).create(on: db)
            try await Outbox.enqueue(
                .proposalReceived, about: proposal.subject,
                payload: ["number": proposal.number, "title": proposal.title, "stage": proposal.stage.rawValue],
                to: [
                    try await AssistedFiling.owner(
                        proposer.id!, assisted: assistance != nil, cipher: cipher, on: db)
                ], cipher: cipher, on: db, now: now)
            if let assistance {
                try await AssistedFiling.recordConsent(
                    assistance, subjectType: "proposal", subjectID: proposal.number, on: db, at: now)
            } else if user.role.isStaff {
                try await AuditLog.record(
                    "proposal.entered", actor: user, subjectType: "proposal", subjectID: proposal.number,
                    detail: entry.source.rawValue, on: db, at: now)
            }
            if let key {
                try await key.record(for: proposal.subject, secret: nil, cipher: cipher, now: now).create(on: db)
            }
            return nil
        }
        return first ?? proposal
    }

    /// The proposer's revision of a returned proposal: the new content becomes a new version (every earlier one
    /// is kept) and the proposal goes back to the deliberation that returned it.
    static func revise(_ proposal: Proposal, with draft: ProposalDraft, context: ServiceContext) async throws
        -> Proposal
    {
        guard let user = context.actor else { throw AppError.forbidden() }
        let reference = try await context.reference()
        let loaded = try await cycle(of: proposal, context: context)
        let found = try await catalogueItem(draft.catalogueCode ?? proposal.catalogueCode, context: context)
        var draft = draft
        // The place and the item stay: a revision changes what is asked for, not where or of what kind.
        draft.catalogueCode = proposal.catalogueCode
        draft.desaCode = proposal.desaID.flatMap { reference.desaByID[$0]?.code }
        draft.sector = proposal.sector
        let checked: CheckedProposal
        switch ProposalChecks.check(
            draft, item: found?.0, needsDesa: proposal.desaID != nil, region: reference.bounds)
        {
        case .success(let ok): checked = ok
        case .failure(let problems): throw AppError.invalid(problems.fields)
        }
        let place = proposal.place(reference)
        let isProposer = proposal.isProposer(user.id)
        guard Policy.allows(user.actor, .decideOnProposal(.resubmit, place, isProposer: isProposer)) else {
            throw AppError.forbidden()
        }
        let (now, id, planYear) = (context.now, proposal.id!, loaded.planYear)
        return try await context.write { db in
            guard let proposal = try await lock(id, on: db) else { throw AppError.notFound() }
            let from = proposal.stage
            let stage = try ProposalDecisions.decide(
                .resubmit, on: proposal, cycle: loaded.cycle, today: CivilDay(of: now, in: context.config.timeZone),
                actor: Policy.proposalActor(user.actor, place, isProposer: isProposer), input: .init())
            proposal.fill(
                from: checked, agencyID: proposal.agencyID, kecamatanID: proposal.kecamatanID, desaID: proposal.desaID)
            proposal.needsMapping = proposal.agencyID == nil
            proposal.stage = stage
            proposal.returnedAt = nil
            proposal.version += 1
            proposal.updatedAt = now
            try await proposal.save(on: db)
            try await ProposalVersion(of: proposal, author: user.id, at: now).create(on: db)
            try await SearchIndex.update(proposal, planYear: planYear, on: db)
            try await HistoryEvent(
                proposal.subject, at: now, kind: .revised, visibility: .public, actor: user, from: from.rawValue,
                to: stage.rawValue, body: String(proposal.version)
            ).create(on: db)
            return proposal
        }
    }

    /// Writes checked files to disk and returns their rows, not yet saved (the caller saves them in its
    /// transaction; a failure leaves orphan files for the sweep, never a row without its file).
    static func writeFiles(
        _ files: [ProposalFile.Kind: [FileStore.CheckedFile]], uploader: UUID?, context: ServiceContext
    ) async throws -> [ProposalFile] {
        let store = context.files
        var rows: [ProposalFile] = []
        for (kind, checked) in files.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            for file in checked {
                let row = ProposalFile()
                row.id = UUID()
                row.kind = kind
                row.storedName = FileStore.newName(file.type)
                row.contentType = file.type.contentType
                row.byteCount = file.byteCount
                row.uploadedBy = uploader
                row.createdAt = context.now
                let name = row.storedName
                let isImage = file.type != .pdf
                try await context.threadPool.runIfActive {
                    try store.place(file, as: name, .proposalFile)
                    if isImage { try store.placeDisplayCopies(of: name, .proposalFile) }
                }
                rows.append(row)
            }
        }
        return rows
    }

    /// Likely duplicates of a new proposal (`ProposalDuplicates`): the same catalogue item in the same desa or
    /// within 300 m, in this cycle or the two before; merged ones left out. Uses `proposals_item_idx`.
    static func likelyDuplicates(
        catalogueCode: String?, desaID: UUID?, location: GeoPoint?, planYear: Int, on db: any Database,
        reference: ReferenceCache.Snapshot
    ) async throws -> [Proposal] {
        guard let code = catalogueCode?.lowercased(), !code.isEmpty else { return [] }
        let cycles = try await MusrenbangCycleRow.query(on: db)
            .filter(\.$planYear >= planYear - ProposalLimits.duplicateYears).filter(\.$planYear <= planYear).all()
            .compactMap(\.id)
        guard !cycles.isEmpty else { return [] }
        let candidates = try await Proposal.query(on: db).filter(\.$catalogueCode == code)
            .filter(\.$cycleID ~~ cycles).filter(\.$stage != .merged).sort(\.$createdAt, .descending).limit(500).all()
        let new = ProposalDuplicates.Candidate(
            catalogueCode: code, desaCode: desaID.flatMap { reference.desaByID[$0]?.code }, location: location)
        return candidates.filter {
            ProposalDuplicates.isLikelyDuplicate(
                new,
                of: .init(
                    catalogueCode: $0.catalogueCode, desaCode: $0.desaID.flatMap { reference.desaByID[$0]?.code },
                    location: $0.location))
        }.prefix(10).map { $0 }
    }

    static func find(_ number: String, on db: any Database) async throws -> Proposal {
        guard let proposal = try await Proposal.query(on: db).filter(\.$number == number.uppercased()).first() else {
            throw AppError.notFound()
        }
        return proposal
    }

    /// The proposal's row inside a transaction, locked on PostgreSQL until it ends (two decisions at once are
    /// taken one after the other on fresh state; SQLite's single writer already does that).
    static func lock(_ id: UUID, on db: any Database) async throws -> Proposal? {
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            _ = try await sql.raw("SELECT id FROM proposals WHERE id = \(bind: id) FOR UPDATE").all()
        }
        return try await Proposal.find(id, on: db)
    }

    /// Locks the cycle's row on PostgreSQL: numbering, and the sums under the ceilings, are decided one
    /// transaction at a time per cycle.
    static func lockCycle(_ id: UUID, on db: any Database) async throws {
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            _ = try await sql.raw("SELECT id FROM musrenbang_cycles WHERE id = \(bind: id) FOR UPDATE").all()
        }
    }

    /// Who hears about a proposal: its proposer and its supporters.
    static func followers(of proposal: Proposal, cipher: FieldCipher, on db: any Database) async throws
        -> [Outbox.Recipient]
    {
        var recipients: [Outbox.Recipient] = []
        if let proposer = proposal.proposerID {
            recipients.append(
                try await AssistedFiling.owner(proposer, assisted: proposal.assistedByID != nil, cipher: cipher, on: db)
            )
        }
        recipients += try await ProposalSupport.query(on: db).filter(\.$proposalID == proposal.id!).all()
            .map { .init(userID: $0.userID) }
        return recipients
    }
}
