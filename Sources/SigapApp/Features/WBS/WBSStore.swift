import Fluent
import Foundation
import SigapCore
import Vapor

/// Files, reads and answers WBS cases, sealing and opening everything with the case key. Evidence goes through
/// the shared file store (`FilePurpose.wbsEvidence`: sealed at rest, mode 0600), written before the
/// transaction that records it. The inspectorate hears of new cases and of the reporter's messages through the
/// outbox, with the time cut to the day (see `notificationTimes`).
enum WBSStore {
    static var maxFiles: Int { FilePurpose.wbsEvidence.policy.maxFiles }

    struct Evidence: Sendable {
        let name: String
        let contentType: String
        let data: Data
    }

    /// JPEG and PNG lose their metadata; PDFs are kept as they are (the page warns that they may carry it).
    static func prepare(_ name: String, _ data: Data, store: FileStore) throws(FileProblem) -> Evidence {
        let checked = try store.check(data, for: .wbsEvidence)
        return Evidence(name: name, contentType: checked.type.contentType, data: checked.data)
    }

    /// A day in the region, as a date without a time.
    static func day(_ date: Date, _ context: ServiceContext) -> String {
        DateFormatters.shared.string(
            from: date, format: "yyyy-MM-dd", locale: "en_US_POSIX", timeZone: context.config.timeZone)
    }

    static func receiptHash(_ receipt: String, _ context: ServiceContext) async throws -> String {
        let salt = context.services.wbs.receiptSalt(cost: context.config.wbsReceiptCost)
        return try await context.threadPool.runIfActive { try Bcrypt.hash(receipt, salt: salt) }
    }

    static func subject(of wbsCase: WBSCase) -> Subject { Subject(.wbsCase, wbsCase.id!.uuidString) }

    /// Files a case; returns the receipt (shown once, never stored).
    static func file(
        type: WBSType, content: WBSContent, identity: String?, evidence: [Evidence], _ context: ServiceContext
    ) async throws -> String {
        let vault = context.services.wbs
        let (key, wrapped) = try vault.newCaseKey()
        let receipt = WBSReceipt.generate()
        let wbsCase = WBSCase()
        wbsCase.id = UUID()
        wbsCase.receiptHash = try await receiptHash(receipt, context)
        wbsCase.wrappedKey = wrapped
        wbsCase.type = type
        wbsCase.status = .diterima
        wbsCase.contentCipher = try vault.sealText(
            String(decoding: try JSONEncoder().encode(content), as: UTF8.self), with: key)
        wbsCase.identityCipher = try identity.map { try vault.sealText($0, with: key) }
        wbsCase.filedOn = day(context.now, context)
        wbsCase.updatedOn = wbsCase.filedOn
        let files = try await writeFiles(evidence, for: wbsCase, key: key, fromReporter: true, context)
        let (created, available) = notificationTimes(context)
        let cipher = context.cipher
        let inspectors = try await inspectorate(context)
        try await context.write { db in
            try await wbsCase.create(on: db)
            for file in files { try await file.create(on: db) }
            try await Outbox.enqueue(
                .wbsCaseFiled, about: subject(of: wbsCase), payload: ["type": type.rawValue], to: inspectors,
                cipher: cipher, on: db, now: created, availableAt: available)
        }
        return receipt
    }

    /// The case a receipt opens, or nil (the caller counts the failure).
    static func find(receipt typed: String, _ context: ServiceContext) async throws -> WBSCase? {
        guard let receipt = WBSReceipt.normalize(typed) else { return nil }
        let hash = try await receiptHash(receipt, context)
        guard let found = try await WBSCase.query(on: context.db).filter(\.$receiptHash == hash).first(),
            SecretToken.constantTimeEquals(found.receiptHash, hash)
        else { return nil }
        return found
    }

    /// Adds evidence to a case: sealed files first, then their rows (and, from the reporter, a notice to the
    /// inspectorate) in one transaction.
    static func store(
        _ evidence: [Evidence], for wbsCase: WBSCase, key: WBSVault.CaseKey, fromReporter: Bool,
        _ context: ServiceContext
    ) async throws {
        guard !evidence.isEmpty else { return }
        let files = try await writeFiles(evidence, for: wbsCase, key: key, fromReporter: fromReporter, context)
        try await recordChange(of: wbsCase, notify: fromReporter, context) { db in
            for file in files { try await file.create(on: db) }
        }
    }

    static func addMessage(
        _ text: String, to wbsCase: WBSCase, fromReporter: Bool, author: User?, _ context: ServiceContext
    ) async throws {
        let vault = context.services.wbs
        let key = try vault.unwrap(wbsCase.wrappedKey)
        let message = WBSMessage()
        message.caseID = wbsCase.id!
        message.fromReporter = fromReporter
        message.authorID = author?.id
        message.bodyCipher = try vault.sealText(text, with: key)
        message.sentOn = day(context.now, context)
        let now = context.now
        try await recordChange(of: wbsCase, notify: fromReporter, context) { db in
            message.serial = try await WBSMessage.query(on: db).filter(\.$caseID == wbsCase.id!).count() + 1
            try await message.create(on: db)
            if let author, author.role.isStaff {
                try await AuditLog.record(
                    "wbs.message_sent", actor: author, subjectType: "wbs_case", subjectID: wbsCase.id?.uuidString,
                    on: db, at: now)
            }
        }
    }

