import Fluent
import Foundation
import SigapCore
import Vapor

/// `sigap open311-key issue <name> <contact>`: issues an integration's Open311 key from the shell (the key is
/// printed once), in the name of the first admin account, as `/dasbor/admin/open311` does; `list` shows the
/// integrations and whether their keys are live.
struct Open311KeyCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "issue or list") var action: String
        @Option(name: "name", help: "the integration's name (issue)") var name: String?
        @Option(name: "contact", help: "who to call about it (issue)") var contact: String?
        init() {}
    }

    var help: String { "Issues an Open311 key for an integration, or lists the integrations." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await Bootstrap.prepareDatabase(app)
        switch signature.action {
        case "issue":
            guard let name = signature.name?.trimmedOrNil, let contact = signature.contact?.trimmedOrNil else {
                throw Abort(.badRequest, reason: "give --name and --contact")
            }
            guard let admin = try await User.query(on: app.db).filter(\.$role == .admin).sort(\.$createdAt).first()
            else { throw Abort(.badRequest, reason: "no admin account yet: start sigap once first") }
            let (_, secret) = try await Open311Keys.issue(
                name: name, contact: contact, context: app.context(acting: admin))
            context.console.output("\(secret)")
        case "list":
            for key in try await Open311Key.query(on: app.db).sort(\.$createdAt).all() {
                let state = key.revokedAt == nil ? "live" : "revoked"
                context.console.output("\(key.keyHint)…  \(state)  \(key.name) (\(key.contact))")
            }
        default:
            throw Abort(.badRequest, reason: "expected issue or list")
        }
    }
}
