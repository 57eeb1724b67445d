import Fluent
import Foundation
import SigapCore
import Vapor

/// Files, reads and answers WBS cases, sealing and opening everything with the case key. Evidence files are
/// sealed the same way and written under a random name in `DATA_DIR/uploads/wbs/`.
enum WBSStore {
    static let maxFileBytes = 10 * 1024 * 1024
    static let maxFiles = 5

    struct Evidence {
        let name: String
        let contentType: String
        let data: Data
    }

    enum EvidenceProblem: Error { case tooLarge, wrongType }

    /// JPEG and PNG lose their metadata; PDFs are kept as they are (the page warns that they may carry it).
    static func prepare(_ name: String, _ data: Data) throws(EvidenceProblem) -> Evidence {
        guard data.count <= maxFileBytes else { throw .tooLarge }
        if data.starts(with: Array("%PDF-".utf8)) {
            return Evidence(name: name, contentType: "application/pdf", data: data)
        }
        guard let scrubbed = try? ImageScrubber.scrub(data) else { throw .wrongType }
        return Evidence(
            name: name, contentType: scrubbed.format == .png ? "image/png" : "image/jpeg", data: scrubbed.data)
    }

    /// Today in the region, as a date without a time.
    static func today(_ req: Request) -> String {
        DateFormatters.shared.string(
            from: req.now, format: "yyyy-MM-dd", locale: "en_US_POSIX", timeZone: req.sigap.config.timeZone)
    }

    static func receiptHash(_ receipt: String, _ req: Request) async throws -> String {
        let salt = req.sigap.wbs.receiptSalt(cost: req.sigap.config.wbsReceiptCost)
        return try await req.application.threadPool.runIfActive { try Bcrypt.hash(receipt, salt: salt) }
    }

    /// Files a case; returns the receipt (shown once, never stored).
    static func file(
        type: WBSType, content: WBSContent, identity: String?, evidence: [Evidence], _ req: Request
    ) async throws -> String {
        let vault = req.sigap.wbs
        let (key, wrapped) = try vault.newCaseKey()
        let receipt = WBSReceipt.generate()
        let wbsCase = WBSCase()
        wbsCase.receiptHash = try await receiptHash(receipt, req)
        wbsCase.wrappedKey = wrapped
        wbsCase.type = type
        wbsCase.status = .diterima
        wbsCase.contentCipher = try vault.sealText(
            String(decoding: try JSONEncoder().encode(content), as: UTF8.self), with: key)
        wbsCase.identityCipher = try identity.map { try vault.sealText($0, with: key) }
        wbsCase.filedOn = today(req)
        wbsCase.updatedOn = wbsCase.filedOn
        try await wbsCase.create(on: req.db)
        try await store(evidence, for: wbsCase, key: key, fromReporter: true, req)
        return receipt
    }

    /// The case a receipt opens, or nil (the caller counts the failure).
    static func find(receipt typed: String, _ req: Request) async throws -> WBSCase? {
        guard let receipt = WBSReceipt.normalize(typed) else { return nil }
        let hash = try await receiptHash(receipt, req)
        guard let found = try await WBSCase.query(on: req.db).filter(\.$receiptHash == hash).first(),
            SecretToken.constantTimeEquals(found.receiptHash, hash)
        else { return nil }
        return found
    }

    static func store(
        _ evidence: [Evidence], for wbsCase: WBSCase, key: WBSVault.CaseKey, fromReporter: Bool, _ req: Request
    ) async throws {
        guard !evidence.isEmpty else { return }
        let folder = URL(fileURLWithPath: req.sigap.config.dataDirectory).appendingPathComponent("uploads/wbs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for item in evidence {
            let file = WBSFile()
            file.caseID = wbsCase.id!
            file.fromReporter = fromReporter
            file.nameCipher = try req.sigap.wbs.sealText(item.name, with: key)
            file.contentType = item.contentType
            file.storedName = SecretToken.urlSafe(bytes: 18)
            file.addedOn = today(req)
            let sealed = try req.sigap.wbs.seal(item.data, with: key)
            guard
                FileManager.default.createFile(
                    atPath: folder.appendingPathComponent(file.storedName).path, contents: sealed,
                    attributes: [.posixPermissions: 0o600])
            else { throw Abort(.internalServerError, reason: "cannot write evidence") }
            try await file.create(on: req.db)
        }
    }

