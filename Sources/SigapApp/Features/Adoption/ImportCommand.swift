import Foundation
import Vapor

/// `sigap import wilayah|opd|kategori FILE.csv`: the region's kecamatan and desa (with `--batas` GeoJSON
/// boundaries), agencies and categories (`ReferenceImport`). Bad rows are printed by line and nothing is written.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "wilayah (kecamatan and desa), opd (agencies) or kategori (categories)")
        var what: String
        @Argument(name: "file", help: "The CSV file") var file: String
        @Option(name: "batas", help: "wilayah only: a GeoJSON FeatureCollection of boundaries or centre points")
        var boundaries: String?
        init() {}
    }

    var help: String { "Imports kecamatan and desa, agencies or categories from CSV; importing again updates." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        try await Bootstrap.prepareDatabase(app)
        guard
            let csv = FileManager.default.contents(atPath: signature.file).map({ String(decoding: $0, as: UTF8.self) })
        else {
            console.error("\(signature.file): cannot read the file")
            throw ExitCode(66)
        }
        var boundaries: Data?
        if let path = signature.boundaries {
            guard let data = FileManager.default.contents(atPath: path) else {
                console.error("\(path): cannot read the file")
                throw ExitCode(66)
            }
            boundaries = data
        }
        let serviceContext = app.context()
        do {
            let outcome: ReferenceImport.Outcome
            switch signature.what.lowercased() {
            case "wilayah", "regions":
                outcome = try await ReferenceImport.places(csv: csv, boundaries: boundaries, context: serviceContext)
            case "opd", "agencies":
                outcome = try await ReferenceImport.agencies(csv: csv, context: serviceContext)
            case "kategori", "categories":
                outcome = try await ReferenceImport.categories(csv: csv, context: serviceContext)
            default:
                console.error("Import what? wilayah, opd or kategori — got \"\(signature.what)\"")
                throw ExitCode(64)
            }
            console.output("\(signature.file): \(outcome.description).")
        } catch let rejected as ReferenceImport.Rejected {
            console.error("\(signature.file): nothing imported; fix these lines and import again:")
            for problem in rejected.problems { console.error("  \(problem)") }
            throw ExitCode(65)
        }
    }
}
