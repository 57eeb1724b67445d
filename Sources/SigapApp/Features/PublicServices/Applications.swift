import Crypto
import Fluent
import Foundation
import SigapCore

/// Applications for public services: a citizen's draft, submitted with its documents; the agency's review, a
/// correction round (the promised time stops while the citizen holds it), approval with a signed result
/// document, or rejection with a reason. Every step is in the application's history and tells the applicant.
enum Applications {
    struct Draft: Sendable {
        var values: [String: String]
        /// Checked uploads by requirement key.
        var files: [(key: String, file: FileStore.CheckedFile)]
        var submit: Bool
        /// A pendamping applying for a citizen (first save only): the citizen is the applicant.
        var assistance: Assistance? = nil
    }

    /// Creates a draft (`number` nil) or changes one, and submits it when asked: the form complete and every
    /// required document there (uploaded now or before).
    static func save(
        _ number: String?, for service: PublicService, _ draft: Draft, context: ServiceContext
    ) async throws -> ServiceApplication {
        guard let user = context.actor, service.active,
            user.role == .warga || (user.role == .pendamping && (number != nil || draft.assistance != nil))
        else { throw AppError.forbidden() }
        var problems = draft.submit ? ServiceForm.problems(service.fields, values: draft.values) : [:]
        for (key, file) in draft.files {
            guard let requirement = service.requirements.first(where: { $0.key == key }) else { continue }
            if !requirement.accepted.contains(file.type) { problems[key] = "service.file_type" }
        }
        let values = service.fields.reduce(into: [String: String]()) { kept, field in
            kept[field.key] = ReportChecks.clean(draft.values[field.key], keepNewlines: field.kind == .text)
        }
        let sealed = try context.cipher.seal(String(decoding: try JSONEncoder().encode(values), as: UTF8.self))
        let uploads = try await place(draft.files.filter { problems[$0.key] == nil }, context: context)
        let (now, cipher, reference) = (context.now, context.cipher, try await context.reference())
        // What was typed and uploaded is kept as a draft first, even when submitting fails: on a weak connection
        // nobody should upload their documents twice.
        let application = try await context.write { db in
            let application: ServiceApplication
            if let number {
                guard let found = try await ServiceApplication.query(on: db).filter(\.$number == number).first(),
                    found.actsAsApplicant(user.id), found.status == .draft
                else { throw AppError.notFound() }
                application = found
            } else {
                let applicant = draft.assistance?.citizen ?? user
                application = ServiceApplication()
                application.id = UUID()
                application.number = try await nextNumber(now: now, zone: context.config.timeZone, on: db)
                application.serviceID = service.id!
                application.agencyID = service.agencyID
                application.desaID = service.desaID
                application.applicantID = applicant.id!
                application.assistedByID = draft.assistance?.helper.id
                application.status = .draft
                application.late = false
                application.escalationLevel = 0
                application.createdAt = now
            }
            application.valuesCipher = sealed
            application.updatedAt = now
            try await application.save(on: db)
            for (key, name, type, size) in uploads {
                try await file(application, key, name, type, size, now).create(on: db)
            }
            if number == nil, let assistance = draft.assistance {
                try await AssistedFiling.recordConsent(
                    assistance, subjectType: "application", subjectID: application.number, on: db, at: now)
            }
            return application
        }
        guard draft.submit else { return application }
        let known = problems
        return try await context.write { db in
            var problems = known
            let present = Set(
                try await ApplicationFile.query(on: db).filter(\.$applicationID == application.id!).all()
                    .map(\.requirementKey))
            for requirement in service.requirements where requirement.required && !present.contains(requirement.key) {
                problems[requirement.key] = problems[requirement.key] ?? "service.file_required"
            }
            guard problems.isEmpty else { throw Incomplete(number: application.number, problems: problems) }
            application.status = .submitted
            application.submittedAt = now
            application.dueAt = reference.calendar.adding(workingDays: service.days, to: now)
            application.checkAt = application.dueAt
            try await application.save(on: db)
            try await record(
                application, kind: .submitted, from: .draft, by: user, text: "", service: service, cipher: cipher,
                on: db, now: now)
            return application
        }
    }

    /// Submitting found the form incomplete; what was given is kept as the draft `number`.
    struct Incomplete: Error {
        let number: String
        let problems: [String: String]
    }

