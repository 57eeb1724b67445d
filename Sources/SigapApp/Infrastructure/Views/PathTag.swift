import Foundation
import Leaf
import Vapor

/// `#path("name", segment…)`: a path from `SiteURL.named`, with each further parameter appended as a
/// percent-encoded segment, so templates never spell a path that handlers and redirects could disagree with.
struct PathTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let name = ctx.parameters.first?.string, let base = SiteURL.named[name] else {
            throw Abort(.internalServerError, reason: "#path: unknown path \(ctx.parameters.first?.description ?? "")")
        }
        let segments = ctx.parameters.dropFirst().map { parameter in
            (parameter.string ?? parameter.description)
                .addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? ""
        }
        guard !segments.isEmpty else { return .string(base) }
        return .string((base == "/" ? "" : base) + "/" + segments.joined(separator: "/"))
    }
}
