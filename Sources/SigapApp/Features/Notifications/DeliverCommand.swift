import Vapor

/// `sigap deliver`: one delivery round, for cron or a node that does not serve.
struct DeliverCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Sends the due notifications once (what the server does every few seconds)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await Bootstrap.prepareDatabase(app)
        for line in app.channelStatus { context.console.output(line.consoleText()) }
        let sent = try await OutboxDelivery(app: app, senders: app.channelSenders, logger: app.logger).runOnce()
        context.console.output("Sent \(sent) messages.".consoleText())
    }
}
