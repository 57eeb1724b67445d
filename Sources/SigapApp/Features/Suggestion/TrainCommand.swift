import Vapor

/// `sigap train`: rebuilds the category-suggestion model from the categories and the verified reports.
struct TrainCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Retrains the category suggestion from category keywords and verified reports." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await Bootstrap.prepareDatabase(app)
        let model = try await app.sigap.suggester.train(app.context())
        let summary = "Trained on \(model.examples) examples for \(model.labels.count) categories."
        context.console.output(summary.consoleText())
    }
}
