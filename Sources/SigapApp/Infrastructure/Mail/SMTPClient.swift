import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import SigapCore

/// Sends one e-mail per connection to the configured SMTP server (RFC 5321): TLS from the first byte or STARTTLS
/// before anything else is said (the server's certificate checked against the system's authorities or
/// `SIGAP_SMTP_CA_FILE`), AUTH PLAIN or LOGIN when a username is set, then MAIL, RCPT, DATA. A message goes
/// out rarely enough (receipts, codes) that a connection per message is simpler than a pool and costs nothing.
struct SMTPClient: Sendable {
    let settings: AppConfig.SMTPSettings
    let group: any EventLoopGroup
    /// The whole exchange, connection included, must finish within this.
    var timeout: TimeInterval = 60

    enum Failure: Error, CustomStringConvertible {
        /// The server answered `code` where another was expected.
        case refused(step: String, reply: SMTPReply)
        /// STARTTLS or the authentication the settings ask for is not offered: nothing was sent in clear.
        case notOffered(String)
        case closed
        case timedOut

        var description: String {
            switch self {
            case .refused(let step, let reply):
                "\(step): \(reply.code) \(reply.lines.joined(separator: " ").prefix(200))"
            case .notOffered(let what): "the server does not offer \(what)"
            case .closed: "the server closed the connection"
            case .timedOut: "no answer in time"
            }
        }

        /// Only a refusal of this recipient or this message (5xx to RCPT or to the message) is for good. Anything
        /// else — 4xx, a lost connection, a refused login or missing STARTTLS — is the server's or the settings'
        /// problem: retried, so the messages go out once an operator fixes it.
        var isTransient: Bool {
            if case .refused(let step, let reply) = self, step == "RCPT" || step == "message" {
                return reply.isTransient
            }
            return true
        }
    }

    func send(_ message: MailMessage) async throws {
        let tls = settings.security == .none ? nil : try NIOSSLContext(configuration: tlsConfiguration())
        // SNI and the certificate's name check take a host name; an address literal is checked by its chain only.
        let serverName = settings.host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? nil : settings.host
        let implicitTLS = settings.security == .tls
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(Int64(min(timeout, 15))))
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicitTLS, let tls {
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let timedOut = NIOLockedValueBox(false)
        let deadline = Task { [timeout] in
            try await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
            timedOut.withLockedValue { $0 = true }
            channel.channel.close(promise: nil)  // ends the conversation below
        }
        defer { deadline.cancel() }
        do {
            try await channel.executeThenClose { inbound, outbound in
                var session = Session(inbound: inbound.makeAsyncIterator(), outbound: outbound)
                try await converse(&session, message: message, tls: tls, serverName: serverName, raw: channel.channel)
            }
        } catch {
            if timedOut.withLockedValue({ $0 }) { throw Failure.timedOut }
            throw error
        }
    }

    private func converse(
        _ session: inout Session, message: MailMessage, tls: NIOSSLContext?, serverName: String?, raw: any Channel
    ) async throws {
        try await session.expect(220, step: "greeting")
        let hello = "EHLO " + Self.helloName(from: settings.from)
        var capabilities = try await session.command(hello, expect: 250)
        if settings.security == .starttls, let tls {
            guard capabilities.advertises("STARTTLS") else { throw Failure.notOffered("STARTTLS") }
            try await session.command("STARTTLS", expect: 220)
            try await raw.eventLoop.submit {
                try raw.pipeline.syncOperations.addHandler(
                    try NIOSSLClientHandler(context: tls, serverHostname: serverName), position: .first)
            }.get()
            capabilities = try await session.command(hello, expect: 250)  // what the server offers under TLS
        }
        if let username = settings.username, let password = settings.password {
            let mechanisms = capabilities.authMechanisms
            if mechanisms.contains("PLAIN") {
                try await session.command(
                    "AUTH PLAIN " + smtpPlainCredentials(username: username, password: password), expect: 235,
                    step: "AUTH PLAIN")
            } else if mechanisms.contains("LOGIN") {
                try await session.command("AUTH LOGIN", expect: 334)
                try await session.command(Data(username.utf8).base64EncodedString(), expect: 334, step: "AUTH LOGIN")
                try await session.command(Data(password.utf8).base64EncodedString(), expect: 235, step: "AUTH LOGIN")
            } else {
                throw Failure.notOffered("AUTH PLAIN or LOGIN")
            }
        }
        try await session.command("MAIL FROM:<\(settings.from)>", expect: 250)
        try await session.command("RCPT TO:<\(message.to)>", expect: 250, 251)
        try await session.command("DATA", expect: 354)
        try await session.command(MailMessage.dotStuffed(message.rendered) + ".", expect: 250, step: "message")
        try? await session.command("QUIT", expect: 221)
    }

    /// The domain of the sender's address names this client in EHLO.
    static func helloName(from address: String) -> String {
        address.split(separator: "@").last.map(String.init) ?? "localhost"
    }

    private func tlsConfiguration() -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if let caFile = settings.caFile { configuration.trustRoots = .file(caFile) }
        return configuration
    }

    /// One connection's reading and writing: lines in, commands out.
    private struct Session {
        var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
        var pending = ""
        var parser = SMTPReply.Parser()

        mutating func nextReply() async throws -> SMTPReply {
            while true {
                while let end = pending.range(of: "\r\n") {
                    let line = String(pending[..<end.lowerBound])
                    pending.removeSubrange(..<end.upperBound)
                    if let reply = try parser.add(line) { return reply }
                }
                guard pending.utf8.count < 64 * 1024, let chunk = try await inbound.next() else { throw Failure.closed }
                pending += String(buffer: chunk)
            }
        }

        mutating func expect(_ codes: Int..., step: String) async throws {
            let reply = try await nextReply()
            guard codes.contains(reply.code) else { throw Failure.refused(step: step, reply: reply) }
        }

        @discardableResult
        mutating func command(_ line: String, expect codes: Int..., step: String? = nil) async throws -> SMTPReply {
            try await outbound.write(ByteBuffer(string: line + "\r\n"))
            let reply = try await nextReply()
            guard codes.contains(reply.code) else {
                throw Failure.refused(
                    step: step ?? String(line.prefix(while: { $0 != " " && $0 != ":" })), reply: reply)
            }
            return reply
        }
    }
}
