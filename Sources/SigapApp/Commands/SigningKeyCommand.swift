import Foundation
import SigapCore
import Vapor

/// `sigap signing-key rotate`: writes a new signing key into `DATA_DIR/signing-keys/` (0600); from the next
/// start it signs new certificates, and the older keys stay there to verify the certificates they signed.
/// `sigap signing-key list`: the keys' ids and public keys (for `SIGAP_SIGNING_RETIRED_KEYS` when a key file is
/// retired to offline storage).
struct SigningKeyCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "rotate or list") var action: String
        init() {}
    }

    var help: String { "Rotates the key certificates are signed with, or lists the keys (ids and public keys)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let folder = context.application.sigap.config.dataDirectory
        switch signature.action {
        case "rotate":
            let key = try SigningKeys.generate(in: folder)
            context.console.output(
                "New signing key \(key.id) written to \(SigningKeys.folder(folder))/\(key.id).key (mode 0600). Restart "
                    + "Sigap to sign with it; the older keys keep verifying what they signed.")
        case "list":
            let keys = context.application.sigap.signingKeys
            for id in keys.ids {
                let marker = id == keys.signer.id ? " (signs now)" : ""
                context.console.output("\(id):\(Multikey.encode(keys.verifying[id]!))\(marker)")
            }
        default:
            throw Abort(.badRequest, reason: "expected rotate or list")
        }
    }
}
