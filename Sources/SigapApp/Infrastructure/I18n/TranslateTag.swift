import Leaf
import Vapor

/// `#t("key")` or `#t("key", arg)` in templates: catalog text in the request's language (HTML-escaped).
struct TranslateTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let key = ctx.parameters.first?.string, let request = ctx.request else {
            throw Abort(.internalServerError, reason: "#t needs a key")
        }
        let arguments = ctx.parameters.dropFirst().map { $0.string ?? "" }
        return .string(request.application.catalog.text(key, request.language, Array(arguments)))
    }
}