    /// A step on a submitted application: the agency's review, correction, approval (with `result`, a checked
    /// PDF) or rejection, a staff note; or the applicant sending it back after a correction.
    static func act(
        _ action: ApplicationAction, on number: String, text raw: String?, result: FileStore.CheckedFile? = nil,
        files: [(key: String, file: FileStore.CheckedFile)] = [], context: ServiceContext
    ) async throws -> ServiceApplication {
        guard let user = context.actor else { throw AppError.forbidden() }
        let text = ReportChecks.clean(raw, keepNewlines: true)
        var resultName: String?
        var digest: String?
        if let result {
            guard result.type == .pdf else { throw AppError.invalid(["result": "application.result_pdf"]) }
            let name = FileStore.newName(result.type)
            let store = context.files
            try await context.threadPool.runIfActive { try store.place(result, as: name, .applicationResult) }
            resultName = name
            digest = try SHA256.hash(
                data: Data(contentsOf: URL(fileURLWithPath: store.path(of: name, .applicationResult)))
            )
            .map { String(format: "%02x", $0) }.joined()
        }
        let uploads = try await place(files, context: context)
        let (now, cipher, config, keys) = (context.now, context.cipher, context.config, context.services.signingKeys)
        let reference = try await context.reference()
        let (stored, sha, added) = (resultName, digest, uploads)
        return try await context.write { db in
            guard let application = try await ServiceApplication.query(on: db).filter(\.$number == number).first(),
                try await DeadlineSweep.claim(ServiceApplication.schema, id: application.id!, on: db),
                let service = try await PublicService.find(application.serviceID, on: db)
            else { throw AppError.notFound() }
            let actor = ApplicationActor(
                isApplicant: application.actsAsApplicant(user.id),
                handles: Policy.allows(user.actor, application.handling))
            guard actor.isApplicant || actor.handles else { throw AppError.notFound() }
            let from = application.status
            let to: ApplicationStatus
            switch ApplicationWorkflow.apply(
                action, from: from, by: actor, hasText: !text.isEmpty, hasResult: stored != nil)
            {
            case .success(let status): to = status
            case .failure(.notAllowed): throw AppError.forbidden()
            case .failure(.reasonRequired):
                throw AppError.invalid(["text": ApplicationRuleError.reasonRequired.rawValue])
            case .failure(.resultRequired):
                throw AppError.invalid(["result": ApplicationRuleError.resultRequired.rawValue])
            case .failure(let problem):
                throw AppError(status: .conflict, code: "conflict", messageKey: problem.rawValue)
            }
            let calendar = reference.calendar
            switch action {
            case .requestCorrection:
                if let due = application.dueAt {
                    application.pausedRemaining = ApplicationClock.pause(due: due, at: now, calendar: calendar)
                }
                application.checkAt = nil  // the citizen holds it: no lateness while they do
            case .resubmit:
                if let remaining = application.pausedRemaining {
                    application.dueAt = ApplicationClock.resume(remaining: remaining, at: now, calendar: calendar)
                }
                application.pausedRemaining = nil
                application.checkAt = application.dueAt
                for (key, name, type, size) in added {
                    try await file(application, key, name, type, size, now).create(on: db)
                }
            case .approve, .reject:
                application.finishedAt = now
                application.checkAt = nil
                application.decisionNote = text.isEmpty ? nil : text
                if let due = application.dueAt, now > due { application.late = true }
                if action == .approve, let stored, let sha {
                    application.resultStoredName = stored
                    application.resultDigest = sha
                    let applicant = try await User.find(application.applicantID, on: db)
                    let proof = try IssuedCredentials.sign(
                        ServiceResults.credential(
                            application, service: service, applicantName: applicant?.name ?? "", site: config.baseURL,
                            issuerName: config.region.name, issued: IssuedCredentials.timestamp(now)),
                        site: config.baseURL, keys: keys, at: now)
                    application.resultKeyID = proof.keyID
                    application.resultProofCreated = proof.created
                    application.resultProofValue = proof.value
                }
            default: break
            }
            application.status = to
            application.updatedAt = now
            try await application.save(on: db)
            let kind: HistoryKind =
                switch action {
                case .submit: .submitted
                case .review: .reviewed
                case .requestCorrection: .correctionRequested
                case .resubmit: .resubmitted
                case .approve: .approved
                case .reject: .rejected
                case .note: .note
                }
            try await record(
                application, kind: kind, from: from, by: user, text: text, service: service, cipher: cipher, on: db,
                now: now, tellApplicant: action != .note && action != .resubmit,
                visibility: action == .note ? .staff : .reporter)
            return application
        }
    }