    static func addMessage(_ text: String, to wbsCase: WBSCase, fromReporter: Bool, author: User?, _ req: Request)
        async throws
    {
        let key = try req.sigap.wbs.unwrap(wbsCase.wrappedKey)
        let count = try await WBSMessage.query(on: req.db).filter(\.$caseID == wbsCase.id!).count()
        let message = WBSMessage()
        message.caseID = wbsCase.id!
        message.fromReporter = fromReporter
        message.authorID = author?.id
        message.bodyCipher = try req.sigap.wbs.sealText(text, with: key)
        message.sentOn = today(req)
        message.serial = count + 1
        try await message.create(on: req.db)
        wbsCase.updatedOn = today(req)
        try await wbsCase.save(on: req.db)
    }

    /// The case opened for reading.
    struct Opened {
        let content: WBSContent
        let identity: String?
        let declineReason: String?
        let messages: [(fromReporter: Bool, on: String, text: String)]
        let files: [(id: UUID, name: String, fromReporter: Bool, on: String)]
    }

    static func open(_ wbsCase: WBSCase, _ req: Request) async throws -> Opened {
        let vault = req.sigap.wbs
        let key = try vault.unwrap(wbsCase.wrappedKey)
        let content = try JSONDecoder().decode(
            WBSContent.self, from: Data(try vault.openText(wbsCase.contentCipher, with: key).utf8))
        let messages = try await WBSMessage.query(on: req.db).filter(\.$caseID == wbsCase.id!).sort(\.$serial).all()
        let files = try await WBSFile.query(on: req.db).filter(\.$caseID == wbsCase.id!).all()
        return Opened(
            content: content, identity: try wbsCase.identityCipher.map { try vault.openText($0, with: key) },
            declineReason: try wbsCase.declineReasonCipher.map { try vault.openText($0, with: key) },
            messages: try messages.map { ($0.fromReporter, $0.sentOn, try vault.openText($0.bodyCipher, with: key)) },
            files: try files.map { ($0.id!, try vault.openText($0.nameCipher, with: key), $0.fromReporter, $0.addedOn) }
        )
    }

    /// The decrypted bytes of one evidence file of the case.
    static func read(_ file: WBSFile, of wbsCase: WBSCase, _ req: Request) throws -> Data {
        let key = try req.sigap.wbs.unwrap(wbsCase.wrappedKey)
        let path = URL(fileURLWithPath: req.sigap.config.dataDirectory).appendingPathComponent("uploads/wbs")
            .appendingPathComponent(file.storedName).path
        guard let sealed = FileManager.default.contents(atPath: path) else { throw AppError.notFound() }
        return try req.sigap.wbs.open(sealed, with: key)
    }

    /// Deletes closed cases older than the retention period, with their files. Returns how many went.
    @discardableResult
    static func purge(_ app: Application) async throws -> Int {
        let cutoff = DateFormatters.shared.string(
            from: app.sigap.clock.now().addingTimeInterval(-Double(app.sigap.config.wbsRetentionDays) * 86_400),
            format: "yyyy-MM-dd", locale: "en_US_POSIX", timeZone: app.sigap.config.timeZone)
        let expired = try await WBSCase.query(on: app.db).filter(\.$closedOn != nil).filter(\.$closedOn < cutoff).all()
        let folder = URL(fileURLWithPath: app.sigap.config.dataDirectory).appendingPathComponent("uploads/wbs")
        for wbsCase in expired {
            let files = try await WBSFile.query(on: app.db).filter(\.$caseID == wbsCase.id!).all()
            for file in files {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(file.storedName))
            }
            try await app.db.transaction { db in
                try await WBSFile.query(on: db).filter(\.$caseID == wbsCase.id!).delete()
                try await WBSMessage.query(on: db).filter(\.$caseID == wbsCase.id!).delete()
                try await wbsCase.delete(on: db)
            }
        }
        return expired.count
    }
}