    /// Writes `change`, the case's new `updated_on` and, when the reporter acted, the inspectorate's notice, in
    /// one transaction on the writer.
    private static func recordChange(
        of wbsCase: WBSCase, notify: Bool, _ context: ServiceContext,
        _ change: @escaping @Sendable (any Database) async throws -> Void
    ) async throws {
        wbsCase.updatedOn = day(context.now, context)
        let inspectors = notify ? try await inspectorate(context) : []
        let (created, available) = notificationTimes(context)
        let cipher = context.cipher
        try await context.write { db in
            try await change(db)
            try await wbsCase.save(on: db)
            if notify {
                try await Outbox.enqueue(
                    .wbsReporterMessage, about: subject(of: wbsCase), payload: ["type": wbsCase.type.rawValue],
                    to: inspectors, cipher: cipher, on: db, now: created, availableAt: available)
            }
        }
    }

    /// Seals and writes evidence files; returns their rows, not yet saved.
    private static func writeFiles(
        _ evidence: [Evidence], for wbsCase: WBSCase, key: WBSVault.CaseKey, fromReporter: Bool,
        _ context: ServiceContext
    ) async throws -> [WBSFile] {
        let vault = context.services.wbs
        let store = context.files
        var rows: [WBSFile] = []
        for item in evidence {
            let file = WBSFile()
            file.id = UUID()
            file.caseID = wbsCase.id!
            file.fromReporter = fromReporter
            file.nameCipher = try vault.sealText(item.name, with: key)
            file.contentType = item.contentType
            file.storedName = FileStore.newName(nil)
            file.addedOn = day(context.now, context)
            let sealed = try vault.seal(item.data, with: key)
            let name = file.storedName
            try await context.threadPool.runIfActive { try store.write(sealed, as: name, .wbsEvidence) }
            rows.append(file)
        }
        return rows
    }

    /// The reporter's actions keep dates only, and so do the notices they cause: the row is dated at the start
    /// of the day and chat channels send it the next morning at 07:00, so no message's time says when the
    /// reporter was at the keyboard. The in-app list shows it at once, dated by the day.
    static func notificationTimes(_ context: ServiceContext) -> (created: Date, available: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = context.config.timeZone
        let today = calendar.startOfDay(for: context.now)
        let tomorrow = calendar.date(byAdding: .day, value: 1, to: today)!
        return (today, tomorrow.addingTimeInterval(7 * 3600))
    }

    static func inspectorate(_ context: ServiceContext) async throws -> [Outbox.Recipient] {
        try await User.query(on: context.db).filter(\.$role == .inspektorat).filter(\.$disabledAt == nil).all()
            .map { Outbox.Recipient(userID: $0.id) }
    }

    /// The case opened for reading.
    struct Opened {
        let content: WBSContent
        let identity: String?
        let declineReason: String?
        let messages: [(fromReporter: Bool, on: String, text: String)]
        let files: [(id: UUID, name: String, fromReporter: Bool, on: String)]
    }

    static func open(_ wbsCase: WBSCase, _ context: ServiceContext) async throws -> Opened {
        let vault = context.services.wbs
        let key = try vault.unwrap(wbsCase.wrappedKey)
        let content = try JSONDecoder().decode(
            WBSContent.self, from: Data(try vault.openText(wbsCase.contentCipher, with: key).utf8))
        let messages = try await WBSMessage.query(on: context.db).filter(\.$caseID == wbsCase.id!).sort(\.$serial)
            .all()
        let files = try await WBSFile.query(on: context.db).filter(\.$caseID == wbsCase.id!).all()
        return Opened(
            content: content, identity: try wbsCase.identityCipher.map { try vault.openText($0, with: key) },
            declineReason: try wbsCase.declineReasonCipher.map { try vault.openText($0, with: key) },
            messages: try messages.map { ($0.fromReporter, $0.sentOn, try vault.openText($0.bodyCipher, with: key)) },
            files: try files.map { ($0.id!, try vault.openText($0.nameCipher, with: key), $0.fromReporter, $0.addedOn) }
        )
    }

    /// The decrypted bytes of one evidence file of the case.
    static func read(_ file: WBSFile, of wbsCase: WBSCase, _ context: ServiceContext) throws -> Data {
        let vault = context.services.wbs
        let key = try vault.unwrap(wbsCase.wrappedKey)
        guard let sealed = try? context.files.read(file.storedName, .wbsEvidence) else { throw AppError.notFound() }
        return try vault.open(sealed, with: key)
    }

    /// Deletes closed cases older than the retention period, with their files. Returns how many went.
    @discardableResult
    static func purge(_ context: ServiceContext) async throws -> Int {
        let cutoff = day(context.now.addingTimeInterval(-Double(context.config.wbsRetentionDays) * 86_400), context)
        let expired = try await WBSCase.query(on: context.db).filter(\.$closedOn != nil)
            .filter(\.$closedOn < cutoff).all()
        for wbsCase in expired {
            let caseID = wbsCase.id!
            let files = try await WBSFile.query(on: context.db).filter(\.$caseID == caseID).all()
            try await context.write { db in
                try await WBSFile.query(on: db).filter(\.$caseID == caseID).delete()
                try await WBSMessage.query(on: db).filter(\.$caseID == caseID).delete()
                try await WBSCase.query(on: db).filter(\.$id == caseID).delete()
            }
            // After the rows: a crash in between leaves orphan files, which the orphan sweep removes.
            context.files.remove(files.map(\.storedName), .wbsEvidence)
        }
        return expired.count
    }
}