    /// Stores checked documents off the event loop, before the transaction that names them (a failure later
    /// leaves files for the orphan sweep, never a row without its file).
    private static func place(
        _ files: [(key: String, file: FileStore.CheckedFile)], context: ServiceContext
    ) async throws -> [(String, String, FileType, Int)] {
        var stored: [(String, String, FileType, Int)] = []
        let store = context.files
        for (key, file) in files {
            let name = FileStore.newName(file.type)
            try await context.threadPool.runIfActive { try store.place(file, as: name, .applicationFile) }
            stored.append((key, name, file.type, file.byteCount))
        }
        return stored
    }

    /// The next "PL-2026-000001" of the year.
    static func nextNumber(now: Date, zone: TimeZone, on db: any Database) async throws -> String {
        let year = CivilDay(of: now, in: zone).year
        let prefix = "PL-\(year)-"
        let count = try await ServiceApplication.query(on: db).filter(\.$number >= prefix + "000000")
            .filter(\.$number <= prefix + "999999").count()
        return prefix + String(format: "%06d", count + 1)
    }

    private static func file(
        _ application: ServiceApplication, _ key: String, _ name: String, _ type: FileType, _ size: Int, _ now: Date
    ) -> ApplicationFile {
        let row = ApplicationFile()
        row.id = UUID()
        row.applicationID = application.id!
        row.requirementKey = key
        row.storedName = name
        row.contentType = type.contentType
        row.byteCount = size
        row.createdAt = now
        return row
    }

    private static func record(
        _ application: ServiceApplication, kind: HistoryKind, from: ApplicationStatus, by user: User, text: String,
        service: PublicService, cipher: FieldCipher, on db: any Database, now: Date, tellApplicant: Bool = true,
        visibility: HistoryVisibility = .reporter
    ) async throws {
        try await HistoryEvent(
            application.subject, at: now, kind: kind, visibility: visibility, actor: user, from: from.rawValue,
            to: application.status.rawValue, body: text
        ).create(on: db)
        if tellApplicant {
            try await Outbox.enqueue(
                .applicationUpdated, about: application.subject,
                payload: [
                    "number": application.number, "title": service.name, "status": application.status.rawValue,
                    "text": String(text.prefix(280)),
                ],
                to: [
                    try await AssistedFiling.owner(
                        application.applicantID, assisted: application.assistedByID != nil, cipher: cipher, on: db)
                ], cipher: cipher, on: db, now: now)
        }
        if user.role.isStaff {
            try await AuditLog.record(
                "application.\(kind.rawValue)", actor: user, subjectType: "application", subjectID: application.number,
                detail: "\(from.rawValue) → \(application.status.rawValue)", on: db, at: now)
        }
    }

    /// The form's values, opened.
    static func values(of application: ServiceApplication, cipher: FieldCipher) -> [String: String] {
        guard let json = try? cipher.open(application.valuesCipher),
            let values = try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))
        else { return [:] }
        return values
    }
}

/// The signed result of an approved application: a Verifiable Credential stating the application, the
/// service, the applicant's name and the SHA-256 of the result PDF, checked at `/verifikasi` like a
/// certificate (`IssuedCredentials`).
enum ServiceResults {
    static func credential(
        _ application: ServiceApplication, service: PublicService, applicantName: String, site: String,
        issuerName: String, issued: String
    ) -> JSONValue {
        .object([
            "@context": .array([IssuedCredentials.contexts[0]]),
            "id": .string(site + SiteURL.application(application.number) + "/hasil"),
            "type": .array([.string("VerifiableCredential"), .string("ServiceResultCredential")]),
            "name": .string(service.name),
            "issuer": IssuedCredentials.issuer(site: site, name: issuerName),
            "validFrom": .string(issued),
            "credentialSubject": .object([
                "type": .string("ServiceResult"),
                "application": .string(application.number),
                "service": .string(service.name),
                "applicant": .string(applicantName),
                "decision": .string(ApplicationStatus.approved.rawValue),
                "documentSha256": .string(application.resultDigest ?? ""),
            ]),
        ])
    }

    /// The stored result's credential with its proof (for the applicant's download), or nil before approval.
    static func signed(
        _ application: ServiceApplication, service: PublicService, applicantName: String, site: String,
        issuerName: String
    ) throws -> JSONValue? {
        guard let keyID = application.resultKeyID, let created = application.resultProofCreated,
            let value = application.resultProofValue
        else { return nil }
        return try IssuedCredentials.StoredProof(keyID: keyID, created: created, value: value).attach(
            to: credential(
                application, service: service, applicantName: applicantName, site: site, issuerName: issuerName,
                issued: created),
            site: site)
    }
}
