import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

@testable import SigapApp

/// A plain SMTP server on a loopback port: records each message's envelope and text, and answers a command with
/// a scripted reply when told to (`RCPT` → `550 …`). The real server with STARTTLS and authentication is
/// aiosmtpd in `scripts/smtp-check`, run by `.ci/run`.
final class FakeSMTP: Sendable {
    struct Mail: Sendable {
        let from: String
        let to: [String]
        let data: String

        /// The decoded text of the base64 body.
        var text: String {
            let body = data.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
                .replacingOccurrences(of: "\r\n", with: "")
            return Data(base64Encoded: body).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
    }

    private let mails = NIOLockedValueBox<[Mail]>([])
    private let script = NIOLockedValueBox<[String: String]>([:])
    private let channel: NIOLockedValueBox<(any Channel)?> = NIOLockedValueBox(nil)

    var received: [Mail] { mails.withLockedValue { $0 } }
    var port: Int { channel.withLockedValue { $0?.localAddress?.port ?? 0 } }

    /// The next `verb` command (MAIL, RCPT, DATA, …) is answered with `reply` instead of success.
    func answer(_ verb: String, with reply: String) { script.withLockedValue { $0[verb] = reply } }

    fileprivate func scripted(_ verb: String) -> String? { script.withLockedValue { $0.removeValue(forKey: verb) } }
    fileprivate func record(_ mail: Mail) { mails.withLockedValue { $0.append(mail) } }

    static func start() async throws -> FakeSMTP {
        let fake = FakeSMTP()
        let bound = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Session(fake: fake))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        fake.channel.withLockedValue { $0 = bound }
        return fake
    }

    func stop() async throws {
        try await channel.withLockedValue { $0 }?.close().get()
    }

    /// Sigap's SMTP settings for this server: plain, no authentication (allowed towards loopback only).
    var settings: AppConfig.SMTPSettings {
        .init(
            host: "127.0.0.1", port: port, security: .none, username: nil, password: nil, from: "sigap@pemkab.test",
            fromName: "Sigap Kabupaten", caFile: nil)
    }

    private final class Session: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        let fake: FakeSMTP
        var pending = ""
        var from = ""
        var to: [String] = []
        var data: [String]?

        init(fake: FakeSMTP) { self.fake = fake }

        func channelActive(context: ChannelHandlerContext) {
            say("220 fake.test ESMTP", context)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            pending += String(buffer: unwrapInboundIn(data))
            while let end = pending.range(of: "\r\n") {
                let line = String(pending[..<end.lowerBound])
                pending.removeSubrange(..<end.upperBound)
                handle(line, context)
            }
        }

        private func handle(_ line: String, _ context: ChannelHandlerContext) {
            if var body = data {
                if line == "." {
                    data = nil
                    fake.record(Mail(from: from, to: to, data: body.joined(separator: "\r\n")))
                    say(fake.scripted("MESSAGE") ?? "250 2.0.0 queued", context)
                } else {
                    body.append(line.hasPrefix("..") ? String(line.dropFirst()) : line)
                    data = body
                }
                return
            }
            let verb = String(line.prefix(while: { $0 != " " && $0 != ":" })).uppercased()
            if let reply = fake.scripted(verb) { return say(reply, context) }
            switch verb {
            case "EHLO": say("250-fake.test\r\n250 SIZE 10000000", context)
            case "MAIL":
                from = line
                say("250 2.1.0 ok", context)
            case "RCPT":
                to.append(line)
                say("250 2.1.5 ok", context)
            case "DATA":
                data = []
                say("354 go ahead", context)
            case "QUIT":
                say("221 bye", context)
                context.close(promise: nil)
            default: say("502 5.5.2 not implemented", context)
            }
        }

        private func say(_ reply: String, _ context: ChannelHandlerContext) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: reply + "\r\n")), promise: nil)
        }
    }
}

/// Runs `test` with Sigap sending e-mail to a fake SMTP server.
func withMail<T>(_ test: (TestContext, FakeSMTP) async throws -> T) async throws -> T {
    try await withFake(
        try await FakeSMTP.start(), stop: { try await $0.stop() }, configure: { $0.smtp = $1.settings }, test)
}
